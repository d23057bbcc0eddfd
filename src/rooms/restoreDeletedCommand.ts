import * as vscode from 'vscode';
import { endsBatch, errorMessage } from '../api/errors';
import type { RoomFailure } from '../core/bulkFailures';
import { formatCount } from '../core/numbers';
import { cutText } from '../shared/cutText';
import { inertPickText, visibleId } from '../shared/inertText';
import type { ServerConnection } from '../core/serverConnection';
import type { SnapshotInfo, SnapshotStore } from '../core/snapshotStore';
import type { Ui } from '../core/prompts';
import { refuseOtherServer, type DeleteRoomsFlow } from './deleteRoomsFlow';
import { relativeTime } from './roomPresentation';
import { userRoomWords } from './roomPhrases';
import type { RoomWords } from './roomWords';

export interface RestoreDeletedDeps {
  ui: Ui;
  connection: ServerConnection;
  snapshots: SnapshotStore;
  deleteFlow: DeleteRoomsFlow;
  restoreMessages(snapshot: SnapshotInfo): Promise<void>;
  refreshView(): Promise<void>;
  /** The runner's summary of a bulk failure: each room with its reason, Show Details, Show Log. */
  reportFailures(summary: string, failures: readonly RoomFailure[], asked: number): void;
}

/** How many room ids a result message names before "and N more". */
const NAMED_IN_MESSAGE = 5;

/** Quick pick labels are one line: a huge room id is cut for display. */
const LABEL_MAX_CHARS = 120;

/**
 * "Restore Deleted Room…": every snapshot kept for the current server, deleted rooms and
 * deleted messages alike ("12 messages of room-0003, deleted 2 h ago"), each put back on the
 * server it came from. Returns the room ids whose snapshots were restored.
 */
export async function restoreDeleted(deps: RestoreDeletedDeps): Promise<string[]> {
  const { ui, connection, snapshots } = deps;
  const serverUrl = connection.current().serverUrl;
  const saved = await snapshots.list(serverUrl);
  if (saved.length === 0) {
    void ui.showMessage('info', vscode.l10n.t('No deleted rooms or messages are kept for this server (copies are kept for 7 days).'), {});
    return [];
  }
  const now = Date.now();
  const words = userRoomWords();
  const picked = await ui.showQuickPickMany(
    saved.map((info) => ({ ...describeSnapshot(info, now, words), info })),
    {
      title: vscode.l10n.t('Restore deleted rooms and messages'),
      placeHolder: vscode.l10n.t('Tick the entries to restore, or press Enter on one'),
      acceptHighlighted: true,
    },
  );
  if (picked === undefined) {
    return [];
  }
  if (picked.length === 0) {
    void ui.showMessage('info', vscode.l10n.t('Nothing was restored: no entry was ticked or highlighted.'), {});
    return [];
  }
  // Rooms first: deleted messages may belong to a room that is being restored too.
  const chosen = picked.map((item) => item.info).sort((a, b) => Number(a.reason !== 'deleteRoom') - Number(b.reason !== 'deleteRoom'));
  // Checked for all before anything is put back, so a refusal never leaves half a restore.
  refuseOtherServer(chosen, connection.current().serverUrl);
  const restored: string[] = [];
  const failed: RoomFailure[] = [];
  for (const info of chosen) {
    try {
      if (info.reason === 'deleteRoom') {
        await deps.deleteFlow.restore([info]);
      } else {
        await deps.restoreMessages(info);
      }
      restored.push(info.roomId);
    } catch (error) {
      if (endsBatch(error)) {
        throw error;
      }
      failed.push({ roomId: info.roomId, reason: errorMessage(error) });
    }
  }
  if (restored.length) {
    void ui.showMessage('info', vscode.l10n.t('Restored {0}.', namedRooms(restored)), {});
  }
  if (failed.length) {
    const summary = vscode.l10n.t('Could not restore {0}.', namedRooms(failed.map((failure) => failure.roomId)));
    deps.reportFailures(summary, failed, chosen.length);
  }
  await deps.refreshView();
  return restored;
}

/** “a”, “b” and “c” — at most a few, then how many more, so a long restore stays one line. */
function namedRooms(roomIds: readonly string[]): string {
  const named = roomIds.slice(0, NAMED_IN_MESSAGE).map((roomId) => `“${visibleId(cutText(roomId, LABEL_MAX_CHARS))}”`);
  const more = roomIds.length - named.length;
  return more > 0 ? vscode.l10n.t('{0} and {1} more', named.join(', '), formatCount(more)) : named.join(', ');
}

function describeSnapshot(info: SnapshotInfo, now: number, words: RoomWords): { label: string; description: string } {
  const roomId = cutText(info.roomId, LABEL_MAX_CHARS);
  const savedAt = Date.parse(info.savedAt);
  const when = Number.isFinite(savedAt) ? relativeTime(savedAt, now, words) : info.savedAt;
  const count = words.number(info.messageCount);
  // Quick pick labels render `$(icon)`; bidi controls are shown by code point.
  const safeId = inertPickText(roomId);
  if (info.reason === 'deleteMessages') {
    return {
      label:
        info.messageCount === 1 ? vscode.l10n.t('{0} message of {1}', count, safeId) : vscode.l10n.t('{0} messages of {1}', count, safeId),
      description: vscode.l10n.t('messages deleted {0}', when),
    };
  }
  return {
    label: safeId,
    description:
      info.messageCount === 1
        ? vscode.l10n.t('room with {0} message, deleted {1}', count, when)
        : vscode.l10n.t('room with {0} messages, deleted {1}', count, when),
  };
}
