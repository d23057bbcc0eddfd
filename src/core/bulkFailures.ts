import * as vscode from 'vscode';
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
 * Ends a bulk action that failed for some rooms: a short notification (the reason itself when
 * one room failed) with Show Details, a dialog that lists each room with its own reason, and
 * Show Log. Every failure is written to the log, so a long list is never a wall of text.
 */
export function reportRoomFailures(ui: Ui, log: vscode.LogOutputChannel, summary: string, failures: readonly RoomFailure[]): void {
  const lines = failures.map((failure) => `“${visibleId(failure.roomId)}”: ${failure.reason}`);
  lines.forEach((line) => log.error(`${summary} ${line}`));
  const showDetails = vscode.l10n.t('Show Details');
  const showLog = vscode.l10n.t('Show Log');
  const message = failures.length === 1 ? `${summary} ${lines[0]}` : summary;
  const actions = failures.length === 1 ? [showLog] : [showDetails, showLog];
  void ui.showMessage('error', message, {}, ...actions).then((choice) => {
    if (choice === showLog) {
      log.show(true);
    } else if (choice === showDetails) {
      const more = lines.length - LISTED_IN_DETAILS;
      const listed = lines.slice(0, LISTED_IN_DETAILS).join('\n\n');
      const detail = more > 0 ? `${listed}\n\n${vscode.l10n.t('…and {0} more, listed in the log.', more)}` : listed;
      void ui.showMessage('error', summary, { modal: true, detail }, showLog).then((again) => again === showLog && log.show(true));
    }
  });
}
