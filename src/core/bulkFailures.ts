import type * as vscode from 'vscode';
import type { RunnerLabels } from './commandRunner';
import type { Ui } from './prompts';
import { visibleId } from '../shared/inertText';

/** One room a bulk action could not handle, and the server's answer (or our check) that says why. */
export interface RoomFailure {
  roomId: string;
  reason: string;
}

/** How many rooms the Show Details dialog lists; the log has every one. */
const LISTED_IN_DETAILS = 20;

/**
 * Ends an action on `asked` rooms that failed for some: a short notification (the reason itself
 * when it was about one room) with Show Details, a dialog that lists each room with its own reason, and
 * Show Log. Every failure is written to the log, so a long list is never a wall of text.
 */
export function reportRoomFailures(
  ui: Ui,
  log: Pick<vscode.LogOutputChannel, 'error' | 'show'>,
  labels: RunnerLabels,
  outcome: { summary: string; failures: readonly RoomFailure[]; asked: number },
): void {
  const { summary, failures, asked } = outcome;
  const lines = failures.map((failure) => `“${visibleId(failure.roomId)}”: ${failure.reason}`);
  lines.forEach((line) => log.error(`${summary} ${line}`));
  const { showDetails, showLog } = labels;
  // An action on one room says why at once (the reason names the room); a bulk action keeps its notification short.
  const single = asked === 1 && failures.length === 1;
  const message = single ? `${summary} ${failures[0].reason}` : summary;
  const actions = single ? [showLog] : [showDetails, showLog];
  void ui.showMessage('error', message, {}, ...actions).then((choice) => {
    if (choice === showLog) {
      log.show(true);
    } else if (choice === showDetails) {
      const more = lines.length - LISTED_IN_DETAILS;
      const listed = lines.slice(0, LISTED_IN_DETAILS).join('\n\n');
      const detail = more > 0 ? `${listed}\n\n${labels.moreInLog(more)}` : listed;
      void ui.showMessage('error', summary, { modal: true, detail }, showLog).then((again) => again === showLog && log.show(true));
    }
  });
}
