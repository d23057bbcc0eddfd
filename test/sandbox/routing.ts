// Maps a raw request target to one of the API's routes, for both documented URL styles.
// Path-style room ids are taken from the raw, still-encoded path, so that an id holding '/'
// (sent as %2F) stays one segment; decoding the whole path first would split it.

import { ApiError } from './reply';

export const API_ROOT = '/WorldClientAPI';

export type Route =
  | { name: 'rtc'; target: 'rooms' | 'messages'; id: string | undefined }
  | { name: 'authenticate'; action: 'basic' | '2fa' | 'logout' }
  | { name: 'ping' }
  | { name: 'settings' };

export interface Target {
  rawPath: string;
  query: URLSearchParams;
}

export function parseTarget(url: string): Target {
  const q = url.indexOf('?');
  return q < 0
    ? { rawPath: url, query: new URLSearchParams() }
    : { rawPath: url.slice(0, q), query: new URLSearchParams(url.slice(q + 1)) };
}

/** Throws ApiError NotFound for anything the API does not have. */
export function matchRoute(target: Target, rejectEncodedSlashInPath: boolean): Route {
  const { rawPath, query } = target;
  if (rawPath === API_ROOT || rawPath === `${API_ROOT}/`) {
    return matchQueryStyle(query);
  }
  if (!rawPath.startsWith(`${API_ROOT}/`)) {
    throw new ApiError('NotFound');
  }
  // Emulates front ends (IIS, some proxies) that refuse an encoded slash before the app sees it.
  if (rejectEncodedSlashInPath && /%2f/i.test(rawPath)) {
    throw new ApiError('NotFound');
  }
  const segments = rawPath.slice(API_ROOT.length + 1).split('/');
  const [first, second, third, ...rest] = segments;
  if (rest.length > 0) {
    throw new ApiError('NotFound');
  }
  if (first === 'rtc' && (second === 'rooms' || second === 'messages')) {
    // An id in the path wins; without one, fall back to the query parameters the query style uses.
    const id = third !== undefined && third !== '' ? decodeSegment(third) : queryId(query);
    return { name: 'rtc', target: second, id };
  }
  if (third !== undefined) {
    throw new ApiError('NotFound');
  }
  if (first === 'authenticate' && (second === 'basic' || second === '2fa' || second === 'logout')) {
    return { name: 'authenticate', action: second };
  }
  if (second === undefined && (first === 'ping' || first === 'settings')) {
    return { name: first };
  }
  throw new ApiError('NotFound');
}

function matchQueryStyle(query: URLSearchParams): Route {
  const route = query.get('route');
  if (route === 'rtc') {
    const rooms = query.get('rooms') === '1';
    const messages = query.get('messages') === '1';
    if (rooms === messages) {
      throw new ApiError(rooms ? 'InvalidParameter' : 'MissingParameter', { parameter: 'rooms|messages' });
    }
    return { name: 'rtc', target: rooms ? 'rooms' : 'messages', id: queryId(query) };
  }
  if (route === 'ping' || route === 'settings') {
    return { name: route };
  }
  throw new ApiError('NotFound');
}

/** The spec uses both names for the room id; an empty value counts as absent. */
function queryId(query: URLSearchParams): string | undefined {
  return query.get('id') || query.get('room_id') || undefined;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    // A raw '%' not followed by two hex digits: the client forgot to encode the id.
    throw new ApiError('InvalidParameter', { parameter: 'id' });
  }
}

export function allowedMethods(route: Route): string[] {
  switch (route.name) {
    case 'rtc':
      // Rooms are created by PUT to the collection, with the id in the body.
      return route.target === 'rooms' && route.id !== undefined ? ['GET', 'DELETE'] : ['GET', 'PUT', 'DELETE'];
    case 'authenticate':
      return route.action === '2fa' ? ['GET', 'POST'] : ['POST'];
    case 'ping':
    case 'settings':
      return ['GET'];
  }
}

/** The API version each route arrived in (the others are older than any version the sandbox plays). */
const ROUTE_SINCE: Partial<Record<Route['name'], readonly [number, number]>> = { rtc: [3, 4], ping: [3, 5] };

/** Whether a server of `apiVersion` ("3.4") knows the route; an unreadable version serves everything. */
export function servesRoute(apiVersion: string, name: Route['name']): boolean {
  const since = ROUTE_SINCE[name];
  const [major, minor] = apiVersion.split('.').map(Number);
  if (!since || !Number.isFinite(major) || !Number.isFinite(minor)) {
    return true;
  }
  return major > since[0] || (major === since[0] && minor >= since[1]);
}
