import type { Room } from '../api/types';
import { messageHash } from '../core/history/messageDiff';
import type { RoomHistory } from '../core/history/serverHistory';

/**
 * "Compare with… the room as recorded at …": the history keeps each message's id and a hash of
 * its content, never the content, so both sides of such a diff are laid out as ids and hashes.
 * A message that arrived since is then one added line; one whose content changed, one changed line.
 */

/** A moment the history holds something of the room, and what it recorded then. */
export interface RecordedPoint {
  at: number;
  /** Messages first seen at this moment. */
  firstSeen: number;
}

/** The moments to offer, newest first, at most `limit`: each time messages were first seen or the room's fields changed. */
export function recordedPoints(history: RoomHistory, limit: number): RecordedPoint[] {
  const counts = new Map<number, number>();
  for (const fields of history.fields) {
    counts.set(fields.at, counts.get(fields.at) ?? 0);
  }
  for (const message of history.messages.values()) {
    counts.set(message.firstSeen, (counts.get(message.firstSeen) ?? 0) + 1);
  }
  // One entry per observation, not per message: a poll records its messages at one time.
  return [...counts]
    .map(([at, firstSeen]) => ({ at, firstSeen }))
    .sort((a, b) => b.at - a.at)
    .slice(0, limit);
}

/** The room as the history saw it at `at`: its fields then, and the messages present then with their content's hash then. */
export function roomAsRecorded(roomId: string, history: RoomHistory, at: number): string {
  const fields = history.fields.filter((entry) => entry.at <= at).pop() ?? history.fields[0];
  const messages: [string, string][] = [];
  for (const [id, message] of history.messages) {
    if (message.firstSeen > at || (message.vanishedAt !== undefined && message.vanishedAt <= at)) {
      continue;
    }
    const changedSince = message.changedAt !== undefined && message.changedAt > at;
    messages.push([id, changedSince ? (message.previousHash ?? message.hash) : message.hash]);
  }
  return hashedLayout({ id: roomId, ...(fields && withoutTime(fields)) }, messages);
}

/** The room as the server holds it now, in the same layout. */
export function roomNowHashed(room: Room): string {
  const { id, started, ended, members, hasMessages } = room;
  return hashedLayout(
    { id, started, ended, members, hasMessages },
    room.messages.map((message) => [message.id, messageHash(message)]),
  );
}

function withoutTime(fields: RoomHistory['fields'][number]): Record<string, unknown> {
  const { started, ended, members, hasMessages } = fields;
  return { started, ended, members, hasMessages };
}

/** One field or message per line, commas leading, so an added message adds one line and changes none. */
function hashedLayout(fields: Record<string, unknown>, messages: readonly [string, string][]): string {
  const lines = ['{'];
  for (const [name, value] of Object.entries(fields)) {
    lines.push(`  ${JSON.stringify(name)}: ${JSON.stringify(value ?? null)},`);
  }
  lines.push('  // Each message as its id and a hash of its salt and data: the history keeps no content.');
  lines.push('  "messages": [');
  messages.forEach(([id, hash], index) => lines.push(`  ${index === 0 ? '  ' : ', '}{"id": ${JSON.stringify(id)}, "hash": "${hash}"}`));
  lines.push('  ]', '}', '');
  return lines.join('\n');
}
