import type { UploadOutcome } from './chunkedUpload';
import { errorMessage } from '../api/errors';
import { visibleId } from '../shared/inertText';

/**
 * Turns an upload outcome into the notification a developer reads: what went in, what did
 * not, why, and what Retry will do. Pure text (unit-tested); the command adds the buttons.
 */
export interface UploadReport {
  severity: 'info' | 'warning' | 'error';
  /** Complete on its own: non-modal notifications do not show a separate detail. */
  message: string;
}

export function count(n: number, noun = 'message'): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}

function range(from: number, to: number): string {
  return from === to ? `message ${from.toLocaleString('en-US')}` : `messages ${from.toLocaleString('en-US')}–${to.toLocaleString('en-US')}`;
}

/** A timeout or a dropped connection leaves open whether the server stored the chunk. */
function outcomeUnknown(error: unknown): boolean {
  const kind = (error as { kind?: unknown } | undefined)?.kind;
  return kind === 'timeout' || kind === 'network';
}

/** `verb` is the past tense shown to the user, e.g. "Added" or "Restored". */
export function describeUpload(outcome: UploadOutcome, roomId: string, verb: string): UploadReport {
  const total = outcome.sent.length + outcome.unsent.length;
  const room = `room "${visibleId(roomId)}"`;
  if (outcome.end === 'done') {
    return { severity: 'info', message: `${verb} ${count(total)} in ${room}.` };
  }
  const sentPart = outcome.sent.length > 0 ? `${range(1, outcome.sent.length)} went in` : 'nothing went in';
  const unsentPart = `${range(outcome.sent.length + 1, total)} did not`;
  if (outcome.end === 'cancelled') {
    return {
      severity: 'warning',
      message:
        `Stopped: ${verb.toLowerCase()} ${outcome.sent.length.toLocaleString('en-US')} of ${count(total)} in ${room}. ` +
        `${capitalize(sentPart)}; ${unsentPart}. The ${count(outcome.unsent.length)} not sent are kept: Retry sends them.`,
    };
  }
  const lines = [
    `${verb} ${outcome.sent.length.toLocaleString('en-US')} of ${count(total)} in ${room}.`,
    `${capitalize(sentPart)}; ${unsentPart}. Chunk ${outcome.failedChunk} of ${outcome.chunkCount} failed: ${errorMessage(outcome.error)}`,
    `Retry sends only the ${count(outcome.unsent.length)} that did not go in; nothing you loaded or typed is lost.`,
  ];
  if (outcomeUnknown(outcome.error)) {
    lines.push(
      `The failed request ended without an answer, so the server may have stored chunk ${outcome.failedChunk} anyway: ` +
        'check the room (Refresh) before retrying to avoid duplicates.',
    );
  }
  return { severity: 'error', message: lines.join(' ') };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
