import * as vscode from 'vscode';
import { errorMessage, WorldClientError } from '../api/errors';
import { quoteId } from '../api/replies';
import { layoutRoom } from '../core/rooms/roomDocuments';
import type { RoomsOffer } from '../rooms';
import type { ServerConnection } from '../core/serverConnection';
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
  /** Each room that could not be loaded, with what happened in a few words (the log has the whole message). */
  failures: { roomId: string; reason: string }[];
}

/** Rooms named in the summary itself; Show Details lists them all. */
const ROOMS_NAMED = 3;
const ROOMS_IN_DETAILS = 100;

/**
 * "Check Rooms": refreshes the list, then loads every room with its messages and runs every
 * rule, with progress and cancellation. A room that fails to load is counted, not fatal; an
 * expired session or a cancel stops the run (the command runner deals with the first).
 */
export async function checkAllRooms(deps: {
  connection: ServerConnection;
  model: RoomsOffer['model'];
  problems: ContractProblems;
  ui: Ui;
  log: vscode.LogOutputChannel;
}): Promise<CheckSummary> {
  const { connection, model, problems, log } = deps;
  await model.refresh();
  const roomIds = [...new Set(model.listed.map((room) => room.id))].filter((id) => id !== '');
  const summary: CheckSummary = {
    rooms: roomIds.length,
    checked: 0,
    failed: 0,
    problems: 0,
    roomsWithProblems: 0,
    cancelled: false,
    failures: [],
  };
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
            summary.failures.push({ roomId, reason: shortReason(error) });
            log.warn(`Check Rooms: could not load the room ${quoteId(roomId)}: ${errorMessage(error)}`);
          }
          progress.report({
            increment: 100 / roomIds.length,
            message: vscode.l10n.t('{0} of {1} rooms', summary.checked + summary.failed, roomIds.length),
          });
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
  const failed = summary.failed > 0 ? ` ${failedRooms(summary)}` : '';
  const found =
    summary.problems === 0
      ? ` ${vscode.l10n.t('No problems found.')}`
      : ` ${vscode.l10n.t('{0} problems in {1} rooms.', summary.problems, summary.roomsWithProblems)}`;
  const showProblems = vscode.l10n.t('Show Problems');
  const showDetails = vscode.l10n.t('Show Details');
  const actions = [...(summary.problems > 0 ? [showProblems] : []), ...(summary.failed > 0 ? [showDetails] : [])];
  const severity = summary.problems === 0 && summary.failed === 0 ? 'info' : 'warning';
  void ui.showMessage(severity, `${checked}${failed}${found}`, {}, ...actions).then(async (choice) => {
    if (choice === showProblems) {
      await vscode.commands.executeCommand('workbench.actions.view.problems');
    } else if (choice === showDetails) {
      const title = vscode.l10n.t('{0} rooms could not be loaded', summary.failed);
      await ui.showMessage('warning', title, { modal: true, detail: failureDetails(summary) });
    }
  });
  return summary;
}

/** "2 rooms could not be loaded: "a" (too big: 60 MB, over the 500 MB limit), "b" (HTTP 500 ServerError)." */
function failedRooms(summary: CheckSummary): string {
  const named = summary.failures.slice(0, ROOMS_NAMED).map(({ roomId, reason }) => `${quoteId(roomId)} (${reason})`);
  const more = summary.failures.length - named.length;
  const list = more > 0 ? vscode.l10n.t('{0} and {1} more', named.join(', '), more) : named.join(', ');
  return vscode.l10n.t('{0} rooms could not be loaded: {1}.', summary.failed, list);
}

function failureDetails(summary: CheckSummary): string {
  const lines = summary.failures.slice(0, ROOMS_IN_DETAILS).map(({ roomId, reason }) => `${quoteId(roomId)}: ${reason}`);
  const more = summary.failures.length - lines.length;
  return [...lines, ...(more > 0 ? [vscode.l10n.t('… and {0} more; the log names every one.', more)] : [])].join('\n');
}

/** What happened to a room, in a few words: "too big: 60 MB, over the 500 MB limit", "HTTP 500 ServerError", "timeout". */
function shortReason(error: unknown): string {
  if (!(error instanceof WorldClientError)) {
    return errorMessage(error).slice(0, 120);
  }
  const tooBig = /too big[^.]*/.exec(error.message);
  if (error.kind === 'tooBig' && tooBig) {
    return tooBig[0];
  }
  if (error.status !== undefined) {
    return `HTTP ${error.status}${error.serverError ? ` ${error.serverError}` : ''}`;
  }
  switch (error.kind) {
    case 'timeout':
      return vscode.l10n.t('timed out');
    case 'network':
      return vscode.l10n.t('network error');
    case 'tls':
      return vscode.l10n.t('certificate refused');
    case 'notJson':
      return vscode.l10n.t('the reply is not JSON');
    case 'badShape':
      return vscode.l10n.t('the reply does not have the expected shape');
    default:
      return error.kind;
  }
}
