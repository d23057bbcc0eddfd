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
  const secrets = options.includeSecrets;
  const session = secrets ? literal(secrets.session) : variable(SESSION_PLACEHOLDER);
  const csrf = secrets?.csrfToken !== undefined ? literal(secrets.csrfToken) : variable(CSRF_PLACEHOLDER);
  const urlSession = secrets ? literal(encodeURIComponent(secrets.session)) : variable(SESSION_PLACEHOLDER);

  const parts = ['curl'];
  if (/[[\]{}]/.test(entry.url)) {
    parts.push('--globoff'); // IPv6 hosts and braces are curl glob syntax otherwise
  }
  if (entry.method !== 'GET') {
    parts.push('-X', shellWord([literal(entry.method)]));
  }
  parts.push(shellWord(substituteSessionParam(entry.url, urlSession)));
  for (const [name, value] of Object.entries(entry.headers)) {
    parts.push('-H', shellWord(headerWords(name, value, session, csrf)));
  }
  if (entry.requestBody !== undefined) {
    parts.push('--data-raw', shellWord([literal(entry.requestBody)]));
  }
  return parts.join(' ');
}

/** A piece of one shell word: literal text, or a variable the shell expands. */
type Piece = { literal: string } | { variable: string };

function literal(text: string): Piece {
  return { literal: text };
}

function variable(name: string): Piece {
  return { variable: name };
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
    return `"${piece.variable}"`;
  }
  if (piece.literal === '' || SHELL_SAFE.test(piece.literal)) {
    return piece.literal;
  }
  return `'${piece.literal.replace(/'/g, `'\\''`)}'`;
}
