import * as vscode from 'vscode';
import { WorldClientError } from '../api/errors';
import { layoutRoom } from '../rooms/roomDocuments';
import type { RoomsModel } from '../rooms/roomsModel';
import type { ServerConnection } from '../session/serverConnection';
import type { Ui } from '../core/prompts';
import { isCancellation, toAbortSignal } from '../core/cancellation';
import type { ContractProblems } from './contractProblems';

/** Rooms loaded at once: enough to hide latency, few enough not to flood the user's server. */
const PARALLEL_LOADS = 4;

export interface CheckSummary {
  rooms: number;
  checked: number;
  failed: number;
  problems: number;
  roomsWithProblems: number;
  cancelled: boolean;
}

/**
 * "Check Rooms": refreshes the list, then loads every room with its messages and runs every
 * rule, with progress and cancellation. A room that fails to load is counted, not fatal; an
 * expired session or a cancel stops the run (the command runner deals with the first).
 */
export async function checkAllRooms(deps: { connection: ServerConnection; model: RoomsModel; problems: ContractProblems; ui: Ui }): Promise<CheckSummary> {
  const { connection, model, problems } = deps;
  await model.refresh();
  const roomIds = [...new Set(model.listed.map((room) => room.id))].filter((id) => id !== '');
  const summary: CheckSummary = { rooms: roomIds.length, checked: 0, failed: 0, problems: 0, roomsWithProblems: 0, cancelled: false };
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking rooms against the API contract'), cancellable: true },
    async (progress, token) => {
      const abort = toAbortSignal(token);
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < roomIds.length && !token.isCancellationRequested) {
          const roomId = roomIds[next++];
          try {
            const room = await connection.api().getRoom(roomId, abort.signal);
            // Laid out only when there is a problem to place, as for a panel's load.
            await problems.setReply(roomId, room, () => layoutRoom(room));
            summary.checked++;
          } catch (error) {
            if (isCancellation(error) || token.isCancellationRequested) {
              return;
            }
            if (error instanceof WorldClientError && error.kind === 'sessionExpired') {
              throw error;
            }
            summary.failed++;
          }
          progress.report({ increment: 100 / roomIds.length, message: vscode.l10n.t('{0} of {1} rooms', summary.checked + summary.failed, roomIds.length) });
        }
      };
      try {
        await Promise.all(Array.from({ length: Math.min(PARALLEL_LOADS, roomIds.length) }, worker));
      } finally {
        summary.cancelled = token.isCancellationRequested;
        abort.dispose();
      }
    },
  );
  for (const roomId of problems.roomIds()) {
    summary.problems += problems.forRoom(roomId).length;
    summary.roomsWithProblems++;
  }
  return summary;
}

/** Shows the summary without waiting for the user, so the command completes (with the summary, for tests). */
export function reportSummary(ui: Ui, summary: CheckSummary): CheckSummary {
  const checked = summary.cancelled
    ? vscode.l10n.t('Cancelled after checking {0} of {1} rooms.', summary.checked, summary.rooms)
    : vscode.l10n.t('Checked {0} rooms against the API contract.', summary.checked);
  const failed = summary.failed > 0 ? ` ${vscode.l10n.t('{0} rooms could not be loaded (see the log).', summary.failed)}` : '';
  const found = summary.problems === 0
    ? ` ${vscode.l10n.t('No problems found.')}`
    : ` ${vscode.l10n.t('{0} problems in {1} rooms.', summary.problems, summary.roomsWithProblems)}`;
  const showProblems = vscode.l10n.t('Show Problems');
  void ui.showMessage(summary.problems === 0 ? 'info' : 'warning', `${checked}${failed}${found}`, {}, ...(summary.problems > 0 ? [showProblems] : [])).then(async (choice) => {
    if (choice === showProblems) {
      await vscode.commands.executeCommand('workbench.actions.view.problems');
    }
  });
  return summary;
}
