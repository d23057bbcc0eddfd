import * as vscode from 'vscode';
import type { CommandRunner } from '../commands/commandRunner';
import { roomIdsFromArguments } from '../rooms/roomArgument';
import { pickRoom } from '../rooms/roomPicker';
import type { Connection } from '../session/connection';
import type { SnapshotInfo, SnapshotStore } from '../snapshots/snapshotStore';
import type { Ui } from '../ui/ui';
import { withCancellableProgress } from '../util/cancellation';
import type { UploadFlow } from './uploadFlow';

export interface DeleteMessagesDeps {
  ui: Ui;
  connection: Connection;
  runner: CommandRunner;
  snapshots: SnapshotStore;
  uploads: UploadFlow;
  log: vscode.LogOutputChannel;
  onRoomChanged(roomId: string): void;
}

/**
 * `worldclientRtc.deleteMessages` (argument: a tree item or a room id; none → pick a room).
 * Asks with the exact count, saves a snapshot of the room first (nothing is deleted if that
 * fails), deletes, then offers Undo, which puts the messages back in chunks. Returns how
 * many messages were deleted.
 */
export async function deleteAllMessages(deps: DeleteMessagesDeps, argument: unknown, selection: unknown): Promise<number | undefined> {
  const roomId = roomIdsFromArguments(argument, selection)[0] ?? (await pickRoom(deps.ui, deps.connection, vscode.l10n.t('Delete all messages of which room?')));
  if (roomId === undefined) {
    return undefined;
  }
  const api = deps.connection.api();
  const serverUrl = deps.connection.serverUrl;
  const room = await withCancellableProgress(vscode.l10n.t('Loading room "{0}"…', roomId), (signal) => api.getRoom(roomId, signal));
  const total = room.messages.length;
  if (total === 0) {
    void deps.ui.showMessage('info', vscode.l10n.t('Room "{0}" has no messages; nothing to delete.', roomId), {});
    return 0;
  }
  const n = total.toLocaleString('en-US');
  const deleteAction = vscode.l10n.t('Delete All Messages');
  const answer = await deps.ui.showMessage(
    'warning',
    total === 1 ? vscode.l10n.t('Delete all {0} message of room "{1}"?', n, roomId) : vscode.l10n.t('Delete all {0} messages of room "{1}"?', n, roomId),
    { modal: true, detail: vscode.l10n.t('A snapshot of the room is saved first (kept for 7 days): the notification that follows offers Undo.') },
    deleteAction,
  );
  if (answer !== deleteAction) {
    // A dismissed (or, in some hosts, refused) dialog must not look like a delete that happened.
    void deps.ui.showMessage('info', vscode.l10n.t('Nothing was deleted: room "{0}" keeps its {1} message(s).', roomId, n), {});
    return undefined;
  }
  let snapshot: SnapshotInfo;
  try {
    snapshot = await deps.snapshots.save(serverUrl, room, 'deleteMessages');
  } catch (error) {
    throw new Error(vscode.l10n.t('Could not save a snapshot of room "{0}" ({1}), so nothing was deleted. Check free disk space and try again.', roomId, (error as Error).message));
  }
  await withCancellableProgress(
    total === 1 ? vscode.l10n.t('Deleting {0} message of room "{1}"…', n, roomId) : vscode.l10n.t('Deleting {0} messages of room "{1}"…', n, roomId),
    (signal) => api.deleteRoomMessages(roomId, signal),
  );
  deps.log.info(`Deleted ${total} message(s) of room "${roomId}"; snapshot ${snapshot.snapshotId}.`);
  deps.onRoomChanged(roomId);
  const undoAction = vscode.l10n.t('Undo');
  const deleted = total === 1 ? vscode.l10n.t('Deleted {0} message of room "{1}".', n, roomId) : vscode.l10n.t('Deleted {0} messages of room "{1}".', n, roomId);
  void deps.ui.showMessage('info', deleted, {}, undoAction).then((choice) => {
    if (choice === undoAction) {
      return deps.runner.run('Undo delete messages', () => undo(deps, snapshot));
    }
    return undefined;
  });
  return total;
}

async function undo(deps: DeleteMessagesDeps, snapshot: SnapshotInfo): Promise<void> {
  const room = await deps.snapshots.load(snapshot.snapshotId);
  if (!room) {
    throw new Error(vscode.l10n.t('The snapshot of room "{0}" is gone (older than 7 days, or removed), so the messages cannot be put back.', snapshot.roomId));
  }
  if (deps.connection.serverUrl !== snapshot.serverUrl) {
    throw new Error(
      deps.connection.serverUrl
        ? vscode.l10n.t('The messages were deleted on {0}, but the extension now points at {1}. Switch back to that server, then Undo again.', snapshot.serverUrl, deps.connection.serverUrl)
        : vscode.l10n.t('The messages were deleted on {0}, but the extension now points at no server. Switch back to that server, then Undo again.', snapshot.serverUrl),
    );
  }
  await deps.uploads.run({
    roomId: room.id,
    messages: room.messages,
    verb: 'Restored',
    activity: 'Restoring',
    onComplete: () => deps.snapshots.remove(snapshot.snapshotId),
  });
}
