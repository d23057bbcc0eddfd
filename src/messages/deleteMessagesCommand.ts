import type * as vscode from 'vscode';
import type { CommandRunner } from '../commands/commandRunner';
import { roomIdsFromArguments } from '../rooms/roomArgument';
import { pickRoom } from '../rooms/roomPicker';
import type { Connection } from '../session/connection';
import type { SnapshotInfo, SnapshotStore } from '../snapshots/snapshotStore';
import type { Ui } from '../ui/ui';
import { withCancellableProgress } from '../util/cancellation';
import type { UploadFlow } from './uploadFlow';
import { count } from './uploadReport';

export interface DeleteMessagesDeps {
  ui: Ui;
  connection: Connection;
  runner: CommandRunner;
  snapshots: SnapshotStore;
  uploads: UploadFlow;
  log: vscode.LogOutputChannel;
  onRoomChanged(roomId: string): void;
}

const DELETE = 'Delete All Messages';
const UNDO = 'Undo';

/**
 * `worldclientRtc.deleteMessages` (argument: a tree item or a room id; none → pick a room).
 * Asks with the exact count, saves a snapshot of the room first (nothing is deleted if that
 * fails), deletes, then offers Undo, which puts the messages back in chunks. Returns how
 * many messages were deleted.
 */
export async function deleteAllMessages(deps: DeleteMessagesDeps, argument: unknown, selection: unknown): Promise<number | undefined> {
  const roomId = roomIdsFromArguments(argument, selection)[0] ?? (await pickRoom(deps.ui, deps.connection, 'Delete all messages of which room?'));
  if (roomId === undefined) {
    return undefined;
  }
  const api = deps.connection.api();
  const serverUrl = deps.connection.serverUrl;
  const room = await withCancellableProgress(`Loading room "${roomId}"…`, (signal) => api.getRoom(roomId, signal));
  const total = room.messages.length;
  if (total === 0) {
    void deps.ui.showMessage('info', `Room "${roomId}" has no messages; nothing to delete.`, {});
    return 0;
  }
  const answer = await deps.ui.showMessage(
    'warning',
    `Delete all ${count(total)} of room "${roomId}"?`,
    { modal: true, detail: 'A snapshot of the room is saved first (kept for 7 days): the notification that follows offers Undo.' },
    DELETE,
  );
  if (answer !== DELETE) {
    return undefined;
  }
  let snapshot: SnapshotInfo;
  try {
    snapshot = await deps.snapshots.save(serverUrl, room, 'deleteMessages');
  } catch (error) {
    throw new Error(`Could not save a snapshot of room "${roomId}" (${(error as Error).message}), so nothing was deleted. Check free disk space and try again.`);
  }
  await withCancellableProgress(`Deleting ${count(total)} of room "${roomId}"…`, (signal) => api.deleteRoomMessages(roomId, signal));
  deps.log.info(`Deleted ${total} message(s) of room "${roomId}"; snapshot ${snapshot.snapshotId}.`);
  deps.onRoomChanged(roomId);
  void deps.ui.showMessage('info', `Deleted ${count(total)} of room "${roomId}".`, {}, UNDO).then((choice) => {
    if (choice === UNDO) {
      return deps.runner.run('Undo delete messages', () => undo(deps, snapshot));
    }
    return undefined;
  });
  return total;
}

async function undo(deps: DeleteMessagesDeps, snapshot: SnapshotInfo): Promise<void> {
  const room = await deps.snapshots.load(snapshot.snapshotId);
  if (!room) {
    throw new Error(`The snapshot of room "${snapshot.roomId}" is gone (older than 7 days, or removed), so the messages cannot be put back.`);
  }
  if (deps.connection.serverUrl !== snapshot.serverUrl) {
    throw new Error(`The messages were deleted on ${snapshot.serverUrl}, but the extension now points at ${deps.connection.serverUrl || 'no server'}. Switch back to that server, then Undo again.`);
  }
  await deps.uploads.run({
    roomId: room.id,
    messages: room.messages,
    verb: 'Restored',
    activity: 'Restoring',
    onComplete: () => deps.snapshots.remove(snapshot.snapshotId),
  });
}
