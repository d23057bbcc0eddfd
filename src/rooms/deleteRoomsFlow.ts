import * as vscode from 'vscode';
import { endsBatch, errorMessage } from '../api/errors';
import { onServer, shownServer, type ConnectionSnapshot, type ServerConnection } from '../core/serverConnection';
import type { SnapshotInfo, SnapshotStore } from '../core/snapshotStore';
import type { CommandRunner } from '../core/commandRunner';
import type { Ui } from '../core/prompts';
import { withCancellableProgress } from '../core/cancellation';
import type { RoomsModel } from './roomsModel';
import { visibleId } from '../shared/inertText';
import { formatCount } from '../core/numbers';

export interface DeleteOutcome {
  deleted: SnapshotInfo[];
  failed: { roomId: string; reason: string }[];
}

/**
 * What one Delete Room command has been told and has done. It outlives a failed attempt, so
 * after "Session expired → Sign In" the same command neither asks again nor retries (or
 * reports as unchanged) the rooms it already deleted.
 */
export interface DeleteProgress {
  confirmedFor?: string;
  readonly done: Map<string, SnapshotInfo>;
  /** How many of `done` a notification (with Undo) has already announced. */
  announced: number;
}

export function newDeleteProgress(): DeleteProgress {
  return { done: new Map(), announced: 0 };
}

/**
 * Deletes rooms the way a user can trust: confirm by name, save each room with its
 * messages before touching the server, mark it "Deleting…", then offer Undo. Snapshots
 * stay 7 days for "Restore Deleted Room…" in case the notification was missed.
 */
export class DeleteRoomsFlow {
  constructor(
    private readonly ui: Ui,
    private readonly connection: ServerConnection,
    private readonly model: RoomsModel,
    private readonly snapshots: SnapshotStore,
    /** Undo runs through it like any command; a bulk failure is summarised by it too. */
    private readonly runner: Pick<CommandRunner, 'wrap' | 'reportRoomFailures'>,
    private readonly refreshView: () => Thenable<unknown>,
  ) {}

  async run(roomIds: readonly string[], progress: DeleteProgress = newDeleteProgress()): Promise<DeleteOutcome | undefined> {
    if (progress.confirmedFor === undefined) {
      // The server is taken before the dialog and named in it: a switch while it is open deletes nothing.
      const confirming = this.connection.current();
      confirming.api(); // fails early, with advice, when no server is set
      if (!(await this.confirm(roomIds, confirming.serverUrl))) {
        // A dismissed (or, in some hosts, refused) dialog must not look like a delete that happened.
        const unchanged =
          roomIds.length === 1
            ? vscode.l10n.t('Nothing was deleted: “{0}” is unchanged.', visibleId(roomIds[0]))
            : vscode.l10n.t('Nothing was deleted: the {0} rooms are unchanged.', formatCount(roomIds.length));
        void this.ui.showMessage('info', unchanged, {});
        return undefined;
      }
      progress.confirmedFor = confirming.serverUrl;
    }
    const serverUrl = progress.confirmedFor;
    const stillConfirmed = (): ConnectionSnapshot =>
      this.connection.still(serverUrl, (now) => deleteRefusal(serverUrl, now, progress.done.size));
    const api = stillConfirmed().api();
    const pending = roomIds.filter((roomId) => !progress.done.has(roomId));
    const failed: DeleteOutcome['failed'] = [];
    this.model.setDeleting(pending, true);
    try {
      const title =
        pending.length === 1
          ? vscode.l10n.t('Deleting “{0}”…', visibleId(pending[0]))
          : vscode.l10n.t('Deleting {0} rooms…', formatCount(pending.length));
      await withCancellableProgress(title, async (signal, bar) => {
        for (const roomId of pending) {
          if (signal.aborted) {
            break;
          }
          bar.report({ message: roomId, increment: 100 / pending.length });
          stillConfirmed();
          try {
            const room = await api.getRoom(roomId, signal);
            const snapshot = await this.snapshots.save(serverUrl, room, 'deleteRoom');
            await api.deleteRoom(roomId, signal);
            progress.done.set(roomId, snapshot);
          } catch (error) {
            if (endsBatch(error)) {
              throw error;
            }
            failed.push({ roomId, reason: errorMessage(error) });
          }
        }
      });
    } catch (error) {
      // What was deleted is announced now (with Undo): the user may not sign in again.
      this.announce(progress, [], roomIds.length);
      throw error;
    } finally {
      this.model.setDeleting(pending, false);
      this.model.removeRooms([...progress.done.keys()]);
    }
    this.announce(progress, failed, roomIds.length);
    return { deleted: [...progress.done.values()], failed };
  }

  /** Puts deleted rooms back, each with one PUT of the room and all its messages, on the server it was deleted from. */
  async restore(snapshots: readonly SnapshotInfo[]): Promise<string[]> {
    const target = this.connection.current();
    refuseOtherServer(snapshots, target.serverUrl);
    const api = target.api();
    const restored: string[] = [];
    await withCancellableProgress(vscode.l10n.t('Restoring…'), async (signal) => {
      for (const info of snapshots) {
        const room = await this.snapshots.load(info.snapshotId);
        if (!room) {
          throw new Error(vscode.l10n.t('The saved copy of “{0}” is missing or damaged; it cannot be restored.', visibleId(info.roomId)));
        }
        await api.addRoom(room, signal);
        await this.snapshots.remove(info.snapshotId);
        restored.push(info.roomId);
      }
    });
    return restored;
  }

  private async confirm(roomIds: readonly string[], serverUrl: string): Promise<boolean> {
    const single = roomIds.length === 1;
    const message = single
      ? vscode.l10n.t('Delete the room “{0}” and all its messages?', visibleId(roomIds[0]))
      : vscode.l10n.t('Delete {0} rooms and all their messages?', formatCount(roomIds.length));
    const more = roomIds.length > 10 ? `\n${vscode.l10n.t('…and {0} more', formatCount(roomIds.length - 10))}` : '';
    const listed = single ? '' : `${roomIds.slice(0, 10).map(visibleId).join('\n')}${more}\n\n`;
    const deleteAction = vscode.l10n.t('Delete');
    const kept = vscode.l10n.t('A copy is kept for 7 days: use Undo, or "Restore Deleted Room…".');
    const detail = `${onServer(serverUrl)}\n\n${listed}${kept}`;
    const choice = await this.ui.showMessage('warning', message, { modal: true, detail }, deleteAction);
    return choice === deleteAction;
  }

  /** Reports the failures and the deletions not announced yet. */
  private announce(progress: DeleteProgress, failed: DeleteOutcome['failed'], asked: number): void {
    const deleted = [...progress.done.values()].slice(progress.announced);
    progress.announced = progress.done.size;
    this.report({ deleted, failed }, asked);
  }

  private report(outcome: DeleteOutcome, asked: number): void {
    const { deleted, failed } = outcome;
    if (failed.length > 0) {
      this.runner.reportRoomFailures(notDeletedSummary(failed.length, asked), failed, asked);
    }
    if (deleted.length === 0) {
      return;
    }
    const message =
      deleted.length === 1
        ? vscode.l10n.t('Deleted room “{0}”.', visibleId(deleted[0].roomId))
        : vscode.l10n.t('Deleted {0} rooms.', formatCount(deleted.length));
    const undo = vscode.l10n.t('Undo');
    const undoDelete = this.runner.wrap('Undo delete', () => this.undo(deleted));
    void this.ui.showMessage('info', message, {}, undo).then((choice) => (choice === undo ? undoDelete() : undefined));
  }

  /** Undo of a deletion (the notification's, or a deleted room's panel's): restores, says which rooms, refreshes the view. */
  async undo(deleted: readonly SnapshotInfo[]): Promise<void> {
    const restored = await this.restore(deleted);
    const done =
      restored.length === 1
        ? vscode.l10n.t('Restored room “{0}”.', visibleId(restored[0]))
        : vscode.l10n.t('Restored {0} rooms.', formatCount(restored.length));
    void this.ui.showMessage('info', done, {});
    await this.refreshView();
  }

  /** Undo from a deleted room's panel: its newest saved copy from Delete Room on the current server. */
  async undoRoom(roomId: string): Promise<void> {
    const saved = await this.snapshots.list(this.connection.serverUrl);
    const newest = saved.find((info) => info.reason === 'deleteRoom' && info.roomId === roomId);
    if (!newest) {
      throw new Error(vscode.l10n.t('No saved copy of “{0}” is left to restore (copies are kept for 7 days).', visibleId(roomId)));
    }
    await this.undo([newest]);
  }
}

/** "1 of 3 rooms could not be deleted; it is unchanged." (the reasons follow, per room). */
function notDeletedSummary(failed: number, asked: number): string {
  if (asked === 1) {
    return vscode.l10n.t('The room could not be deleted; it is unchanged.');
  }
  return failed === 1
    ? vscode.l10n.t('1 of {0} rooms could not be deleted; it is unchanged.', formatCount(asked))
    : vscode.l10n.t('{0} of {1} rooms could not be deleted; they are unchanged.', formatCount(failed), formatCount(asked));
}

/** Why a confirmed Delete stops: the extension points at another server than the one named in the dialog. */
function deleteRefusal(confirmedFor: string, now: string, deletedSoFar: number): string {
  const confirmed = shownServer(confirmedFor);
  return deletedSoFar === 0
    ? vscode.l10n.t(
        'The deletion was confirmed for {0}, but the extension now points at {1}. Nothing was deleted on either server.',
        confirmed,
        now,
      )
    : vscode.l10n.t('The deletion was confirmed for {0}, but the extension now points at {1}. Nothing more was deleted.', confirmed, now);
}

/**
 * A snapshot goes back to the server it was taken from, never to whichever is current: when
 * that is another server, nothing is restored and the message names both.
 */
export function refuseOtherServer(snapshots: readonly SnapshotInfo[], currentServerUrl: string): void {
  const elsewhere = snapshots.find((info) => info.serverUrl !== currentServerUrl);
  if (elsewhere) {
    throw new Error(
      `${vscode.l10n.t(
        '“{0}” was deleted on {1}, but the extension now points at {2}.',
        visibleId(elsewhere.roomId),
        shownServer(elsewhere.serverUrl),
        currentServerUrl ? shownServer(currentServerUrl) : vscode.l10n.t('no server'),
      )} ${vscode.l10n.t(
        'Nothing was restored; switch back to {0}, then restore it from "Restore Deleted Room…" (the copy is kept for 7 days).',
        shownServer(elsewhere.serverUrl),
      )}`,
    );
  }
}
