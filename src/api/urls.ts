import type { UrlStyle } from './types';

/** The seven calls of the `rtc` route. */
export type RtcCall = 'listRooms' | 'getRoom' | 'getRoomMessages' | 'addRoom' | 'addMessages' | 'deleteRoom' | 'deleteRoomMessages';

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE';

interface RtcRoute {
  method: HttpMethod;
  /** `rooms` or `messages`: the path segment in path style, the `=1` flag in query style. */
  resource: 'rooms' | 'messages';
  /** Name of the room id parameter in query style; absent when the call takes no id. */
  idParam?: 'id' | 'room_id';
}

/**
 * Every rtc call as `worldclient-rtc-api.md` in the shared spec spells it.
 * The spec's parameter tables and example requests disagree on the name of the room id
 * parameter; we send exactly what each *example request* shows, because those are what a
 * real server was seen to answer:
 *   Room                  GET    ?route=rtc&rooms=1&id={room_id}         -> id
 *   Room Messages         GET    ?route=rtc&messages=1&id={room_id}      -> id  (table says room_id)
 *   Add Room Messages     PUT    ?route=rtc&messages=1&id={room_id}      -> id  (table says room_id)
 *   Delete Room           DELETE ?route=rtc&rooms=1&id={room_id}         -> id
 *   Delete Room Messages  DELETE ?route=rtc&messages=1&room_id={room_id} -> room_id
 * Path style is /WorldClientAPI/rtc/{resource}[/{id}] for all of them.
 */
export const RTC_ROUTES: Readonly<Record<RtcCall, Readonly<RtcRoute>>> = {
  listRooms: { method: 'GET', resource: 'rooms' },
  getRoom: { method: 'GET', resource: 'rooms', idParam: 'id' },
  getRoomMessages: { method: 'GET', resource: 'messages', idParam: 'id' },
  addRoom: { method: 'PUT', resource: 'rooms' },
  addMessages: { method: 'PUT', resource: 'messages', idParam: 'id' },
  deleteRoom: { method: 'DELETE', resource: 'rooms', idParam: 'id' },
  deleteRoomMessages: { method: 'DELETE', resource: 'messages', idParam: 'room_id' },
};

export const API_ROOT = '/WorldClientAPI';

export interface ParsedBaseUrl {
  origin: string;
  /** A path prefix the server lives under, without trailing slash ('' for none). */
  prefix: string;
  hostname: string;
  port: string;
  protocol: 'http:' | 'https:';
}

/** Accepts "https://host", "https://host/", "https://host/prefix" and the same with /WorldClientAPI appended. */
export function parseBaseUrl(baseUrl: string): ParsedBaseUrl {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    throw new TypeError(`"${baseUrl}" is not a valid server URL; expected something like https://mail.example.com`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`The server URL must start with https:// or http://, not ${url.protocol}//`);
  }
  const prefix = withoutTrailingSlashes(url.pathname).replace(/\/WorldClientAPI$/i, '');
  return { origin: url.origin, prefix, hostname: url.hostname, port: url.port, protocol: url.protocol };
}

/** `text` without its trailing slashes; by hand, as `/\/+$/` retries every slash of a long run (quadratic). */
export function withoutTrailingSlashes(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x2f) {
    end--;
  }
  return text.slice(0, end);
}

/**
 * Percent-encodes a room id for either place it can go. encodeURIComponent escapes every
 * character with a meaning in a URL (/ ? # & = + % and space included), so the id is one
 * path segment or one query value whatever it contains. A lone surrogate cannot be sent as
 * UTF-8 at all; that surfaces as a TypeError naming the id.
 */
export function encodeId(id: string): string {
  try {
    return encodeURIComponent(id);
  } catch {
    throw new TypeError(`The room id ${JSON.stringify(id)} contains invalid Unicode and cannot be put in a URL.`);
  }
}

/**
 * Ids that can only travel as a query value: "." and ".." are removed by URL normalisation even
 * when written as %2E, and a reverse proxy that decodes %2F or %5C would turn `a/../victim` into
 * `victim`, so a delete would hit another room.
 */
export function needsQueryStyle(id: string): boolean {
  return id === '.' || id === '..' || /[/\\]/.test(id);
}

/** Builds the path (and query) of an rtc call; ids that need it go query style whatever `style` says. The id must be non-empty. */
export function rtcPath(prefix: string, call: RtcCall, style: UrlStyle, id?: string): string {
  const route = RTC_ROUTES[call];
  const takesId = route.idParam !== undefined;
  if (takesId !== (id !== undefined)) {
    throw new TypeError(`${call} ${takesId ? 'needs' : 'takes no'} room id`);
  }
  if (style === 'path' && !(id !== undefined && needsQueryStyle(id))) {
    const idSegment = id === undefined ? '' : `/${encodeId(id)}`;
    return `${prefix}${API_ROOT}/rtc/${route.resource}${idSegment}`;
  }
  const idQuery = id === undefined ? '' : `&${route.idParam}=${encodeId(id)}`;
  return `${prefix}${API_ROOT}?route=rtc&${route.resource}=1${idQuery}`;
}

/** Path of a non-rtc endpoint, e.g. apiPath(prefix, 'authenticate/basic'). */
export function apiPath(prefix: string, endpoint: string, query?: Record<string, string>): string {
  const search = query === undefined ? '' : `?${toQueryString(query)}`;
  return `${prefix}${API_ROOT}/${endpoint}${search}`;
}

export function toQueryString(params: Record<string, string>): string {
  return Object.entries(params)
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join('&');
}

/** Adds `session=` as the first query parameter, where the spec's examples put it. */
export function withSessionParam(path: string, session: string): string {
  const param = `session=${encodeURIComponent(session)}`;
  const queryStart = path.indexOf('?');
  return queryStart < 0 ? `${path}?${param}` : `${path.slice(0, queryStart + 1)}${param}&${path.slice(queryStart + 1)}`;
}

export const REDACTED = 'REDACTED';

/** Query parameters whose values are secrets: the session, the partial-sign-in token of the 2FA step, and the login token (`data`). */
const SECRET_PARAMS = new Set(['session', 'token', 'password', 'one_time_password', 'data']);

/**
 * Replaces the values of secret query parameters with REDACTED, leaving the rest of the
 * URL byte for byte as sent. The parameter stays visible so a log reader can tell the
 * session travelled in the URL.
 */
export function redactUrl(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart < 0) {
    return url;
  }
  const hashStart = url.indexOf('#', queryStart);
  const queryEnd = hashStart < 0 ? url.length : hashStart;
  const pairs = url.slice(queryStart + 1, queryEnd).split('&');
  const redacted = pairs.map((pair) => {
    const equals = pair.indexOf('=');
    const rawName = equals < 0 ? pair : pair.slice(0, equals);
    return SECRET_PARAMS.has(safeDecode(rawName)) ? `${rawName}=${REDACTED}` : pair;
  });
  return `${url.slice(0, queryStart + 1)}${redacted.join('&')}${url.slice(queryEnd)}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
