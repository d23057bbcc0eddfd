/**
 * The memory that replies being read may cost, for the whole extension. A reply is charged
 * what it will cost once parsed, estimated as its bytes arrive: `[{},{},…]` costs about twenty
 * times its size as objects, ordinary messages about twice. The composition root makes one
 * budget and every client it builds shares it, so the replies in flight together stay bounded.
 */

const MB = 1_000_000;

/** What all replies being read may cost together, once parsed. */
export const DEFAULT_REPLY_BUDGET_BYTES = 500 * MB;
/** What any one reply may always cost, however busy the budget: a ping or a small room is never refused. */
export const REPLY_FLOOR_BYTES = 16 * MB;

/**
 * Estimated V8 cost of the parsed value, per token seen outside strings: an object or array
 * (with its first backing store), a property (its slot, and the hidden class a new key makes),
 * a string (its header), an array slot. Each byte is held about three times: the received
 * buffer, the decoded text and the values made from it.
 */
const COST_PER_CONTAINER = 72;
const COST_PER_PROPERTY = 96;
const COST_PER_STRING = 24;
const COST_PER_ELEMENT = 16;
const COST_PER_BYTE = 3;

/** Thrown while a reply is read when it would cost more than it may; api/failures.ts words it. */
export class ReplyTooBig extends Error {
  constructor(
    /** The reply's size: what it declared, else what had arrived when it was refused. */
    readonly replyBytes: number,
    /** True when `replyBytes` is what the reply declared, false when only that much had arrived. */
    readonly declared: boolean,
    /** The estimated parsed cost when refused. */
    readonly estimatedBytes: number,
    /** What this reply could have cost at that moment. */
    readonly allowedBytes: number,
    /** The whole budget: when `allowedBytes` is less, other replies were using the rest. */
    readonly limitBytes: number,
  ) {
    super(`reply too big: ${megabytes(replyBytes)} MB, over the ${megabytes(limitBytes)} MB limit`);
    this.name = 'ReplyTooBig';
  }

  /** Whether the reply alone is over the whole budget (it will never load), rather than only over what other replies left. */
  get alwaysTooBig(): boolean {
    return this.estimatedBytes > this.limitBytes;
  }
}

/** Sizes for messages, in decimal megabytes as file managers show them. */
export function megabytes(bytes: number): string {
  return (bytes / MB).toLocaleString('en-US', { maximumFractionDigits: bytes < 10 * MB ? 1 : 0 });
}

/** Shared by every client of one extension; one per composition root (tests and benches make their own). */
export class ReplyBudget {
  private charged = 0;

  constructor(
    readonly limitBytes = DEFAULT_REPLY_BUDGET_BYTES,
    private readonly floorBytes = Math.min(REPLY_FLOOR_BYTES, limitBytes),
  ) {}

  /** What all replies being read are charged now. */
  get inFlightBytes(): number {
    return this.charged;
  }

  /** Starts metering one reply; `close()` it when it has been read (or failed), whatever happened. */
  meter(declaredBytes: number | undefined): ReplyMeter {
    return new ReplyMeter(this, declaredBytes);
  }

  /** Charges `delta` more to a reply already charged `own`; false (nothing charged) when that is over what it may cost. */
  tryCharge(own: number, delta: number): { ok: boolean; allowed: number } {
    const allowed = Math.max(this.floorBytes, this.limitBytes - (this.charged - own));
    if (own + delta > allowed) {
      return { ok: false, allowed };
    }
    this.charged += delta;
    return { ok: true, allowed };
  }

  release(bytes: number): void {
    this.charged = Math.max(0, this.charged - bytes);
  }
}

/**
 * One reply's share of the budget. `add` scans each chunk once (strings skipped byte by byte,
 * nothing copied) and throws ReplyTooBig as soon as the estimate is over what the reply may
 * cost; a declared length that alone is over it is refused before any byte is read.
 */
export class ReplyMeter {
  private bytes = 0;
  private estimate = 0;
  private inString = false;
  private escaped = false;
  private tokenCost = 0;
  private closed = false;

  constructor(
    private readonly budget: ReplyBudget,
    private readonly declaredBytes: number | undefined,
  ) {
    if (declaredBytes !== undefined) {
      this.charge(declaredBytes * COST_PER_BYTE - this.estimate);
    }
  }

  get receivedBytes(): number {
    return this.bytes;
  }

  add(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    let tokens = 0;
    let inString = this.inString;
    let escaped = this.escaped;
    for (let index = 0; index < chunk.length; index++) {
      const byte = chunk[index];
      if (inString) {
        if (escaped) {
          escaped = false;
        } else if (byte === 0x5c) {
          escaped = true;
        } else if (byte === 0x22) {
          inString = false;
        }
        continue;
      }
      switch (byte) {
        case 0x22:
          inString = true;
          tokens += COST_PER_STRING;
          break;
        case 0x7b:
        case 0x5b:
          tokens += COST_PER_CONTAINER;
          break;
        case 0x3a:
          tokens += COST_PER_PROPERTY;
          break;
        case 0x2c:
          tokens += COST_PER_ELEMENT;
          break;
      }
    }
    this.inString = inString;
    this.escaped = escaped;
    const byDeclared = this.declaredBytes === undefined ? 0 : this.declaredBytes * COST_PER_BYTE;
    const next = Math.max(byDeclared, this.bytes * COST_PER_BYTE) + this.tokenCost + tokens;
    this.tokenCost += tokens;
    this.charge(next - this.estimate);
  }

  /** Gives the reply's share back; idempotent. */
  close(): void {
    if (!this.closed) {
      this.closed = true;
      this.budget.release(this.estimate);
    }
  }

  private charge(delta: number): void {
    if (delta <= 0) {
      return;
    }
    const { ok, allowed } = this.budget.tryCharge(this.estimate, delta);
    if (!ok) {
      const declared = this.declaredBytes !== undefined;
      this.close();
      throw new ReplyTooBig(declared ? (this.declaredBytes as number) : this.bytes, declared, this.estimate + delta, allowed, this.budget.limitBytes);
    }
    this.estimate += delta;
  }
}
