import { cutText } from '../shared/cutText';
import { visible } from '../shared/inertText';
import { WorldClientError, type WorldClientErrorKind } from './errors';
import { redactedHead } from './redact';
import { parseJsonInSlices } from './slicedJson';
import type { Credentials } from './types';

/** One HTTP answer as the transport read it: the body read once, as text. */
export interface RawReply {
  status: number;
  contentType: string;
  location?: string;
  retryAfter?: string;
  /** The reply's Set-Cookie headers, for the sign-in's login token; empty for almost every reply. */
  setCookies: readonly string[];
  text: string;
  bytes: number;
  /** Gives the reply's share of the reply budget back: called once it is parsed (or dropped). */
  release?: () => void;
}

/** A reply whose body was parsed once; `json` is undefined for an empty or non-JSON body. */
export interface ParsedReply extends RawReply {
  json: unknown;
  parseError?: string;
  /** The `error` of an `{"error": ...}` body, redacted and sanitised; undefined when there is none. */
  errorName?: string;
  /** The start of the body with every secret redacted, for messages; never the raw text. */
  textHead: string;
  /** The Location header with every secret redacted. */
  location?: string;
}

/** How much of a body a failure message may quote from (before it is shortened further). */
const QUOTABLE_CHARS = 512;

/**
 * Parses the body once. `secrets` (the session, CSRF token, passwords of this call) are
 * redacted from every part a message may quote (start of the body, Location, error name)
 * before anything is cut, so no cut can leave part of a secret behind.
 */
export function parseReply(raw: RawReply, secrets: readonly (string | undefined)[] = []): ParsedReply {
  const quotable = {
    textHead: redactedHead(raw.text, secrets, QUOTABLE_CHARS),
    location: raw.location === undefined ? undefined : redactedHead(raw.location, secrets, QUOTABLE_CHARS),
  };
  const parsed = parseBody(raw, secrets);
  return { ...parsed, ...quotable };
}

/** Bodies above this are parsed in slices that yield (slicedJson.ts), not in one JSON.parse that holds the host. */
const SLICED_PARSE_MIN_CHARS = 4 * 1024 * 1024;

/** As parseReply, but a big body is parsed in slices, between which the extension host answers other work. */
export async function parseReplyInSlices(raw: RawReply, secrets: readonly (string | undefined)[] = []): Promise<ParsedReply> {
  if (raw.text.length < SLICED_PARSE_MIN_CHARS) {
    return parseReply(raw, secrets);
  }
  const textHead = redactedHead(raw.text, secrets, QUOTABLE_CHARS);
  const location = raw.location === undefined ? undefined : redactedHead(raw.location, secrets, QUOTABLE_CHARS);
  try {
    const json = await parseJsonInSlices(raw.text.charCodeAt(0) === 0xfeff ? raw.text.slice(1) : raw.text);
    return { ...raw, json, errorName: errorNameOf(json, secrets), textHead, location };
  } catch (error) {
    return { ...raw, json: undefined, parseError: (error as Error).message, textHead, location };
  }
}

function parseBody(raw: RawReply, secrets: readonly (string | undefined)[]): Omit<ParsedReply, 'textHead'> {
  // Skip a UTF-8 byte order mark, which JSON.parse rejects; checked without copying the text otherwise.
  const text = raw.text.charCodeAt(0) === 0xfeff ? raw.text.slice(1) : raw.text;
  if (isBlank(text)) {
    return { ...raw, json: undefined };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ...raw, json: undefined, parseError: (error as Error).message };
  }
  return { ...raw, json, errorName: errorNameOf(json, secrets) };
}

/** Whether the text is empty or whitespace only, without copying a big body the way trim() may. */
function isBlank(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) {
      return false;
    }
  }
  return true;
}

function errorNameOf(json: unknown, secrets: readonly (string | undefined)[]): string | undefined {
  if (typeof json !== 'object' || json === null || !('error' in json)) {
    return undefined;
  }
  const error = (json as { error: unknown }).error;
  const text = typeof error === 'string' ? error : (JSON.stringify(error) ?? String(error));
  // Newlines and bidi controls shown rather than flattened: the name is one of the server's values.
  return cutText(visible(redactedHead(text, secrets, QUOTABLE_CHARS)), 80) || '(empty)';
}

/** The new credentials in a remembered user's `{"error":"InvalidSession","new_session":...}` reply, if any. */
export function renewedCredentials(reply: ParsedReply): Credentials | undefined {
  if (reply.errorName !== 'InvalidSession') {
    return undefined;
  }
  const body = reply.json as { new_session?: unknown; csrf_token?: unknown };
  if (typeof body.new_session !== 'string' || body.new_session === '') {
    return undefined;
  }
  return { session: body.new_session, csrfToken: typeof body.csrf_token === 'string' ? body.csrf_token : undefined };
}

/** How to word a failed answer: which operation, and whether it was a sign-in (where 401/400/404 mean "refused"). */
export interface ReplyContext {
  what: string;
  /** The room concerned, for "room ... does not exist" wording. */
  roomId?: string;
  signIn?: boolean;
  /** A write sent without a CSRF token (a session pasted without one): a 403 then says so. */
  withoutCsrf?: boolean;
}

/**
 * Success: the parsed JSON (undefined for an empty body). Failure, whatever the status when
 * the body has an `error` key: a WorldClientError worded for the user.
 */
export function interpretReply(reply: ParsedReply, context: ReplyContext): unknown {
  const { status } = reply;
  if (reply.errorName !== undefined || status >= 400) {
    throw failedAnswer(reply, context);
  }
  if (status >= 300) {
    const where = reply.location ? ` to ${sanitiseSnippet(reply.location, 120)}` : '';
    throw new WorldClientError(
      'notJson',
      `Could not ${context.what}: the server redirected the request${where} (HTTP ${status}) instead of answering. ` +
        'Set the server URL to the address it redirects to (for example https:// instead of http://).',
      { status },
    );
  }
  if (reply.parseError !== undefined) {
    throw notJsonAnswer(reply, context);
  }
  return reply.json;
}

function failedAnswer(reply: ParsedReply, context: ReplyContext): WorldClientError {
  const { status, errorName } = reply;
  const page = errorName === undefined && reply.parseError !== undefined ? `, ${pageKind(reply)}` : '';
  const label = `${status}${errorName ? ` ${errorName}` : ''}${page}`;
  const details = { status, serverError: errorName };
  if (context.signIn) {
    const refusal = signInRefusal(status, errorName);
    if (refusal) {
      return new WorldClientError('signInRefused', `Could not ${context.what}: ${refusal} (${label}).`, details);
    }
  }
  const kind = kindOf(status, errorName);
  return new WorldClientError(
    kind,
    `Could not ${context.what}: ${explain(kind, context, reply)} (${label}). ${advice(kind, context, reply)}`,
    details,
  );
}

function kindOf(status: number, errorName: string | undefined): WorldClientErrorKind {
  if (status === 401 || errorName === 'Unauthorized' || errorName === 'InvalidSession') {
    return 'sessionExpired';
  }
  if (status === 403 || errorName === 'Forbidden') {
    return 'forbidden';
  }
  if (status === 404 || (errorName?.endsWith('NotFound') ?? false)) {
    return 'notFound';
  }
  if (status === 409 || (errorName?.endsWith('Exists') ?? false)) {
    return 'conflict';
  }
  if (status >= 500 || status === 429 || errorName === 'ServerError') {
    return 'serverError';
  }
  return 'badRequest';
}

function explain(kind: WorldClientErrorKind, context: ReplyContext, reply: ParsedReply): string {
  const room = context.roomId === undefined ? 'the room' : `the room ${quoteId(context.roomId)}`;
  switch (kind) {
    case 'sessionExpired':
      return 'the session has expired or is no longer valid';
    case 'forbidden':
      return context.withoutCsrf
        ? 'the server refused the change as forbidden: the CSRF token is missing (the session was pasted without one)'
        : 'the server refused the request as forbidden; ' +
            'for a change this usually means the CSRF token is missing or does not belong to the session';
    case 'notFound':
      return reply.errorName === 'RoomNotFound' || (context.roomId !== undefined && reply.errorName?.endsWith('NotFound'))
        ? `${room} does not exist on the server`
        : 'the server does not know this API address';
    case 'conflict':
      return `${room} already exists`;
    case 'serverError':
      return reply.status === 429 ? 'the server is busy and asked us to slow down' : 'the server failed while handling the request';
    default:
      return 'the server rejected the request';
  }
}

function advice(kind: WorldClientErrorKind, context: ReplyContext, reply: ParsedReply): string {
  switch (kind) {
    case 'sessionExpired':
      return 'Sign in again.';
    case 'forbidden':
      return context.withoutCsrf
        ? 'Paste the CSRF token with the session, or sign in with the password, which gets one.'
        : 'Sign in again to get a fresh CSRF token; if it still fails, your account may not be allowed to do this.';
    case 'notFound':
      return reply.errorName?.endsWith('NotFound') && context.roomId !== undefined
        ? 'It may have been deleted; refresh the room list.'
        : 'Check the server URL, and that the server supports the RTC API (WorldClient API 3.4 or later).';
    case 'conflict':
      return 'Choose another id, or delete the existing room first.';
    case 'serverError': {
      const wait = reply.retryAfter ? ` The server asked to wait ${describeRetryAfter(reply.retryAfter)} before trying again.` : '';
      return `Try again later; if it keeps failing, check the server's logs.${wait}`;
    }
    default:
      return 'Check what you entered; if it looks right, try the other URL style setting, as some servers read parameters differently.';
  }
}

function describeRetryAfter(header: string): string {
  const text = sanitiseSnippet(header, 40);
  return /^\d+$/.test(text) ? `${text} s` : `until ${text}`;
}

function signInRefusal(status: number, errorName: string | undefined): string | undefined {
  switch (errorName) {
    case 'InvalidUserOrPassword':
      return 'the user name or password is wrong. Check them and sign in again';
    case 'MustAcceptTermsOfUse':
      return 'the server requires you to accept its terms of use first. Accept them when asked, or sign in once in webmail';
    case 'AuthRefused':
      return 'the one-time password was not accepted. Check the code (it may have expired) and try again, or ask for a new code';
    case 'MissingParameter':
      return 'the server says something is missing. Enter both the user name and the password';
  }
  if (status === 401) {
    return 'the server refused the sign-in. Check your credentials and try again';
  }
  if (status === 404 && errorName !== undefined) {
    return 'the account is frozen or disabled. Ask your mail administrator';
  }
  return undefined;
}

function notJsonAnswer(reply: ParsedReply, context: ReplyContext): WorldClientError {
  const type = reply.contentType || 'no content type';
  const start = sanitiseSnippet(reply.textHead, 80);
  if (/json/i.test(reply.contentType)) {
    return new WorldClientError(
      'notJson',
      `Could not ${context.what}: the reply says it is JSON (${type}) but is not valid JSON (${reply.bytes} bytes; ${reply.parseError}); ` +
        'it was probably cut off on the way. Try again; if it keeps happening, check the proxy or the server.',
      { status: reply.status },
    );
  }
  return new WorldClientError(
    'notJson',
    `Could not ${context.what}: the server answered with ${pageKind(reply)} (${type}) instead of JSON, starting "${start}". ` +
      'This is usually a login or error page from a proxy or web server, ' +
      'or the server URL points at the webmail rather than its API: check the server URL.',
    { status: reply.status },
  );
}

function pageKind(reply: RawReply): string {
  return /html/i.test(reply.contentType) || /^\s*</.test(reply.text.slice(0, 200)) ? 'an HTML page' : 'a non-JSON reply';
}

/**
 * At most `max` characters of untrusted text (redacted by the caller), on one line: line
 * breaks and tabs become spaces, other invisible and bidi characters are shown by code point.
 */
export function sanitiseSnippet(text: string, max: number): string {
  const head = visible(text.slice(0, max * 2).replace(/[\t\n\r\u2028\u2029]+/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
  return cutText(head, max);
}

/** A room id in a message: bidi controls and newlines shown, quoted, long ids shortened. */
export function quoteId(id: string): string {
  // Cut before `visible`, which only lengthens: a 1 MB id costs no more than a short one.
  return `"${cutText(visible(id.slice(0, 61)), 60).replace(/["\\]/g, '\\$&')}"`;
}
