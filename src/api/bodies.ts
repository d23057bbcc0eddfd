import type { ReplyMeter } from './replyBudget';

// How the transport (http.ts) reads a reply's body: whole, metered against the reply budget, or
// handed chunk by chunk to a sink that writes it to a file.

export type BodyPeek = (chunk: Uint8Array, declaredBytes: number | undefined) => boolean;

/** undici's body: read by async iteration, destroyed when the read is given up. */
type Body = AsyncIterable<Buffer> & { destroy(): unknown };

export interface ReadBody {
  text: string;
  bytes: number;
  /** Gives the reply's share of the reply budget back, once it is parsed. */
  release?: () => void;
}

/**
 * Reads the whole body once, counting bytes as they arrive, and decodes it once; one
 * buffer, no intermediate strings, which keeps big replies close to raw undici speed.
 * The meter charges the reply's parsed cost to the shared budget as it arrives, and ends
 * the read (the connection is dropped) the moment that is more than the reply may cost.
 */
export async function readBody(
  body: Body,
  openMeter: () => ReplyMeter,
  peek: BodyPeek | undefined,
  declaredBytes: number | undefined,
  onBytes: (bytes: number) => void,
): Promise<ReadBody> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  let meter: ReplyMeter | undefined;
  try {
    meter = openMeter();
    for await (const chunk of body) {
      meter.add(chunk);
      chunks.push(chunk);
      bytes += chunk.length;
      onBytes(bytes);
      if (peek) {
        peek = peekOnce(peek, chunk, declaredBytes) ? peek : undefined;
      }
    }
    const whole = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, bytes);
    chunks.length = 0;
    const held = meter;
    return { text: whole.toString('utf8'), bytes, release: () => held.close() };
  } catch (error) {
    meter?.close();
    body.destroy();
    throw error;
  }
}

/** Hands each chunk of the body to the sink, waiting for it (the file write) before reading on. */
export async function streamBody(
  body: Body,
  sink: (chunk: Uint8Array) => Promise<void>,
  onBytes: (bytes: number) => void,
): Promise<ReadBody> {
  let bytes = 0;
  try {
    for await (const chunk of body) {
      await sink(chunk);
      bytes += chunk.length;
      onBytes(bytes);
    }
  } catch (error) {
    body.destroy();
    throw error;
  }
  return { text: '', bytes };
}

/** A failing peek only ends the peeking: the reply itself is still read and checked in full. */
function peekOnce(peek: BodyPeek, chunk: Uint8Array, declaredBytes: number | undefined): boolean {
  try {
    return peek(chunk, declaredBytes);
  } catch {
    return false;
  }
}
