/**
 * Base64 as message salts and data use it: standard or URL-safe alphabet, padding optional,
 * no whitespace. Written by hand because `atob` silently skips whitespace and `Buffer` does
 * not exist in the webview; both the host (validation, byte sizes) and the webview (the
 * decoded views) need exactly the same answer.
 */

const ALPHABET = /^[A-Za-z0-9+/\-_]*$/;

function unpaddedLength(text: string): number {
  let end = text.length;
  if (end > 0 && text[end - 1] === '=') {
    end--;
    if (end > 0 && text[end - 1] === '=') {
      end--;
    }
  }
  return end;
}

/** True when `text` is well-formed base64 (possibly empty). */
export function isBase64(text: string): boolean {
  const end = unpaddedLength(text);
  if (end % 4 === 1) {
    return false;
  }
  // Padding, when present, must complete the last quantum exactly.
  if (end !== text.length && text.length % 4 !== 0) {
    return false;
  }
  return ALPHABET.test(end === text.length ? text : text.slice(0, end));
}

/** Decoded size in bytes, or null when `text` is not base64. */
export function base64ByteLength(text: string): number | null {
  if (!isBase64(text)) {
    return null;
  }
  const end = unpaddedLength(text);
  return Math.floor((end * 3) / 4);
}

const VALUES = (() => {
  const table = new Int16Array(128).fill(-1);
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < letters.length; i++) {
    table[letters.charCodeAt(i)] = i;
  }
  table['-'.charCodeAt(0)] = 62;
  table['_'.charCodeAt(0)] = 63;
  return table;
})();

/**
 * Decodes base64 to bytes, or undefined when it is not base64. A prefix cut at any length
 * may be passed with `partial`: the incomplete last quantum is then dropped instead of
 * making the whole value invalid, which is how list rows decode their previews.
 */
export function decodeBase64(text: string, partial = false): Uint8Array | undefined {
  let source = text;
  if (partial) {
    source = source.slice(0, unpaddedLength(source));
    source = source.slice(0, source.length - (source.length % 4 === 1 ? 1 : 0));
  }
  if (!isBase64(source)) {
    return undefined;
  }
  const end = unpaddedLength(source);
  const bytes = new Uint8Array(Math.floor((end * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let out = 0;
  for (let i = 0; i < end; i++) {
    buffer = (buffer << 6) | VALUES[source.charCodeAt(i)];
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[out++] = (buffer >> bits) & 0xff;
    }
  }
  return bytes;
}
