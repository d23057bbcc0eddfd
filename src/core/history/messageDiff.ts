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
 * hashed again, so a Watch poll of a room that only grew hashes just its new tail.
 */
export async function messagesRecord(
  roomId: string,
  room: RoomHistory | undefined,
  messages: readonly RtcMessage[],
  at: number,
  previous: readonly RtcMessage[] | undefined,
  yieldNow: () => Promise<void>,
): Promise<HistoryRecord | undefined> {
  const same = previous ? samePrefix(previous, messages) : 0;
  const grewOnly = previous !== undefined && same === previous.length;
  const set: SeenMessage[] = [];
  let hashed = 0;
  for (let index = grewOnly ? same : 0; index < messages.length; index++) {
    const message = messages[index];
    if (!grewOnly && previous && index < previous.length && sameMessage(previous[index], message)) {
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
  const gone = grewOnly || !room ? [] : vanished(room, messages);
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

function sameMessage(a: RtcMessage, b: RtcMessage): boolean {
  return a.id === b.id && a.salt === b.salt && a.data === b.data;
}

/** How many messages at the start are identical in both arrays. */
function samePrefix(previous: readonly RtcMessage[], messages: readonly RtcMessage[]): number {
  const length = Math.min(previous.length, messages.length);
  let index = 0;
  while (index < length && sameMessage(previous[index], messages[index])) {
    index++;
  }
  return index;
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
