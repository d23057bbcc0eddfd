/**
 * JSON.parse of a big reply in slices that yield to the event loop, so the extension host (shared
 * by every extension) keeps answering while a 50 MB room list or room is parsed. Replies are an
 * object whose big part is an array (`rooms`, `messages`): its elements are found by a linear
 * scan and parsed a slice at a time by JSON.parse itself, which also checks them; the rest of the
 * object is parsed with empty arrays in their place, and the arrays put back.
 */

/** Text parsed between two yields. */
const SLICE_CHARS = 2 * 1024 * 1024;
type Yield = () => Promise<void>;

const nextTurn: Yield = () => new Promise((resolve) => setImmediate(resolve));

/** Parses `text` as JSON.parse would, yielding between slices; throws SyntaxError on malformed JSON. */
export async function parseJsonInSlices(text: string, yieldNow: Yield = nextTurn): Promise<unknown> {
  let at = skipSpace(text, 0);
  if (text.charCodeAt(at) !== 0x7b) {
    return JSON.parse(text);
  }
  const skeleton: string[] = [];
  const arrays = new Map<string, unknown[]>();
  let copiedUpTo = 0;
  at = skipSpace(text, at + 1);
  while (text.charCodeAt(at) === 0x22) {
    const keyEnd = stringEnd(text, at);
    const key = JSON.parse(text.slice(at, keyEnd)) as string;
    at = skipSpace(text, keyEnd);
    expect(text, at, 0x3a);
    at = skipSpace(text, at + 1);
    let end: number;
    if (text.charCodeAt(at) === 0x5b && !arrays.has(key)) {
      const array = await parseArray(text, at, yieldNow);
      arrays.set(key, array.items);
      end = array.end;
      skeleton.push(text.slice(copiedUpTo, at), '[]');
      copiedUpTo = end;
    } else {
      end = valueEnd(text, at);
    }
    at = skipSpace(text, end);
    if (text.charCodeAt(at) !== 0x2c) {
      break;
    }
    at = skipSpace(text, at + 1);
  }
  skeleton.push(text.slice(copiedUpTo));
  const object = JSON.parse(skeleton.join('')) as Record<string, unknown>;
  for (const [key, items] of arrays) {
    const placeholder = object[key];
    // A key given twice: JSON.parse keeps the last value; only the one we sliced is an empty array here.
    if (Array.isArray(placeholder) && placeholder.length === 0) {
      object[key] = items;
    }
  }
  return object;
}

/** The elements of the array opening at `start`, parsed a slice at a time, and where the array ends. */
async function parseArray(text: string, start: number, yieldNow: Yield): Promise<{ items: unknown[]; end: number }> {
  const items: unknown[] = [];
  let sliceStart = skipSpace(text, start + 1);
  if (text.charCodeAt(sliceStart) === 0x5d) {
    return { items, end: sliceStart + 1 };
  }
  for (;;) {
    const slice = quickSlice(text, sliceStart) ?? scannedSlice(text, sliceStart);
    for (const item of slice.items) {
      items.push(item);
    }
    if (text.charCodeAt(slice.cut) === 0x5d) {
      return { items, end: slice.cut + 1 };
    }
    await yieldNow();
    sliceStart = skipSpace(text, slice.cut + 1);
  }
}

interface Slice {
  items: unknown[];
  /** The ',' after the slice's last element, or the array's closing ']'. */
  cut: number;
}

/**
 * Tries cutting at a "}," about a slice on: JSON.parse succeeding proves the cut lies between two
 * elements. After a few misses (a "}," inside strings) the slice is scanned instead.
 */
function quickSlice(text: string, sliceStart: number): Slice | undefined {
  let from = sliceStart + SLICE_CHARS;
  for (let attempt = 0; attempt < 3 && from < text.length; attempt++) {
    const brace = text.indexOf('},', from);
    if (brace < 0) {
      return undefined;
    }
    try {
      return { items: JSON.parse(`[${text.slice(sliceStart, brace + 1)}]`) as unknown[], cut: brace + 1 };
    } catch {
      from = brace + 2;
    }
  }
  return undefined;
}

/** Follows elements one by one up to about a slice: linear whatever the text holds. */
function scannedSlice(text: string, sliceStart: number): Slice {
  let at = sliceStart;
  for (;;) {
    at = skipSpace(text, valueEnd(text, at));
    const next = text.charCodeAt(at);
    if (next !== 0x2c && next !== 0x5d) {
      throw new SyntaxError(`Unexpected character in JSON at position ${at}`);
    }
    if (next === 0x5d || at - sliceStart >= SLICE_CHARS) {
      return { items: JSON.parse(`[${text.slice(sliceStart, at)}]`) as unknown[], cut: at };
    }
    at = skipSpace(text, at + 1);
  }
}

function expect(text: string, at: number, code: number): void {
  if (text.charCodeAt(at) !== code) {
    throw new SyntaxError(`Expected '${String.fromCharCode(code)}' in JSON at position ${at}`);
  }
}

function skipSpace(text: string, at: number): number {
  for (;;) {
    const code = text.charCodeAt(at);
    if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) {
      return at;
    }
    at++;
  }
}

/** Just past the JSON value starting at `start`; nesting and strings followed, the value itself checked later by JSON.parse. */
function valueEnd(text: string, start: number): number {
  const first = text.charCodeAt(start);
  if (first === 0x22) {
    return stringEnd(text, start);
  }
  if (first !== 0x7b && first !== 0x5b) {
    let at = start;
    while (at < text.length && !isDelimiter(text.charCodeAt(at))) {
      at++;
    }
    if (at === start) {
      throw new SyntaxError(`Unexpected character in JSON at position ${start}`);
    }
    return at;
  }
  let depth = 0;
  for (let at = start; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === 0x22) {
      at = stringEnd(text, at) - 1;
    } else if (code === 0x7b || code === 0x5b) {
      depth++;
    } else if ((code === 0x7d || code === 0x5d) && --depth === 0) {
      return at + 1;
    }
  }
  throw new SyntaxError('Unexpected end of JSON input');
}

function isDelimiter(code: number): boolean {
  return code === 0x2c || code === 0x5d || code === 0x7d || code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/** Just past the closing quote of the string opening at `start`. */
function stringEnd(text: string, start: number): number {
  const end = closingQuoteEnd(text, start);
  if (end < 0) {
    throw new SyntaxError('Unterminated string in JSON');
  }
  return end;
}

/** Just past the closing quote of the string opening at `start`; -1 when the text stops inside it. */
function closingQuoteEnd(text: string, start: number): number {
  let at = start + 1;
  for (;;) {
    const quote = text.indexOf('"', at);
    if (quote < 0) {
      return -1;
    }
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c) {
      backslashes++;
    }
    if (backslashes % 2 === 0) {
      return quote + 1;
    }
    at = quote + 1;
  }
}
