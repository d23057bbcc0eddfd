import * as vscode from 'vscode';
import { endsBatch, errorMessage } from '../api/errors';
import type { Connection } from '../session/connection';
import type { SnapshotInfo, SnapshotStore } from '../snapshots/snapshotStore';
import type { Ui } from '../ui/ui';
import { withCancellableProgress } from '../util/cancellation';
import type { RoomsModel } from './roomsModel';

export interface DeleteOutcome {
  deleted: SnapshotInfo[];
  failed: { roomId: string; reason: string }[];
}

/**
 * Deletes rooms the way a user can trust: confirm by name, save each room with its
 * messages before touching the server, mark it "Deleting…", then offer Undo. Snapshots
 * stay 7 days for "Restore Deleted Room…" in case the notification was missed.
 */
export class DeleteRoomsFlow {
  constructor(
    private readonly ui: Ui,
    private readonly connection: Connection,
    private readonly model: RoomsModel,
    private readonly snapshots: SnapshotStore,
    private readonly reportFailure: (label: string, error: unknown) => void,
  ) {}

  async run(roomIds: readonly string[]): Promise<DeleteOutcome | undefined> {
    if (!(await this.confirm(roomIds))) {
      // A dismissed (or, in some hosts, refused) dialog must not look like a delete that happened.
      void this.ui.showMessage('info', roomIds.length === 1 ? vscode.l10n.t('Nothing was deleted: “{0}” is unchanged.', roomIds[0]) : vscode.l10n.t('Nothing was deleted: the {0} rooms are unchanged.', roomIds.length), {});
      return undefined;
    }
    const serverUrl = this.connection.serverUrl;
    const api = this.connection.api();
    const outcome: DeleteOutcome = { deleted: [], failed: [] };
    this.model.setDeleting(roomIds, true);
    try {
      await withCancellableProgress(roomIds.length === 1 ? vscode.l10n.t('Deleting “{0}”…', roomIds[0]) : vscode.l10n.t('Deleting {0} rooms…', roomIds.length), async (signal, progress) => {
        for (const roomId of roomIds) {
          if (signal.aborted) {
            break;
          }
          progress.report({ message: roomId, increment: 100 / roomIds.length });
          try {
            const room = await api.getRoom(roomId, signal);
            const snapshot = await this.snapshots.save(serverUrl, room, 'deleteRoom');
            await api.deleteRoom(roomId, signal);
            outcome.deleted.push(snapshot);
          } catch (error) {
            if (endsBatch(error)) {
              throw error;
            }
            outcome.failed.push({ roomId, reason: errorMessage(error) });
          }
        }
      });
    } catch (error) {
      this.report({ deleted: outcome.deleted, failed: [] });
      throw error;
    } finally {
      this.model.setDeleting(roomIds, false);
      this.model.removeRooms(outcome.deleted.map((snapshot) => snapshot.roomId));
    }
    this.report(outcome);
    return outcome;
  }

  /** Puts deleted rooms back, each with one PUT of the room and all its messages. */
  async restore(snapshots: readonly SnapshotInfo[]): Promise<string[]> {
    const api = this.connection.api();
    const restored: string[] = [];
    await withCancellableProgress(vscode.l10n.t('Restoring…'), async (signal) => {
      for (const info of snapshots) {
        const room = await this.snapshots.load(info.snapshotId);
        if (!room) {
          throw new Error(vscode.l10n.t('The saved copy of “{0}” is missing or damaged; it cannot be restored.', info.roomId));
        }
        await api.addRoom(room, signal);
        await this.snapshots.remove(info.snapshotId);
        restored.push(info.roomId);
      }
    });
    return restored;
  }

  private async confirm(roomIds: readonly string[]): Promise<boolean> {
    const single = roomIds.length === 1;
    const message = single ? vscode.l10n.t('Delete the room “{0}” and all its messages?', roomIds[0]) : vscode.l10n.t('Delete {0} rooms and all their messages?', roomIds.length);
    const listed = single ? '' : `${roomIds.slice(0, 10).join('\n')}${roomIds.length > 10 ? `\n${vscode.l10n.t('…and {0} more', roomIds.length - 10)}` : ''}\n\n`;
    const deleteAction = vscode.l10n.t('Delete');
    const choice = await this.ui.showMessage('warning', message, { modal: true, detail: `${listed}${vscode.l10n.t('A copy is kept for 7 days: use Undo, or "Restore Deleted Room…".')}` }, deleteAction);
    return choice === deleteAction;
  }

  private report(outcome: DeleteOutcome): void {
    const { deleted, failed } = outcome;
    if (failed.length > 0) {
      const lines = failed.map((failure) => `“${failure.roomId}”: ${failure.reason}`).join('\n');
      void this.ui.showMessage('error', vscode.l10n.t('{0} room(s) could not be deleted; they are unchanged.', failed.length), { detail: lines });
    }
    if (deleted.length === 0) {
      return;
    }
    const message = deleted.length === 1 ? vscode.l10n.t('Deleted room “{0}”.', deleted[0].roomId) : vscode.l10n.t('Deleted {0} rooms.', deleted.length);
    const undo = vscode.l10n.t('Undo');
    void this.ui.showMessage('info', message, {}, undo).then(async (choice) => {
      if (choice !== undo) {
        return;
      }
      try {
        const restored = await this.restore(deleted);
        void this.ui.showMessage('info', restored.length === 1 ? vscode.l10n.t('Restored room “{0}”.', restored[0]) : vscode.l10n.t('Restored {0} rooms.', restored.length), {});
        await this.model.refresh();
      } catch (error) {
        this.reportFailure('Undo delete', error);
      }
    });
  }
}

