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
 * (with its first backing store), a property (its slot, and the hidden class a new key may
 * make; its key was counted as a string, which keys, being shared, are not), a string (its
 * header), an array slot. Each byte is held about three times: the received buffer, the
 * decoded text and the values made from it.
 */
const COST_PER_CONTAINER = 64;
const COST_PER_PROPERTY = 24;
const COST_PER_STRING = 24;
const COST_PER_ELEMENT = 8;
const COST_PER_BYTE = 3;
/** Read this much of a reply that declared its length, and its whole cost is projected from it. */
const PROJECT_AFTER_BYTES = 1024 * 1024;

/** Thrown while a reply is read when it would cost more than it may; api/failures.ts words it. */
export class ReplyTooBig extends Error {
  constructor(
    /** The reply's size: what it declared, else what had arrived when it was refused. */
    readonly replyBytes: number,
    /** True when `replyBytes` is what the reply declared, false when only that much had arrived. */
    readonly declared: boolean,
    /** The estimated parsed cost when refused: of the whole reply when it declared its length, else of what had arrived. */
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
 * cost, or, for a reply that declared its length, once the cost projected from its first
 * megabyte is over the whole budget; a declared length alone over it is refused at once.
 */
export class ReplyMeter {
  private bytes = 0;
  private estimate = 0;
  /** Inside a string, and just after a backslash in one: carried from one chunk to the next. */
  private inString = false;
  private escaped = false;
  private closed = false;

  constructor(
    private readonly budget: ReplyBudget,
    private readonly declaredBytes: number | undefined,
  ) {
    if (declaredBytes !== undefined && declaredBytes * COST_PER_BYTE > budget.limitBytes) {
      this.refuse(declaredBytes * COST_PER_BYTE, budget.limitBytes);
    }
  }

  add(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    let cost = chunk.length * COST_PER_BYTE;
    let index = 0;
    // Where the next quote and backslash are, found natively and kept until passed: strings
    // (most of a reply) are skipped without a loop in JavaScript. The state lives in locals
    // while the chunk is scanned: this runs before V8 has compiled it, on the first reply.
    let quote = -1;
    let backslash = -1;
    let inString = this.inString;
    let escaped = this.escaped;
    while (index < chunk.length) {
      if (escaped) {
        escaped = false;
        index++;
        continue;
      }
      if (inString) {
        quote = quote >= index ? quote : indexOf(chunk, 0x22, index);
        backslash = backslash >= index ? backslash : indexOf(chunk, 0x5c, index);
        if (backslash < quote) {
          escaped = true;
          index = backslash + 1;
        } else {
          // No quote left in this chunk: the string goes on in the next one.
          inString = quote >= chunk.length;
          index = quote + 1;
        }
        continue;
      }
      switch (chunk[index]) {
        case 0x22:
          inString = true;
          cost += COST_PER_STRING;
          break;
        case 0x7b:
        case 0x5b:
          cost += COST_PER_CONTAINER;
          break;
        case 0x3a:
          cost += COST_PER_PROPERTY;
          break;
        case 0x2c:
          cost += COST_PER_ELEMENT;
          break;
      }
      index++;
    }
    this.inString = inString;
    this.escaped = escaped;
    this.charge(cost);
    this.refuseByProjection();
  }

  /** Gives the reply's share back; idempotent. */
  close(): void {
    if (!this.closed) {
      this.closed = true;
      this.budget.release(this.estimate);
    }
  }

  private charge(delta: number): void {
    const { ok, allowed } = this.budget.tryCharge(this.estimate, delta);
    if (!ok) {
      this.refuse(this.projected(this.estimate + delta), allowed);
    }
    this.estimate += delta;
  }

  /** A reply that declared its length and, at the rate seen so far, will cost more than the whole budget is refused now. */
  private refuseByProjection(): void {
    const declared = this.declaredBytes;
    if (declared === undefined || this.bytes < Math.min(PROJECT_AFTER_BYTES, declared) || this.bytes >= declared) {
      return;
    }
    const projected = this.projected(this.estimate);
    if (projected > this.budget.limitBytes) {
      this.refuse(projected, this.budget.limitBytes);
    }
  }

  /** The whole reply's cost at the rate seen so far, when its length is known. */
  private projected(estimate: number): number {
    if (this.declaredBytes === undefined || this.bytes === 0) {
      return estimate;
    }
    return Math.max(estimate, (estimate / this.bytes) * this.declaredBytes);
  }

  private refuse(estimated: number, allowed: number): never {
    const declared = this.declaredBytes !== undefined;
    this.close();
    throw new ReplyTooBig(declared ? (this.declaredBytes as number) : this.bytes, declared, estimated, allowed, this.budget.limitBytes);
  }
}

// The typed array's own search: a Buffer's indexOf goes through checks in JavaScript and a call into C++ on each string.
const typedIndexOf = Uint8Array.prototype.indexOf;

/** The position of `byte` in `chunk` from `from`, or the chunk's length when there is none. */
function indexOf(chunk: Uint8Array, byte: number, from: number): number {
  const found = typedIndexOf.call(chunk, byte, from);
  return found < 0 ? chunk.length : found;
}
