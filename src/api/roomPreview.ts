import { isRtcMessage } from './shapes';
import type { Room, RtcMessage } from './types';

/** The first messages of a room reply (and whichever header fields came before them), read while the rest is still arriving. */
export interface RoomPreview {
  fields: Partial<Pick<Room, 'id' | 'started' | 'ended' | 'members'>>;
  messages: RtcMessage[];
}

const HEADER_FIELDS = new Set(['id', 'room_id', 'started', 'ended', 'members']);
/** Text read past this without a full preview: show what there is, or give up when there is nothing. */
const DEFAULT_BUDGET_CHARS = 1024 * 1024;

/** What the reader expects next in `{"key": value, …, "messages": [{…}, …`. */
type Expect = 'open' | 'key' | 'colon' | 'value' | 'message';
type Step = { kind: 'wait' } | { kind: 'stop' } | { kind: 'next'; at: number };

/** How far the scan of an unfinished JSON value got, so the next chunk resumes it instead of starting over. */
interface ValueScan {
  start: number;
  at: number;
  depth: number;
  inString: boolean;
  escaped: boolean;
}

/**
 * Reads the start of a room reply (`{"id": …, "messages": [{…}, …], …}`) chunk by chunk and
 * hands out its first `wanted` messages once they are complete, so a panel can show rows of a
 * 100,000-message room long before the whole 18 MB has arrived and been parsed. It is only a
 * preview: the caller still parses and checks the whole reply, and anything unexpected here
 * (another shape, an `error` key, a message that is not three strings) just ends the preview.
 * Each character is looked at once: consumed text is dropped and an unfinished value's scan is
 * resumed, so a server sending tiny chunks cannot make it quadratic.
 */
export class RoomPreviewReader {
  private readonly decoder = new TextDecoder('utf-8');
  /** The text not consumed yet; chunks that only continue an unfinished value wait in `pending`, unjoined. */
  private text = '';
  private pending: string[] = [];
  private pendingChars = 0;
  private position = 0;
  private consumedChars = 0;
  private expect: Expect = 'open';
  private commaSeen = false;
  private key = '';
  private scan: ValueScan | undefined;
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
    const added = this.decoder.decode(chunk, { stream: true });
    if (this.scan && scanValue(added, this.text.length + this.pendingChars, this.scan) === undefined) {
      this.pending.push(added);
      this.pendingChars += added.length;
    } else {
      this.text += this.pending.join('') + added;
      this.pending = [];
      this.pendingChars = 0;
      this.advance();
    }
    if (this.finished) {
      return undefined;
    }
    const readChars = this.consumedChars + this.text.length + this.pendingChars;
    if (this.messages.length >= this.wanted || (readChars > this.budgetChars && this.messages.length > 0)) {
      return this.finish();
    }
    if (readChars > this.budgetChars) {
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
    this.pending = [];
  }

  /** Consumes as many complete tokens as the text holds; stops the preview on anything unexpected. */
  private advance(): void {
    while (!this.finished && this.messages.length < this.wanted) {
      this.position = skipSpace(this.text, this.position);
      let step: Step;
      try {
        step = this.position >= this.text.length ? { kind: 'wait' } : this.next(this.position);
      } catch {
        // Malformed JSON: the full parse will say so properly.
        step = { kind: 'stop' };
      }
      if (step.kind === 'wait') {
        this.consume();
        return;
      }
      if (step.kind === 'stop') {
        this.stop();
        return;
      }
      this.position = step.at;
    }
  }

  /** Drops the consumed text, so appending the next chunk never copies it again. */
  private consume(): void {
    const dropped = this.position;
    this.consumedChars += dropped;
    this.text = this.text.slice(dropped);
    this.position = 0;
    if (this.scan) {
      this.scan.start -= dropped;
      this.scan.at -= dropped;
    }
  }

  /** One token at `at` (not a space): the opening brace, a comma, a key, a colon, a value or a message. */
  private next(at: number): Step {
    const char = this.text[at];
    switch (this.expect) {
      case 'open':
        // A BOM is removed by the decoder; anything but an object is not a room.
        this.expect = 'key';
        return char === '{' ? { kind: 'next', at: at + 1 } : { kind: 'stop' };
      case 'key':
        if (char === ',' && !this.commaSeen) {
          this.commaSeen = true;
          return { kind: 'next', at: at + 1 };
        }
        // '}' (no messages at all) or malformed: either way nothing to preview.
        return char === '"' ? this.complete(at, (text) => this.readKey(text)) : { kind: 'stop' };
      case 'colon':
        this.expect = 'value';
        return char === ':' && this.key !== 'error' ? { kind: 'next', at: at + 1 } : { kind: 'stop' };
      case 'value':
        if (this.key === 'messages') {
          this.expect = 'message';
          return char === '[' ? { kind: 'next', at: at + 1 } : { kind: 'stop' };
        }
        return this.complete(at, (text) => this.readField(text));
      case 'message':
        if (char === ',' && !this.commaSeen && this.messages.length > 0) {
          this.commaSeen = true;
          return { kind: 'next', at: at + 1 };
        }
        // ']' ends a room small enough that the whole reply follows at once; no preview needed.
        return char === '{' ? this.complete(at, (text) => this.readMessage(text)) : { kind: 'stop' };
    }
  }

  /** Waits until the value starting at `start` is complete, then hands its text to `read`. */
  private complete(start: number, read: (text: string) => boolean): Step {
    if (this.scan?.start !== start) {
      this.scan = { start, at: start, depth: 0, inString: false, escaped: false };
    }
    const end = scanValue(this.text, 0, this.scan);
    if (end === undefined) {
      return { kind: 'wait' };
    }
    this.scan = undefined;
    this.commaSeen = false;
    return read(this.text.slice(start, end)) ? { kind: 'next', at: end } : { kind: 'stop' };
  }

  private readKey(text: string): boolean {
    this.key = JSON.parse(text) as string;
    this.expect = 'colon';
    return true;
  }

  private readField(text: string): boolean {
    this.expect = 'key';
    if (HEADER_FIELDS.has(this.key) && text.startsWith('"')) {
      const value = JSON.parse(text) as string;
      if (this.key === 'room_id') {
        this.fields.id ??= value;
      } else {
        this.fields[this.key as keyof RoomPreview['fields']] = value;
      }
    }
    return true;
  }

  private readMessage(text: string): boolean {
    const message: unknown = JSON.parse(text);
    if (!isRtcMessage(message)) {
      return false;
    }
    this.messages.push(message);
    return true;
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
 * Where the JSON value being scanned ends (exclusive, counted like `scan.at`), or undefined when
 * `text` (which starts at `offset`) stops before it does; `scan` then holds how far it got.
 * Strings and nesting are followed just far enough to find the end; JSON.parse checks the value
 * itself afterwards and throws on anything malformed.
 */
function scanValue(text: string, offset: number, scan: ValueScan): number | undefined {
  let { depth, inString, escaped } = scan;
  let at = scan.at - offset;
  for (; at < text.length; at++) {
    const char = text.charCodeAt(at);
    if (inString) {
      if (escaped) {
        escaped = false;
      } else if (char === 0x5c) {
        escaped = true;
      } else if (char === 0x22) {
        inString = false;
        if (depth === 0) {
          return offset + at + 1;
        }
      }
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x7b || char === 0x5b) {
      depth++;
    } else if (char === 0x7d || char === 0x5d) {
      depth--;
      if (depth <= 0) {
        return offset + (depth === 0 ? at + 1 : at);
      }
    } else if (depth === 0 && (char === 0x2c || char === 0x20 || char === 0x0a || char === 0x0d || char === 0x09)) {
      return offset + at;
    }
  }
  Object.assign(scan, { at: offset + at, depth, inString, escaped });
  return undefined;
}
