import type { RequestLogEntry } from './types';
import { REDACTED } from './urls';

export const SESSION_PLACEHOLDER = '$WORLDCLIENT_SESSION';
export const CSRF_PLACEHOLDER = '$WORLDCLIENT_CSRF_TOKEN';

export interface CurlOptions {
  /** Put the real secrets in the command. Without this, shell variables stand in for them. */
  includeSecrets?: { session: string; csrfToken?: string };
}

/**
 * A POSIX-shell command that repeats a logged request with curl. Every literal is single
 * quoted, so nothing in a URL, header or body (room ids with $, `, ', spaces...) is
 * interpreted by the shell; only the placeholders are left outside the quotes, in double
 * quotes, for the shell to fill from the environment:
 *   WORLDCLIENT_SESSION=... curl ...
 */
export function toCurl(entry: RequestLogEntry, options: CurlOptions = {}): string {
  const request = requestParts(entry, options, (name) => ({ variable: name }));
  const parts = ['curl'];
  if (/[[\]{}]/.test(entry.url)) {
    parts.push('--globoff'); // IPv6 hosts and braces are curl glob syntax otherwise
  }
  if (request.method !== 'GET') {
    parts.push('-X', shellWord([literal(request.method)]));
  }
  parts.push(shellWord(request.url));
  for (const [, value] of request.headers) {
    parts.push('-H', shellWord(value));
  }
  if (request.body !== undefined) {
    parts.push('--data-raw', shellWord([literal(request.body)]));
  }
  return parts.join(' ');
}

/** A logged request taken apart for a snippet: each value a list of literal text and secrets (or their placeholders). */
export interface RequestParts {
  method: string;
  url: Piece[];
  /** Each header's name and its whole `Name: value` line (curl's form); `valueOf` gives the value alone. */
  headers: [string, Piece[]][];
  body: string | undefined;
}

/**
 * The request with the redacted secrets put back: the real values when asked to include them,
 * otherwise what `placeholder` makes of the variable's name (a shell variable, an environment
 * lookup in another language).
 */
export function requestParts(entry: RequestLogEntry, options: CurlOptions, placeholder: (name: string) => Piece): RequestParts {
  const secrets = options.includeSecrets;
  const session = secrets ? literal(secrets.session) : placeholder(SESSION_PLACEHOLDER.slice(1));
  const csrf = secrets?.csrfToken !== undefined ? literal(secrets.csrfToken) : placeholder(CSRF_PLACEHOLDER.slice(1));
  const urlSession = secrets ? literal(encodeURIComponent(secrets.session)) : session;
  return {
    method: entry.method,
    url: substituteSessionParam(entry.url, urlSession),
    headers: Object.entries(entry.headers).map(([name, value]) => [name, headerWords(name, value, session, csrf)]),
    body: entry.requestBody,
  };
}

/** The value of a `Name: value` header line in pieces, without the `Name: ` prefix. */
export function headerValue(name: string, line: Piece[]): Piece[] {
  const [first, ...rest] = line;
  const prefix = `${name}: `;
  return first && 'literal' in first && first.literal.startsWith(prefix) ? [literal(first.literal.slice(prefix.length)), ...rest] : line;
}

/** A piece of one value: literal text, or a variable (the shell's, or the environment's) that fills in a secret. */
export type Piece = { literal: string } | { variable: string };

export function literal(text: string): Piece {
  return { literal: text };
}

function headerWords(name: string, value: string, session: Piece, csrf: Piece): Piece[] {
  const lower = name.toLowerCase();
  if (lower === 'authorization' && value === `Bearer ${REDACTED}`) {
    return [literal(`${name}: Bearer `), session];
  }
  if (lower === 'x-csrf-token' && value === REDACTED) {
    return [literal(`${name}: `), csrf];
  }
  return [literal(`${name}: ${value}`)];
}

/** Splits the URL around every `session=REDACTED` so the session piece can go between. */
function substituteSessionParam(url: string, session: Piece): Piece[] {
  const marker = `session=${REDACTED}`;
  const pieces: Piece[] = [];
  let rest = url;
  for (let at = findParam(rest, marker); at >= 0; at = findParam(rest, marker)) {
    pieces.push(literal(rest.slice(0, at + 'session='.length)), session);
    rest = rest.slice(at + marker.length);
  }
  pieces.push(literal(rest));
  return pieces;
}

/** Index of `marker` where it is a whole query parameter (after ? or &, before & or the end). */
function findParam(url: string, marker: string): number {
  for (let at = url.indexOf(marker); at >= 0; at = url.indexOf(marker, at + 1)) {
    const before = url[at - 1];
    const after = url[at + marker.length];
    if ((before === '?' || before === '&') && (after === undefined || after === '&' || after === '#')) {
      return at;
    }
  }
  return -1;
}

function shellWord(pieces: Piece[]): string {
  return pieces.map(quotePiece).join('') || "''";
}

/** Characters that mean nothing to a POSIX shell, so a word made only of them needs no quotes. */
const SHELL_SAFE = /^[A-Za-z0-9_\-.,:/@%+=]+$/;

function quotePiece(piece: Piece): string {
  if ('variable' in piece) {
    return `"$${piece.variable}"`;
  }
  if (piece.literal === '' || SHELL_SAFE.test(piece.literal)) {
    return piece.literal;
  }
  return `'${piece.literal.replace(/'/g, `'\\''`)}'`;
}
