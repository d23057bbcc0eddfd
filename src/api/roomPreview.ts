import { isRtcMessage } from './shapes';
import { closingQuoteEnd } from './slicedJson';
import type { Room, RtcMessage } from './types';

/** The first messages of a room reply (and whichever header fields came before them), read while the rest is still arriving. */
export interface RoomPreview {
  fields: Partial<Pick<Room, 'id' | 'started' | 'ended' | 'members'>>;
  messages: RtcMessage[];
}

const HEADER_FIELDS = new Set(['id', 'room_id', 'started', 'ended', 'members']);
/** Text read past this without a full preview: show what there is, or give up when there is nothing. */
const DEFAULT_BUDGET_CHARS = 1024 * 1024;

type Step = { kind: 'wait' } | { kind: 'stop' } | { kind: 'next'; at: number };

/**
 * Reads the start of a room reply (`{"id": …, "messages": [{…}, …], …}`) chunk by chunk and
 * hands out its first `wanted` messages once they are complete, so a panel can show rows of a
 * 100,000-message room long before the whole 18 MB has arrived and been parsed. It is only a
 * preview: the caller still parses and checks the whole reply, and anything unexpected here
 * (another shape, an `error` key, a message that is not three strings) just ends the preview.
 */
export class RoomPreviewReader {
  private readonly decoder = new TextDecoder('utf-8');
  private text = '';
  private position = 0;
  private inMessages = false;
  private finished = false;
  private readonly fields: RoomPreview['fields'] = {};
  private readonly messages: RtcMessage[] = [];

  constructor(
    private readonly wanted: number,
    private readonly budgetChars = DEFAULT_BUDGET_CHARS,
  ) {}

  /** True once the preview was handed out or given up: later chunks need not be passed. */
  get done(): boolean {
    return this.finished;
  }

  /** Takes the next chunk of the body; returns the preview the first time it is ready. */
  push(chunk: Uint8Array): RoomPreview | undefined {
    if (this.finished) {
      return undefined;
    }
    this.text += this.decoder.decode(chunk, { stream: true });
    this.advance();
    if (this.finished) {
      return undefined;
    }
    if (this.messages.length >= this.wanted || (this.text.length > this.budgetChars && this.messages.length > 0)) {
      return this.finish();
    }
    if (this.text.length > this.budgetChars) {
      this.stop();
    }
    return undefined;
  }

  private finish(): RoomPreview {
    const preview = { fields: { ...this.fields }, messages: this.messages.slice(0, this.wanted) };
    this.stop();
    return preview;
  }

  private stop(): void {
    this.finished = true;
    this.text = '';
  }

  /** Consumes as many complete tokens as the text holds; stops the preview on anything unexpected. */
  private advance(): void {
    while (!this.finished && this.messages.length < this.wanted) {
      let step: Step;
      try {
        step = this.inMessages ? this.nextMessage() : this.nextMember();
      } catch {
        // Malformed JSON: the full parse will say so properly.
        step = { kind: 'stop' };
      }
      if (step.kind === 'wait') {
        return;
      }
      if (step.kind === 'stop') {
        this.stop();
        return;
      }
      this.position = step.at;
    }
  }

  /** One `"key": value` of the top-level object (or its opening brace), up to `"messages": [`. */
  private nextMember(): Step {
    const text = this.text;
    let at = skipSpace(text, this.position);
    if (at >= text.length) {
      return { kind: 'wait' };
    }
    if (this.position === 0) {
      // A BOM is removed by the decoder; anything but an object is not a room.
      return text[at] === '{' ? { kind: 'next', at: at + 1 } : { kind: 'stop' };
    }
    if (text[at] === ',') {
      at = skipSpace(text, at + 1);
    }
    if (at >= text.length) {
      return { kind: 'wait' };
    }
    if (text[at] !== '"') {
      // '}' (no messages at all) or malformed: either way nothing to preview.
      return { kind: 'stop' };
    }
    const keyEnd = valueEnd(text, at);
    if (keyEnd === undefined) {
      return { kind: 'wait' };
    }
    const key = JSON.parse(text.slice(at, keyEnd)) as string;
    let valueStart = skipSpace(text, keyEnd);
    if (valueStart >= text.length) {
      return { kind: 'wait' };
    }
    if (text[valueStart] !== ':') {
      return { kind: 'stop' };
    }
    valueStart = skipSpace(text, valueStart + 1);
    if (valueStart >= text.length) {
      return { kind: 'wait' };
    }
    if (key === 'error') {
      return { kind: 'stop' };
    }
    if (key === 'messages') {
      if (text[valueStart] !== '[') {
        return { kind: 'stop' };
      }
      this.inMessages = true;
      return { kind: 'next', at: valueStart + 1 };
    }
    const end = valueEnd(text, valueStart);
    if (end === undefined) {
      return { kind: 'wait' };
    }
    if (HEADER_FIELDS.has(key) && text[valueStart] === '"') {
      const value = JSON.parse(text.slice(valueStart, end)) as string;
      if (key === 'room_id') {
        this.fields.id ??= value;
      } else {
        this.fields[key as keyof RoomPreview['fields']] = value;
      }
    }
    return { kind: 'next', at: end };
  }

  /** One element of the messages array. */
  private nextMessage(): Step {
    const text = this.text;
    let at = skipSpace(text, this.position);
    if (at < text.length && text[at] === ',' && this.messages.length > 0) {
      at = skipSpace(text, at + 1);
    }
    if (at >= text.length) {
      return { kind: 'wait' };
    }
    if (text[at] !== '{') {
      // ']' ends a room small enough that the whole reply follows at once; no preview needed.
      return { kind: 'stop' };
    }
    const end = valueEnd(text, at);
    if (end === undefined) {
      return { kind: 'wait' };
    }
    const message: unknown = JSON.parse(text.slice(at, end));
    if (!isRtcMessage(message)) {
      return { kind: 'stop' };
    }
    this.messages.push(message);
    return { kind: 'next', at: end };
  }
}

function skipSpace(text: string, at: number): number {
  while (at < text.length) {
    const code = text.charCodeAt(at);
    if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) {
      break;
    }
    at++;
  }
  return at;
}

/**
 * Where the JSON value starting at `start` ends (exclusive), or undefined when the text stops
 * before it does. Strings and nesting are followed just far enough to find the end; JSON.parse
 * checks the value itself afterwards and throws on anything malformed.
 */
function valueEnd(text: string, start: number): number | undefined {
  let depth = 0;
  let at = start;
  while (at < text.length) {
    const char = text[at];
    if (char === '"') {
      at = closingQuoteEnd(text, at);
      if (at < 0) {
        return undefined;
      }
      if (depth === 0) {
        return at;
      }
      continue;
    }
    if (char === '{' || char === '[') {
      depth++;
    } else if (char === '}' || char === ']') {
      depth--;
      if (depth === 0) {
        return at + 1;
      }
      if (depth < 0) {
        return at;
      }
    } else if (depth === 0 && (char === ',' || char === ' ' || char === '\n' || char === '\r' || char === '\t')) {
      return at;
    }
    at++;
  }
  return undefined;
}
