import type { RtcMessage } from '../api/types';

/**
 * Sends a large batch of messages as a series of smaller requests, in order, and says
 * exactly what happened: which messages went in, which did not, and why it stopped. No
 * vscode import (unit-tested); the command wraps it in progress and notifications.
 *
 * Cancellation is honoured between chunks, never inside one: a PUT aborted in flight may or
 * may not have been stored, and then the report could not say which messages went in.
 */

export const DEFAULT_CHUNK_SIZE = 1000;

export interface UploadProgress {
  sent: number;
  total: number;
}

export interface UploadOutcome {
  /** Messages the server confirmed, in order. */
  sent: RtcMessage[];
  /** Messages not (known to be) stored, in order: the failed chunk first, then the rest. */
  unsent: RtcMessage[];
  /** How the upload ended. */
  end: 'done' | 'failed' | 'cancelled';
  /** The error of the failed chunk, for 'failed'. */
  error?: unknown;
  /** 1-based number of the chunk that failed, and how many chunks there were. */
  failedChunk?: number;
  chunkCount: number;
}

export type SendChunk = (chunk: RtcMessage[]) => Promise<void>;

export function splitIntoChunks<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) {
    throw new RangeError(`chunk size must be a positive integer, got ${size}`);
  }
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    chunks.push(items.slice(start, start + size));
  }
  return chunks;
}

export async function uploadInChunks(
  messages: readonly RtcMessage[],
  send: SendChunk,
  options: { chunkSize?: number; isCancelled?: () => boolean; onProgress?: (progress: UploadProgress) => void } = {},
): Promise<UploadOutcome> {
  const chunks = splitIntoChunks(messages, options.chunkSize ?? DEFAULT_CHUNK_SIZE);
  const sent: RtcMessage[] = [];
  const remainderFrom = (chunkIndex: number): RtcMessage[] => chunks.slice(chunkIndex).flat();
  for (let index = 0; index < chunks.length; index++) {
    if (options.isCancelled?.()) {
      return { sent, unsent: remainderFrom(index), end: 'cancelled', chunkCount: chunks.length };
    }
    try {
      await send(chunks[index]);
    } catch (error) {
      return { sent, unsent: remainderFrom(index), end: 'failed', error, failedChunk: index + 1, chunkCount: chunks.length };
    }
    sent.push(...chunks[index]);
    options.onProgress?.({ sent: sent.length, total: messages.length });
  }
  return { sent, unsent: [], end: 'done', chunkCount: chunks.length };
}
