// Request bodies in the three documented encodings (JSON, form fields, base64 JSON in the
// `request` query parameter), normalised to one object. Form fields arrive as strings, so the
// field readers below also accept the form spellings ("true", JSON-encoded arrays).

import type { IncomingMessage } from 'node:http';
import { ApiError } from './reply';

export type Body = Record<string, unknown>;

/** Big enough for a 100,000-message PUT, small enough that a runaway client cannot exhaust memory. */
export const MAX_BODY_BYTES = 256 * 1024 * 1024;

/** Reads the whole body. Past the limit the rest is drained, not kept, and PayloadTooLarge thrown. */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
      }
    });
    req.on('end', () => {
      if (size > limit) {
        reject(new ApiError('PayloadTooLarge'));
      } else {
        resolve(Buffer.concat(chunks, size));
      }
    });
    req.on('error', reject);
  });
}

export function parseBody(raw: Buffer, contentType: string | undefined, query: URLSearchParams): Body {
  const encoded = query.get('request');
  if (encoded !== null) {
    return parseJsonObject(Buffer.from(encoded, 'base64').toString('utf8'));
  }
  if (raw.length === 0) {
    return {};
  }
  const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (mediaType === 'application/x-www-form-urlencoded') {
    return Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
  }
  if (mediaType === '' || mediaType === 'application/json' || mediaType === 'text/plain' || mediaType.endsWith('+json')) {
    return parseJsonObject(raw.toString('utf8'));
  }
  throw new ApiError('UnsupportedMediaType', { contentType: mediaType });
}

function parseJsonObject(text: string): Body {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError('InvalidRequest', { detail: 'body is not valid JSON' });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ApiError('InvalidRequest', { detail: 'body must be a JSON object' });
  }
  return value as Body;
}

/** undefined when absent; InvalidParameter when present but not a string. */
export function stringField(body: Body, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw new ApiError('InvalidParameter', { parameter: name });
  }
  return value;
}

export function boolField(body: Body, name: string): boolean {
  const value = body[name];
  return value === true || value === 1 || value === 'true' || value === '1' || value === 'on' || value === 'yes';
}

/** Accepts a JSON array, or (from a form) a string holding one. */
export function arrayField(body: Body, name: string): unknown[] | undefined {
  let value = body[name];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      throw new ApiError('InvalidParameter', { parameter: name });
    }
  }
  if (!Array.isArray(value)) {
    throw new ApiError('InvalidParameter', { parameter: name });
  }
  return value;
}
