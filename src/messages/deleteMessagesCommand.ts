import * as vscode from 'vscode';
import type { CommandRunner } from '../core/commandRunner';
import { roomIdsFromArguments } from '../core/rooms/roomArgument';
import { pickRoom } from '../core/rooms/roomPicker';
import { onServer, shownServer, type ServerConnection } from '../core/serverConnection';
import type { SnapshotInfo, SnapshotStore } from '../core/snapshotStore';
import type { Ui } from '../core/prompts';
import { withCancellableProgress } from '../core/cancellation';
import type { UploadFlow, UploadRequest } from './uploadFlow';
import { visibleId } from '../shared/inertText';
import { counted } from '../core/counts';
import { formatCount } from '../core/numbers';

export interface DeleteMessagesDeps {
  ui: Ui;
  connection: ServerConnection;
  runner: CommandRunner;
  snapshots: SnapshotStore;
  uploads: UploadFlow;
  log: vscode.LogOutputChannel;
  onRoomChanged(roomId: string, hasMessages: boolean): void;
}

/**
 * `worldclientRtc.deleteMessages` (argument: a tree item or a room id; none → pick a room).
 * Asks with the exact count, saves a snapshot of the room first (nothing is deleted if that
 * fails), deletes, then offers Undo, which puts the messages back in chunks. Returns how
 * many messages were deleted.
 */
/** What one Delete All Messages command was told, kept across a sign-in retry so it is not asked twice. */
export interface DeleteMessagesChoice {
  /** The server of the whole command, taken before its first prompt. */
  serverUrl?: string;
  roomId?: string;
  confirmedFor?: string;
}

export async function deleteAllMessages(
  deps: DeleteMessagesDeps,
  argument: unknown,
  selection: unknown,
  choice: DeleteMessagesChoice = {},
): Promise<number | undefined> {
  choice.serverUrl ??= deps.connection.current().serverUrl;
  const serverUrl = choice.serverUrl;
  const refusal = (now: string): string =>
    vscode.l10n.t(
      'Delete All Messages began on {0}, but the extension now points at {1}; nothing was deleted.',
      shownServer(serverUrl),
      now,
    );
  const target = deps.connection.still(serverUrl, refusal);
  const api = target.api();
  choice.roomId ??=
    roomIdsFromArguments(argument, selection)[0] ?? (await pickRoom(deps.ui, target, vscode.l10n.t('Delete all messages of which room?')));
  const roomId = choice.roomId;
  if (roomId === undefined) {
    return undefined;
  }
  const shownId = visibleId(roomId);
  const stillConfirmed = (): void => void deps.connection.still(serverUrl, refusal);
  if (choice.confirmedFor === undefined) {
    const room = await withCancellableProgress(vscode.l10n.t('Loading room "{0}"…', shownId), (signal) => api.getRoom(roomId, signal));
    const total = room.messages.length;
    if (total === 0) {
      void deps.ui.showMessage('info', vscode.l10n.t('Room "{0}" has no messages; nothing to delete.', shownId), {});
      return 0;
    }
    const n = total.toLocaleString('en-US');
    const deleteAction = vscode.l10n.t('Delete All Messages');
    const answer = await deps.ui.showMessage(
      'warning',
      total === 1
        ? vscode.l10n.t('Delete all {0} message of room "{1}"?', n, shownId)
        : vscode.l10n.t('Delete all {0} messages of room "{1}"?', n, shownId),
      {
        modal: true,
        detail: `${onServer(serverUrl)}\n\n${vscode.l10n.t(
          'A snapshot of the room is saved first (kept for 7 days): the notification that follows offers Undo.',
        )}`,
      },
      deleteAction,
    );
    if (answer !== deleteAction) {
      // A dismissed (or, in some hosts, refused) dialog must not look like a delete that happened.
      const kept =
        total === 1
          ? vscode.l10n.t('Nothing was deleted: room “{0}” keeps its message.', shownId)
          : vscode.l10n.t('Nothing was deleted: room “{0}” keeps its {1} messages.', shownId, formatCount(total));
      void deps.ui.showMessage('info', kept, {});
      return undefined;
    }
    choice.confirmedFor = serverUrl;
  }
  stillConfirmed();
  // The snapshot is taken now, immediately before the DELETE, so messages that arrived while
  // the confirmation was open are saved too.
  const current = await withCancellableProgress(vscode.l10n.t('Loading room "{0}"…', shownId), (signal) => api.getRoom(roomId, signal));
  let snapshot: SnapshotInfo;
  try {
    snapshot = await deps.snapshots.save(serverUrl, current, 'deleteMessages');
  } catch (error) {
    throw new Error(
      vscode.l10n.t(
        'Could not save a snapshot of room "{0}" ({1}), so nothing was deleted. Check free disk space and try again.',
        shownId,
        (error as Error).message,
      ),
    );
  }
  const deletedCount = current.messages.length;
  const deletedN = formatCount(deletedCount);
  await withCancellableProgress(
    deletedCount === 1
      ? vscode.l10n.t('Deleting {0} message of room "{1}"…', deletedN, shownId)
      : vscode.l10n.t('Deleting {0} messages of room "{1}"…', deletedN, shownId),
    (signal) => {
      stillConfirmed();
      return api.deleteRoomMessages(roomId, signal);
    },
  );
  deps.log.info(`Deleted ${counted(deletedCount, 'message', 'messages')} of room "${shownId}"; snapshot ${snapshot.snapshotId}.`);
  deps.onRoomChanged(roomId, false);
  const undoAction = vscode.l10n.t('Undo');
  const deleted =
    deletedCount === 1
      ? vscode.l10n.t('Deleted {0} message of room "{1}".', deletedN, shownId)
      : vscode.l10n.t('Deleted {0} messages of room "{1}".', deletedN, shownId);
  void deps.ui.showMessage('info', deleted, {}, undoAction).then((choice) => {
    if (choice === undoAction) {
      // One request for the whole Undo: a retry after signing in sends only what is not back yet.
      const restore = messagesRestorer(deps, snapshot);
      return deps.runner.run('Undo delete messages', restore);
    }
    return undefined;
  });
  return deletedCount;
}

type RestoreDeps = Pick<DeleteMessagesDeps, 'connection' | 'snapshots' | 'uploads'>;

/** Undo, and "Restore Deleted Room…" for a messages snapshot: puts the messages back on the server they were deleted from. */
export function restoreMessagesSnapshot(deps: RestoreDeps, snapshot: SnapshotInfo): Promise<void> {
  return messagesRestorer(deps, snapshot)();
}

/** The restore as an action that can run again after a sign-in and then continues with what is not back yet. */
function messagesRestorer(deps: RestoreDeps, snapshot: SnapshotInfo): () => Promise<void> {
  let request: UploadRequest | undefined;
  return async () => {
    request ??= await restoreRequest(deps, snapshot);
    await deps.uploads.run(request);
  };
}

async function restoreRequest(deps: RestoreDeps, snapshot: SnapshotInfo): Promise<UploadRequest> {
  const room = await deps.snapshots.load(snapshot.snapshotId);
  if (!room) {
    throw new Error(
      vscode.l10n.t(
        'The snapshot of room "{0}" is gone (older than 7 days, or removed), so the messages cannot be put back.',
        visibleId(snapshot.roomId),
      ),
    );
  }
  return {
    serverUrl: snapshot.serverUrl,
    refusal: (now) => {
      const where = vscode.l10n.t(
        'The messages were deleted on {0}, but the extension now points at {1}.',
        shownServer(snapshot.serverUrl),
        now,
      );
      const kept = vscode.l10n.t(
        'Nothing was restored and the snapshot is kept: switch back to {0}, then Undo again (or use "Restore Deleted Room…").',
        shownServer(snapshot.serverUrl),
      );
      return `${where} ${kept}`;
    },
    roomId: room.id,
    messages: room.messages,
    verb: 'Restored',
    activity: 'Restoring',
    onComplete: () => deps.snapshots.remove(snapshot.snapshotId),
  };
}
