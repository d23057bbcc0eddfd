// Helpers for the sandbox's own tests: plain fetch calls with the URL building spelled out, so
// the tests exercise the HTTP surface exactly as any client would see it.

import { startSandbox, type SandboxOptions } from './server';
import type { Sandbox } from './types';

export type UrlStyle = 'path' | 'query';

export interface CallOptions {
  method?: string;
  /** Sent as application/json. */
  json?: unknown;
  /** Sent as application/x-www-form-urlencoded. */
  form?: Record<string, string>;
  headers?: Record<string, string>;
  /** Sent as 'Authorization: Bearer'. */
  bearer?: string;
}

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  body: Record<string, unknown> | undefined;
}

/** `path` starts with '/WorldClientAPI' and is used as given (already encoded). */
export async function call(sb: Sandbox, path: string, options: CallOptions = {}): Promise<CallResult> {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | undefined;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.form !== undefined) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(options.form).toString();
  }
  if (options.bearer !== undefined) {
    headers.Authorization = `Bearer ${options.bearer}`;
  }
  const res = await fetch(sb.url + path, { method: options.method ?? 'GET', headers, body });
  const text = await res.text();
  let parsed: Record<string, unknown> | undefined;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, text, body: parsed };
}

const q = (params: Record<string, string>): string => new URLSearchParams(params).toString();

/** The rooms collection or one room, in either URL style, with the session in the query. */
export function roomsUrl(style: UrlStyle, session: string | undefined, id?: string, idParam: 'id' | 'room_id' = 'id'): string {
  const auth: Record<string, string> = session === undefined ? {} : { session };
  if (style === 'path') {
    const base = id === undefined ? '/WorldClientAPI/rtc/rooms' : `/WorldClientAPI/rtc/rooms/${encodeURIComponent(id)}`;
    return Object.keys(auth).length ? `${base}?${q(auth)}` : base;
  }
  return `/WorldClientAPI?${q({ ...auth, route: 'rtc', rooms: '1', ...(id === undefined ? {} : { [idParam]: id }) })}`;
}

export function messagesUrl(style: UrlStyle, session: string | undefined, id: string, idParam: 'id' | 'room_id' = 'room_id'): string {
  const auth: Record<string, string> = session === undefined ? {} : { session };
  if (style === 'path') {
    const base = `/WorldClientAPI/rtc/messages/${encodeURIComponent(id)}`;
    return Object.keys(auth).length ? `${base}?${q(auth)}` : base;
  }
  return `/WorldClientAPI?${q({ ...auth, route: 'rtc', messages: '1', [idParam]: id })}`;
}

export const base64Json = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64');

/** The sign-in endpoints, as paths on the sandbox. */
export const BASIC = '/WorldClientAPI/authenticate/basic';
export const TWO_FA = '/WorldClientAPI/authenticate/2fa';
export const LOGOUT = '/WorldClientAPI/authenticate/logout';
/** The sandbox's default sign-in credentials. */
export const creds = { user: 'dev@example.com', password: 'sandbox' };

/** Runs `body` against a fresh sandbox and always stops it. */
export async function withSandbox(options: SandboxOptions, body: (sb: Sandbox) => Promise<void>): Promise<void> {
  const sb = await startSandbox({ seed: { sample: true }, ...options });
  try {
    await body(sb);
  } finally {
    await sb.stop();
  }
}
