/**
 * The "decoded, not decrypted" views of a salt or data value. The values are ciphertext we
 * cannot decrypt; these only show what the base64 bytes look like, as text when they happen
 * to be UTF-8 or as a hex dump. Nothing here changes a value: copies and exports always use
 * the raw string.
 */
import { decodeBase64 } from '../shared/base64';

export type ViewMode = 'raw' | 'text' | 'hex';

export type Decoded = { kind: 'text'; text: string } | { kind: 'notText'; reason: string };

/** Controls other than tab, line feed and carriage return mean "binary", not text. */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * Base64 → UTF-8 text, when the bytes are valid UTF-8 without control characters.
 * `partial` decodes a prefix: an incomplete last character is then not an error.
 */
export function decodeBase64Text(value: string, partial = false): Decoded {
  const bytes = decodeBase64(value, partial);
  if (!bytes) {
    return { kind: 'notText', reason: 'not base64' };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes, { stream: partial });
  } catch {
    return { kind: 'notText', reason: 'not UTF-8' };
  }
  if (CONTROL_CHARACTERS.test(text)) {
    return { kind: 'notText', reason: 'binary, not text' };
  }
  return { kind: 'text', text };
}

function hex2(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}

/** `de ad be ef` for at most `maxBytes` bytes, with "…" when there were more. */
export function hexInline(bytes: Uint8Array, maxBytes: number): string {
  const shown = Array.from(bytes.subarray(0, maxBytes), hex2).join(' ');
  return bytes.length > maxBytes ? `${shown} …` : shown;
}

/**
 * The classic 16-bytes-per-line dump: offset, hex bytes, printable ASCII.
 * `00000000  48 65 6c 6c 6f 20 77 6f  72 6c 64 0a              |Hello world.|`
 */
export function hexDump(bytes: Uint8Array, maxBytes = 64 * 1024): string {
  const lines: string[] = [];
  const end = Math.min(bytes.length, maxBytes);
  for (let offset = 0; offset < end; offset += 16) {
    const chunk = bytes.subarray(offset, Math.min(offset + 16, end));
    const hexPart = Array.from({ length: 16 }, (_, i) => (i < chunk.length ? hex2(chunk[i]) : '  '));
    const left = hexPart.slice(0, 8).join(' ');
    const right = hexPart.slice(8).join(' ');
    const ascii = Array.from(chunk, (byte) => (byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.')).join('');
    lines.push(`${offset.toString(16).padStart(8, '0')}  ${left}  ${right}  |${ascii}|`);
  }
  if (bytes.length > end) {
    lines.push(`… ${bytes.length - end} more bytes (copy the raw value to see them all)`);
  }
  return lines.join('\n');
}

/** What a value shows in the given mode; `note` explains a fallback to raw. */
export interface Presented {
  text: string;
  note: string;
}

export interface PresentOptions {
  /** The value is a prefix of a longer one (list rows). */
  partial: boolean;
  /** Multi-line hex dump (detail area) instead of one line of hex (list rows). */
  block: boolean;
}

const INLINE_HEX_BYTES = 100;

export function present(value: string, mode: ViewMode, options: PresentOptions): Presented {
  if (mode === 'raw') {
    return { text: value, note: '' };
  }
  if (mode === 'text') {
    const decoded = decodeBase64Text(value, options.partial);
    return decoded.kind === 'text' ? { text: decoded.text, note: '' } : { text: value, note: `${decoded.reason} — shown raw` };
  }
  const bytes = decodeBase64(value, options.partial);
  if (!bytes) {
    return { text: value, note: 'not base64 — shown raw' };
  }
  return { text: options.block ? hexDump(bytes) : hexInline(bytes, INLINE_HEX_BYTES), note: '' };
}

export function formatBytes(bytes: number | null, chars: number): string {
  return bytes === null ? `${chars} chars, not base64` : `${bytes} B`;
}
