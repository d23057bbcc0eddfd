import { WorldClientError } from '../api/errors';
import type { Room } from '../api/types';
import type { Connection } from '../session/connection';
import type { SnapshotInfo, SnapshotStore } from '../snapshots/snapshotStore';
import type { Ui } from '../ui/ui';
import { withCancellableProgress } from '../util/cancellation';
import type { RoomsModel } from './roomsModel';

const DELETE = 'Delete';
const UNDO = 'Undo';

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
      return undefined;
    }
    const serverUrl = this.connection.serverUrl;
    const api = this.connection.api();
    const outcome: DeleteOutcome = { deleted: [], failed: [] };
    this.model.setDeleting(roomIds, true);
    try {
      await withCancellableProgress(roomIds.length === 1 ? `Deleting “${roomIds[0]}”…` : `Deleting ${roomIds.length} rooms…`, async (signal, progress) => {
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
            if (mustStopAll(error)) {
              throw error;
            }
            outcome.failed.push({ roomId, reason: error instanceof Error ? error.message : String(error) });
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
    await withCancellableProgress('Restoring…', async (signal) => {
      for (const info of snapshots) {
        const room = await this.snapshots.load(info.snapshotId);
        if (!room) {
          throw new Error(`The saved copy of “${info.roomId}” is missing or damaged; it cannot be restored.`);
        }
        await api.addRoom(toNewRoom(room), signal);
        await this.snapshots.remove(info.snapshotId);
        restored.push(info.roomId);
      }
    });
    return restored;
  }

  private async confirm(roomIds: readonly string[]): Promise<boolean> {
    const single = roomIds.length === 1;
    const message = single ? `Delete the room “${roomIds[0]}” and all its messages?` : `Delete ${roomIds.length} rooms and all their messages?`;
    const listed = single ? '' : `${roomIds.slice(0, 10).join('\n')}${roomIds.length > 10 ? `\n…and ${roomIds.length - 10} more` : ''}\n\n`;
    const choice = await this.ui.showMessage('warning', message, { modal: true, detail: `${listed}A copy is kept for 7 days: use Undo, or "Restore Deleted Room…".` }, DELETE);
    return choice === DELETE;
  }

  private report(outcome: DeleteOutcome): void {
    const { deleted, failed } = outcome;
    if (failed.length > 0) {
      const lines = failed.map((failure) => `“${failure.roomId}”: ${failure.reason}`).join('\n');
      void this.ui.showMessage('error', `${failed.length} room(s) could not be deleted; they are unchanged.`, { detail: lines });
    }
    if (deleted.length === 0) {
      return;
    }
    const what = deleted.length === 1 ? `room “${deleted[0].roomId}”` : `${deleted.length} rooms`;
    void this.ui.showMessage('info', `Deleted ${what}.`, {}, UNDO).then(async (choice) => {
      if (choice !== UNDO) {
        return;
      }
      try {
        const restored = await this.restore(deleted);
        void this.ui.showMessage('info', `Restored ${restored.length === 1 ? `room “${restored[0]}”` : `${restored.length} rooms`}.`, {});
        await this.model.refresh();
      } catch (error) {
        this.reportFailure('Undo delete', error);
      }
    });
  }
}

/** An expired session or a cancel ends the whole run; the command runner signs in again and repeats it. */
function mustStopAll(error: unknown): boolean {
  return error instanceof WorldClientError && (error.kind === 'sessionExpired' || error.kind === 'cancelled');
}

function toNewRoom(room: Room) {
  return { id: room.id, started: room.started, ended: room.ended, members: room.members, messages: room.messages };
}
