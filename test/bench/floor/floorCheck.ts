import * as vscode from 'vscode';
import { fetchJson, fetchRoom, type FloorServer } from './floorPanel';

/** As many rooms at once as our Check Rooms loads (src/contract/checkRoomsCommand.ts). */
const PARALLEL_LOADS = 4;

/**
 * Check Rooms' floor (test/bench/checkRoomsBench.ts): the room list, then every room with the same
 * GET, four at a time, and JSON.parse; no rule is run. It ends with a notification, as ours does.
 */
export async function checkRoomsFloor(server: FloorServer): Promise<void> {
  const ids = (await fetchJson<{ rooms: { id: string }[] }>(server, 'rooms')).rooms.map((room) => room.id);
  let next = 0;
  let messages = 0;
  const worker = async (): Promise<void> => {
    while (next < ids.length) {
      messages += (await fetchRoom(server, ids[next++])).messages?.length ?? 0;
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_LOADS }, worker));
  void vscode.window.showInformationMessage(`Floor: loaded ${ids.length} rooms, ${messages} messages.`);
}
