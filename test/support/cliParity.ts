import { writeFile } from 'node:fs/promises';
import { WorldClientApi } from '../../src/api/client';
import { serializeRoomFile } from '../../src/rooms/roomFile';
import type { Sandbox } from '../sandbox/server';

/** A finding as the parity tests compare them: rule, room, and the field (of which message). */
export interface ParityFinding {
  ruleId: string;
  roomId: string;
  location: { kind: string; field: string; index?: number };
}

export const parityKey = ({ ruleId, roomId, location }: ParityFinding): string =>
  `${ruleId} ${roomId} ${location.kind}${location.index ?? ''}.${location.field}`;

/**
 * Rules an export file cannot show, as Export writes these anew from what the client read: the
 * list's (one entry per id), the reply's form (`id` for `room_id`, `messages` always, `hasMessages`
 * from the messages), and the comparisons of a reply with the list or with the id asked for.
 */
export const SERVER_ONLY_RULES: ReadonlySet<string> = new Set([
  'list/duplicate-id',
  'room/empty-id',
  'room/id-field-name',
  'room/has-messages-type',
  'room/has-messages-mismatch',
  'room/messages-missing',
  'room/list-mismatch',
  'reply/wrong-room',
]);

/** Export Rooms… of every room of the sandbox, written as the extension writes it. */
export async function exportAll(sandbox: Sandbox, file: string): Promise<void> {
  const api = new WorldClientApi(
    { baseUrl: sandbox.url, urlStyle: 'path', sessionTransport: 'header', timeoutMs: 5000 },
    { getCredentials: () => ({ session: sandbox.session }) },
  );
  try {
    const ids = [...new Set((await api.listRooms()).map((room) => room.id))].filter((id) => id !== '');
    const rooms = await Promise.all(ids.map((id) => api.getRoom(id)));
    await writeFile(file, serializeRoomFile(sandbox.url, rooms, new Date()));
  } finally {
    await api.dispose();
  }
}
