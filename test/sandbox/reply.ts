// Replies as values: handlers return (or throw) them and only the server writes them, so the
// error style and faults can be applied in one place, and each body is stringified exactly once.

import type { ServerResponse } from 'node:http';

export interface JsonReply {
  status: number;
  payload: unknown;
  headers?: Record<string, string>;
}

/** The status each error name gets in the 'status' error style. */
const ERROR_STATUS: Record<string, number> = {
  MissingParameter: 400,
  InvalidParameter: 400,
  InvalidRequest: 400,
  InvalidUserOrPassword: 400,
  MustAcceptTermsOfUse: 400,
  Unauthorized: 401,
  InvalidSession: 401,
  AuthRefused: 401,
  Forbidden: 403,
  NotFound: 404,
  RoomNotFound: 404,
  MethodNotAllowed: 405,
  RoomExists: 409,
  PayloadTooLarge: 413,
  UnsupportedMediaType: 415,
  ServerError: 500,
};

/** Thrown by handlers; becomes {"error": name, ...extra}. */
export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly error: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(error);
    this.name = 'ApiError';
    this.status = ERROR_STATUS[error] ?? 400;
  }

  toReply(): JsonReply {
    return { status: this.status, payload: { error: this.error, ...this.extra }, headers: this.headers };
  }
}

export const ok = (payload: unknown): JsonReply => ({ status: 200, payload });
export const success = (): JsonReply => ok({ success: true });

export type ErrorStyle = 'status' | 'ok200';

/** Older servers answer errors with HTTP 200 and only the body tells; 'ok200' emulates them. */
export function applyErrorStyle(reply: JsonReply, style: ErrorStyle): JsonReply {
  const isError = typeof reply.payload === 'object' && reply.payload !== null && 'error' in reply.payload;
  return style === 'ok200' && isError ? { ...reply, status: 200 } : reply;
}

export const JSON_TYPE = 'application/json; charset=utf-8';

export function writeText(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) {
    return;
  }
  res.writeHead(status, {
    ...headers,
    'Content-Type': contentType,
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

export function writeJson(res: ServerResponse, reply: JsonReply): void {
  writeText(res, reply.status, JSON_TYPE, JSON.stringify(reply.payload), reply.headers);
}
