// One request's way through the sandbox: record it, route it, apply faults, check the session
// and CSRF token, run the handler, and write the reply in the configured error style.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Authenticator } from './authenticate';
import { parseBody, readBody, type Body } from './body';
import {
  DEFAULT_HUGE_BODY_BYTES,
  resetConnection,
  writeHtmlLoginPage,
  writeHugeBody,
  writeHugeRoom,
  writeSlowBody,
  writeStatusFault,
  withDuplicateRooms,
  writeRedirect,
  writeTrickleBody,
  writeTruncatedJson,
  wrongShapePayload,
  type FaultList,
} from './faults';
import { ApiError, applyErrorStyle, ok, writeJson, writeText, JSON_TYPE, type ErrorStyle, type JsonReply } from './reply';
import { handleRtc } from './rtc';
import { allowedMethods, matchRoute, parseTarget, servesRoute, type Route, type Target } from './routing';
import { sessionTokenOf, type Session, type SessionRegistry } from './sessions';
import type { RoomStore } from './store';
import type { Fault, RequestRecord } from './types';

export interface SandboxContext {
  readonly store: RoomStore;
  readonly sessions: SessionRegistry;
  readonly authenticator: Authenticator;
  readonly faults: FaultList;
  readonly requests: RequestRecord[];
  readonly errorStyle: ErrorStyle;
  readonly rejectEncodedSlashInPath: boolean;
  readonly version: string;
  /** Routes that arrived after this API version are unknown to the server. */
  readonly apiVersion: string;
  /** Aborted by stop(), so delayed requests do not hold the process open. */
  readonly signal: AbortSignal;
  readonly onRequest?: (record: RequestRecord) => void;
}

export function createRequestHandler(ctx: SandboxContext): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(ctx, req, res).catch(() => {
      // Only reached when the connection is already gone (client abort, stop()); nobody to tell.
      req.socket.destroy();
    });
  };
}

interface Incoming {
  req: IncomingMessage;
  method: string;
  target: Target;
}

async function handle(ctx: SandboxContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const target = parseTarget(req.url ?? '/');
  const record: RequestRecord = {
    method,
    path: target.rawPath,
    query: Object.fromEntries(target.query),
    headers: { ...req.headers },
    status: 0,
  };
  ctx.requests.push(record);
  res.on('finish', () => {
    record.status = res.statusCode;
  });
  res.on('close', () => notify(ctx, record));
  const send = (reply: JsonReply): void => writeJson(res, applyErrorStyle(reply, ctx.errorStyle));

  let route: Route;
  try {
    route = matchRoute(target, ctx.rejectEncodedSlashInPath);
    if (!servesRoute(ctx.apiVersion, route.name)) {
      throw new ApiError('NotFound');
    }
    const allowed = allowedMethods(route);
    if (!allowed.includes(method)) {
      throw new ApiError('MethodNotAllowed', {}, { Allow: allowed.join(', ') });
    }
  } catch (err) {
    await readBody(req).catch(() => undefined);
    send(toReply(err));
    return;
  }

  const matched = ctx.faults.take(route.name, method, route.name === 'rtc' ? route.id : undefined);
  if (matched.delayMs > 0) {
    await sleep(matched.delayMs, undefined, { signal: ctx.signal });
  }
  if (matched.fault?.kind === 'reset') {
    resetConnection(req);
    return;
  }
  let raw: Buffer;
  try {
    raw = await readBody(req);
  } catch (err) {
    if (!(err instanceof ApiError)) {
      throw err;
    }
    send(err.toReply());
    return;
  }
  const incoming: Incoming = { req, method, target };
  if (matched.fault) {
    await writeFault(ctx, res, matched.fault, () => respond(ctx, route, incoming, raw), route, method, req.url ?? '/');
    return;
  }
  send(respond(ctx, route, incoming, raw));
}

/** Every fault but 'delay' and 'slowBody' stands in for the handler, so a faulted write never reaches the store. */
async function writeFault(
  ctx: SandboxContext,
  res: ServerResponse,
  fault: Fault,
  normalReply: () => JsonReply,
  route: Route,
  method: string,
  url: string,
): Promise<void> {
  const isRoomsList = route.name === 'rtc' && route.target === 'rooms' && route.id === undefined && method === 'GET';
  switch (fault.kind) {
    case 'html':
      return writeHtmlLoginPage(res, fault.echoUrl ? url : undefined);
    case 'redirect':
      return writeRedirect(res, fault.location ?? `https://login.example.invalid${url}`);
    case 'status':
      return writeStatusFault(res, fault);
    case 'wrongShape':
      return writeText(res, 200, JSON_TYPE, JSON.stringify(wrongShapePayload(isRoomsList)));
    case 'duplicateIds': {
      const reply = applyErrorStyle(normalReply(), ctx.errorStyle);
      return writeText(res, reply.status, JSON_TYPE, JSON.stringify(isRoomsList ? withDuplicateRooms(reply.payload) : reply.payload));
    }
    case 'hugeBody':
      return writeHugeBody(res, fault.hugeBodyBytes ?? DEFAULT_HUGE_BODY_BYTES);
    case 'hugeRoom':
      return writeHugeRoom(res, route.name === 'rtc' ? (route.id ?? '') : '', fault.hugeBodyBytes ?? DEFAULT_HUGE_BODY_BYTES);
    case 'trickleBody':
      return writeTrickleBody(res, fault, ctx.signal);
    case 'slowBody': {
      const reply = applyErrorStyle(normalReply(), ctx.errorStyle);
      return writeSlowBody(res, reply.status, JSON.stringify(reply.payload), fault, ctx.signal);
    }
    case 'truncatedJson': {
      // GETs change nothing, so the real reply can be cut; for writes, cut what success would have said.
      const reply = method === 'GET' ? applyErrorStyle(normalReply(), ctx.errorStyle).payload : { success: true };
      return writeTruncatedJson(res, JSON.stringify(reply));
    }
    case 'delay':
    case 'reset':
      return;
  }
}

function respond(ctx: SandboxContext, route: Route, incoming: Incoming, raw: Buffer): JsonReply {
  try {
    return dispatch(ctx, route, incoming, raw);
  } catch (err) {
    return toReply(err);
  }
}

function dispatch(ctx: SandboxContext, route: Route, { req, method, target }: Incoming, raw: Buffer): JsonReply {
  const body = (): Body => parseBody(raw, req.headers['content-type'], target.query);
  const requireSession = (): Session => {
    const session = ctx.sessions.require(sessionTokenOf(req.headers, target.query));
    ctx.sessions.requireCsrf(session, method, req.headers);
    return session;
  };
  switch (route.name) {
    case 'settings':
      return settings(ctx, target.query);
    case 'ping':
      // Would extend the session's lifetime; sandbox sessions only end by expireSessions() or logout.
      requireSession();
      return ok({ pong: true });
    case 'authenticate':
      if (route.action === 'basic') {
        return ctx.authenticator.basic(body(), req.headers.cookie);
      }
      if (route.action === '2fa') {
        return method === 'GET' ? ctx.authenticator.sendCode(target.query) : ctx.authenticator.finishTwoFactor(body());
      }
      return ctx.authenticator.logout(requireSession());
    case 'rtc':
      requireSession();
      return handleRtc(ctx.store, { method, target: route.target, id: route.id, body: method === 'PUT' ? body() : {} });
  }
}

function settings(ctx: SandboxContext, query: URLSearchParams): JsonReply {
  const what = query.get('logon_settings');
  if (what === 'version') {
    return ok({ version: ctx.version });
  }
  const loginToken = what === 'login_token' ? ctx.authenticator.issueLoginToken(query.get('data')) : null;
  if (loginToken) {
    return loginToken;
  }
  // The sandbox has no other settings; a real server has many, but nothing here needs them.
  throw what === null ? new ApiError('NotFound') : new ApiError('InvalidParameter', { parameter: 'logon_settings' });
}

function toReply(err: unknown): JsonReply {
  return err instanceof ApiError ? err.toReply() : new ApiError('ServerError', { detail: String(err) }).toReply();
}

function notify(ctx: SandboxContext, record: RequestRecord): void {
  try {
    ctx.onRequest?.(record);
  } catch {
    // A logging hook must never break the server.
  }
}
