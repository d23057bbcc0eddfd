import type { RtcMessage } from '../api/types';
import { isBase64 } from '../shared/base64';

/**
 * What a message must look like before we send it. The server accepts any strings, but a
 * salt or data value that is not base64 is always a mistake in the developer's input (other
 * clients could never decrypt it), so we stop it here with a message saying what to fix.
 */

export const MAX_ID_CHARS = 1024;

/** Returns a problem to show under the input, or undefined when the id is fine. */
export function checkMessageId(id: string): string | undefined {
  if (id.trim() === '') {
    return 'Enter a message id (a UUID is prefilled).';
  }
  if (id !== id.trim()) {
    return 'The id starts or ends with spaces; remove them.';
  }
  if (id.length > MAX_ID_CHARS) {
    return `The id is ${id.length} characters long; at most ${MAX_ID_CHARS} are allowed.`;
  }
  return undefined;
}

/** `what` is "salt" or "data". */
export function checkBase64Value(value: string, what: string): string | undefined {
  if (value === '') {
    return `Enter the ${what} as base64 (e.g. "q83vEjRWeJA=").`;
  }
  if (/\s/.test(value)) {
    return `The ${what} contains spaces or line breaks; base64 here must be one unbroken string.`;
  }
  if (!isBase64(value)) {
    return `The ${what} is not valid base64: use A–Z, a–z, 0–9, + and / (or - and _), with = only as padding at the end.`;
  }
  return undefined;
}

/** Problems of one candidate message, prefixed with where it came from (e.g. "item 3"). */
export function checkMessage(candidate: unknown, where: string): { message: RtcMessage } | { problems: string[] } {
  if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate)) {
    return { problems: [`${where}: expected an object with id, salt and data.`] };
  }
  const record = candidate as Record<string, unknown>;
  const problems: string[] = [];
  for (const field of ['id', 'salt', 'data'] as const) {
    const value = record[field];
    if (typeof value !== 'string') {
      problems.push(`${where}: "${field}" ${value === undefined ? 'is missing' : 'must be a string'}.`);
      continue;
    }
    const problem = field === 'id' ? checkMessageId(value) : checkBase64Value(value, field);
    if (problem) {
      problems.push(`${where}: ${problem}`);
    }
  }
  if (problems.length > 0) {
    return { problems };
  }
  // Only the three fields are sent; anything else in the file stays out of the request.
  return { message: { id: record.id as string, salt: record.salt as string, data: record.data as string } };
}
