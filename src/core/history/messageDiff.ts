import { createHash } from 'node:crypto';
import type { RtcMessage } from '../../api/types';
import type { HistoryRecord, RoomHistory, SeenMessage } from './serverHistory';

/** Hashes between two yields to the extension host, so a first sighting of a huge room never blocks it for long. */
const HASHES_PER_SLICE = 5000;

/** The short content hash kept instead of a message's salt and data. */
export function messageHash(message: RtcMessage): string {
  return createHash('sha256').update(String(message.salt)).update('\0').update(String(message.data)).digest('hex').slice(0, 16);
}

/**
 * The record of one sighting of a room's messages, or undefined when nothing changed. `previous`
 * is the array seen last time (kept in memory): messages identical at the same place are not
 * hashed again, so a Watch poll of a room that grew (or slid) hashes just its new tail.
 */
export async function messagesRecord(
  roomId: string,
  room: RoomHistory | undefined,
  messages: readonly RtcMessage[],
  at: number,
  previous: readonly RtcMessage[] | undefined,
  yieldNow: () => Promise<void>,
): Promise<HistoryRecord | undefined> {
  const window = previous ? slidWindow(previous, messages) : undefined;
  const set: SeenMessage[] = [];
  let hashed = 0;
  for (let index = window ? window.kept : 0; index < messages.length; index++) {
    const message = messages[index];
    if (!window && previous && index < previous.length && sameMessage(previous[index], message)) {
      continue;
    }
    const hash = messageHash(message);
    const known = room?.messages.get(message.id);
    if (!known || known.vanishedAt !== undefined || known.hash !== hash) {
      set.push([message.id, hash]);
    }
    if (++hashed % HASHES_PER_SLICE === 0) {
      await yieldNow();
    }
  }
  const gone = !room
    ? []
    : window
      ? windowGone(previous as readonly RtcMessage[], window.dropped, messages, window.kept)
      : vanished(room, messages);
  const first = room?.firstMessagesAt === undefined;
  if (!first && set.length === 0 && gone.length === 0) {
    return undefined;
  }
  return {
    k: 'm',
    r: roomId,
    at,
    ...(first ? { first: 1 as const } : {}),
    ...(set.length ? { set } : {}),
    ...(gone.length ? { gone } : {}),
  };
}

/**
 * When the messages are the previous ones with some dropped from the start and some added at the
 * end (a room that grew, or a server that keeps only the latest): how many were dropped and how
 * many of the previous ones are kept, in order. Undefined for any other change.
 */
function slidWindow(previous: readonly RtcMessage[], messages: readonly RtcMessage[]): { dropped: number; kept: number } | undefined {
  let dropped = 0;
  if (messages.length > 0) {
    const firstId = messages[0].id;
    while (dropped < previous.length && previous[dropped].id !== firstId) {
      dropped++;
    }
  }
  const kept = Math.min(previous.length - dropped, messages.length);
  for (let index = 0; index < kept; index++) {
    if (!sameMessage(previous[dropped + index], messages[index])) {
      return undefined;
    }
  }
  return dropped + kept === previous.length ? { dropped, kept } : undefined;
}

/** The dropped ones of a slid window, unless one of them came back among the added ones. */
function windowGone(previous: readonly RtcMessage[], dropped: number, messages: readonly RtcMessage[], kept: number): string[] {
  if (dropped === 0) {
    return [];
  }
  const added = new Set<string>();
  for (let index = kept; index < messages.length; index++) {
    added.add(messages[index].id);
  }
  return previous.slice(0, dropped).flatMap((message) => (added.has(message.id) ? [] : [message.id]));
}

function sameMessage(a: RtcMessage, b: RtcMessage): boolean {
  return a.id === b.id && a.salt === b.salt && a.data === b.data;
}

function vanished(room: RoomHistory, messages: readonly RtcMessage[]): string[] {
  const present = new Set<string>();
  for (const message of messages) {
    present.add(message.id);
  }
  const gone: string[] = [];
  for (const [id, message] of room.messages) {
    if (message.vanishedAt === undefined && !present.has(id)) {
      gone.push(id);
    }
  }
  return gone;
}
