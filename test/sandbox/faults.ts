// Fault injection: which faults apply to a request, and how each misbehaving reply is written.
// The faults imitate what sits between a client and a real server (login-page proxies, gateways
// answering 502/503, dropped connections) as well as a server answering nonsense.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { JSON_TYPE, writeText } from './reply';
import type { Fault, FaultRoute } from './types';

interface ActiveFault {
  fault: Fault;
  remaining: number;
}

export interface MatchedFaults {
  /** Total delay of the matching 'delay' faults, applied before anything else. */
  delayMs: number;
  /** The first matching non-delay fault, which replaces the normal handling. */
  fault?: Fault;
}

const FAULT_KINDS = new Set([
  'delay',
  'html',
  'status',
  'reset',
  'truncatedJson',
  'wrongShape',
  'hugeBody',
  'hugeRoom',
  'slowBody',
  'trickleBody',
  'redirect',
  'duplicateIds',
]);

export class FaultList {
  private active: ActiveFault[] = [];

  add(fault: Fault): void {
    if (!FAULT_KINDS.has(fault.kind)) {
      throw new Error(`unknown fault kind ${JSON.stringify(fault.kind)}`);
    }
    if (fault.times !== undefined && !(fault.times >= 0)) {
      throw new Error('fault.times must be a non-negative number');
    }
    this.active.push({ fault: { ...fault }, remaining: fault.times ?? Infinity });
  }

  clear(): void {
    this.active = [];
  }

  /** Finds the faults for this request and uses up one of each one's `times`. */
  take(route: FaultRoute, method: string, roomId?: string): MatchedFaults {
    const matched: MatchedFaults = { delayMs: 0 };
    for (const entry of this.active) {
      const { fault } = entry;
      if (
        entry.remaining <= 0 ||
        (fault.route ?? 'rtc') !== route ||
        (fault.method !== undefined && fault.method.toUpperCase() !== method) ||
        (fault.roomId !== undefined && fault.roomId !== roomId)
      ) {
        continue;
      }
      entry.remaining--;
      if (fault.kind === 'delay') {
        matched.delayMs += fault.delayMs ?? 0;
      } else {
        matched.fault = fault;
        break;
      }
    }
    this.active = this.active.filter((entry) => entry.remaining > 0);
    return matched;
  }
}

const LOGIN_PAGE = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>WorldClient - Sign In</title></head>
<body><form method="post" action="/WorldClient.dll?View=Main">
<label>Email address <input name="User" type="email"></label>
<label>Password <input name="Password" type="password"></label>
<button type="submit">Sign In</button></form></body></html>
`;

/** A captive portal or reverse proxy's login page in place of the API's JSON; with echoUrl, an error page quoting the URL asked for. */
export function writeHtmlLoginPage(res: ServerResponse, echoedUrl?: string): void {
  const page = echoedUrl === undefined ? LOGIN_PAGE : `<html><body>Not here: ${escapeHtml(echoedUrl)}</body></html>\n`;
  writeText(res, 200, 'text/html; charset=utf-8', page);
}

/** A redirect (to a login page, or to https://) that carries the request's path and query along. */
export function writeRedirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { Location: location, 'Content-Type': 'text/html', 'Cache-Control': 'no-store' });
  res.end('<a href="login">Moved</a>');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function writeStatusFault(res: ServerResponse, fault: Fault): void {
  const headers: Record<string, string> = fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {};
  writeText(res, fault.status ?? 500, JSON_TYPE, JSON.stringify({ error: fault.errorName ?? 'ServerError' }), headers);
}

/**
 * A 200 reply whose body never ends: one byte of JSON whitespace every `trickleEveryMs`, each
 * gap well inside any read timeout, until the client hangs up or the sandbox stops.
 */
export async function writeTrickleBody(res: ServerResponse, fault: Fault, signal: AbortSignal): Promise<void> {
  res.writeHead(200, { 'Content-Type': JSON_TYPE, 'Cache-Control': 'no-store' });
  res.write('{"rooms":[');
  while (!res.destroyed && !signal.aborted) {
    try {
      await sleep(fault.trickleEveryMs ?? 200, undefined, { signal });
    } catch {
      break;
    }
    if (!res.destroyed) {
      res.write(' ');
    }
  }
  if (!res.destroyed) {
    res.destroy();
  }
}

/** Drops the connection without a byte of reply, like a crashed server or a reset by a middlebox. */
export function resetConnection(req: IncomingMessage): void {
  req.socket.destroy();
}

/** A complete HTTP reply whose JSON stops in the middle: the client's parser, not its network code, must cope. */
export function writeTruncatedJson(res: ServerResponse, fullJson: string): void {
  writeText(res, 200, JSON_TYPE, fullJson.slice(0, Math.max(1, Math.floor(fullJson.length / 2))));
}

export function wrongShapePayload(isRoomsList: boolean): unknown {
  return isRoomsList ? { rooms: 'not-an-array' } : { messages: {} };
}

/** A list that names the same room ids twice, as a buggy server might: the first two rooms again at the end. */
export function withDuplicateRooms(payload: unknown): unknown {
  const rooms = (payload as { rooms?: unknown } | undefined)?.rooms;
  return Array.isArray(rooms) ? { ...(payload as object), rooms: [...rooms, ...rooms.slice(0, 2)] } : payload;
}

/** The reply's first bytes at once, the rest after a pause: what a client sees of a big reply on a slow link. */
export async function writeSlowBody(res: ServerResponse, status: number, json: string, fault: Fault, signal: AbortSignal): Promise<void> {
  const body = Buffer.from(json);
  const firstBytes = Math.min(body.length, fault.firstBytes ?? 16 * 1024);
  res.writeHead(status, { 'Content-Type': JSON_TYPE, 'Content-Length': String(body.length), 'Cache-Control': 'no-store' });
  res.write(body.subarray(0, firstBytes));
  await sleep(fault.delayMs ?? 2000, undefined, { signal });
  if (!res.destroyed) {
    res.end(body.subarray(firstBytes));
  }
}

export const DEFAULT_HUGE_BODY_BYTES = 50 * 1024 * 1024;

/** Streams a valid rooms list of about `bytes` bytes, never holding it all in memory. */
export async function writeHugeBody(res: ServerResponse, bytes: number): Promise<void> {
  const prefix = '{"rooms":[';
  const suffix = ']}';
  const entry = (i: number): string =>
    `{"id":"huge-${String(i).padStart(9, '0')}","started":"2025-01-01T00:00:00.000Z","ended":"",` +
    '"members":"alice@example.com,bob@example.com","hasMessages":false}';
  const entryLength = entry(0).length;
  const count = Math.max(1, Math.floor((bytes - prefix.length - suffix.length + 1) / (entryLength + 1)));
  const total = prefix.length + count * entryLength + (count - 1) + suffix.length;
  res.writeHead(200, { 'Content-Type': JSON_TYPE, 'Content-Length': String(total), 'Cache-Control': 'no-store' });
  res.write(prefix);
  const batch = 8192;
  for (let start = 0; start < count && !res.destroyed; start += batch) {
    const parts: string[] = [];
    for (let i = start; i < Math.min(count, start + batch); i++) {
      parts.push(entry(i + 1));
    }
    const text = (start === 0 ? '' : ',') + parts.join(',');
    if (!res.write(text)) {
      await drainOrClose(res);
    }
  }
  if (!res.destroyed) {
    res.end(suffix);
  }
}

/**
 * The parts of a room reply with about `bytes` bytes of `{}` messages: what a hostile or broken
 * server could send, cheap to serve (and for tests to rebuild) however big.
 */
export function* hugeRoomParts(roomId: string, bytes: number): Generator<string> {
  const prefix = `{"id":${JSON.stringify(roomId)},"started":"","ended":"","members":"","messages":[`;
  const count = Math.max(1, Math.floor((bytes - prefix.length - 2) / 3));
  yield prefix;
  const batch = `{},`.repeat(64 * 1024);
  let left = count - 1;
  for (; left >= 64 * 1024; left -= 64 * 1024) {
    yield batch;
  }
  yield `{},`.repeat(left);
  yield '{}]}';
}

/** The length of the reply hugeRoomParts makes, without making it. */
export function hugeRoomLength(roomId: string, bytes: number): number {
  const prefixLength = Buffer.byteLength(`{"id":${JSON.stringify(roomId)},"started":"","ended":"","members":"","messages":[`);
  const count = Math.max(1, Math.floor((bytes - prefixLength - 2) / 3));
  return prefixLength + count * 3 - 1 + 2;
}

/** Streams hugeRoomParts with its Content-Length, waiting for the client between writes. */
export async function writeHugeRoom(res: ServerResponse, roomId: string, bytes: number): Promise<void> {
  res.writeHead(200, { 'Content-Type': JSON_TYPE, 'Content-Length': String(hugeRoomLength(roomId, bytes)), 'Cache-Control': 'no-store' });
  for (const part of hugeRoomParts(roomId, bytes)) {
    if (res.destroyed) {
      return;
    }
    if (!res.write(part)) {
      await drainOrClose(res);
    }
  }
  res.end();
}

function drainOrClose(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
