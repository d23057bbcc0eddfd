import * as vscode from 'vscode';
import type { CommandRunner } from '../core/commandRunner';
import { withCancellableProgress } from '../core/cancellation';
import { formatCount } from '../core/numbers';
import type { Ui } from '../core/prompts';
import type { ServerConnection } from '../core/serverConnection';
import type { SnapshotInfo, SnapshotStore } from '../core/snapshotStore';
import { visibleId } from '../shared/inertText';
import { refuseOtherServer } from './deleteRoomsFlow';
import { undoReplace } from './importConflicts';

export interface ImportReport {
  imported: string[];
  /** Rooms the server had, now the file's; a copy of each old one is kept (Undo, Restore Deleted Room…). */
  replaced: string[];
  renamed: { from: string; to: string }[];
  skipped: { id?: string; reason: string }[];
  failed: { id: string; reason: string }[];
}

export interface ImportDeps {
  ui: Ui;
  connection: ServerConnection;
  snapshots: SnapshotStore;
  /** Undo runs through it like any command. */
  runner: Pick<CommandRunner, 'wrap'>;
  refreshView(): Promise<void>;
}

/** The summary (a dialog that lists each room when anything was not simply imported), with Undo for replaced rooms. */
export function announceImport(deps: ImportDeps, report: ImportReport, copies: readonly SnapshotInfo[]): void {
  const { ui, connection, snapshots } = deps;
  const detail = importDetail(report);
  const plain = report.replaced.length + report.renamed.length + report.skipped.length + report.failed.length === 0;
  const severity = report.failed.length || report.skipped.length ? 'warning' : 'info';
  const undo = vscode.l10n.t('Undo Replace');
  const undoReplaced = deps.runner.wrap('Undo replace', async () => {
    refuseOtherServer(copies, connection.current().serverUrl);
    const api = connection.api();
    const restored = await withCancellableProgress(vscode.l10n.t('Restoring…'), () => undoReplace(api, snapshots, copies));
    void ui.showMessage(
      'info',
      vscode.l10n.t('Put back {0} as before the import.', restored.map((id) => `“${visibleId(id)}”`).join(', ')),
      {},
    );
    await deps.refreshView();
  });
  const actions = copies.length ? [undo] : [];
  void ui
    .showMessage(severity, importedSummary(report), { detail: detail || undefined, modal: !plain }, ...actions)
    .then((choice) => (choice === undo ? undoReplaced() : undefined));
}

/** One line per outcome, each naming its rooms, for the summary dialog. */
function importDetail(report: ImportReport): string {
  const ids = (list: readonly string[]): string => list.map((id) => `“${visibleId(id)}”`).join(', ');
  const lines = [
    report.imported.length ? vscode.l10n.t('Imported: {0}', ids(report.imported)) : '',
    report.replaced.length ? vscode.l10n.t('Replaced (Undo puts the old ones back): {0}', ids(report.replaced)) : '',
    ...report.renamed.map(({ from, to }) => vscode.l10n.t('Imported “{0}” as “{1}”', visibleId(from), visibleId(to))),
    ...report.skipped.map((skip) => vscode.l10n.t('Skipped “{0}”: {1}', visibleId(skip.id ?? ''), skip.reason)),
    ...report.failed.map((failure) => vscode.l10n.t('Failed “{0}”: {1}', visibleId(failure.id), failure.reason)),
  ];
  return lines.filter(Boolean).join('\n');
}

/** "Imported 2 rooms, replaced 1, renamed 1, skipped 1, failed 1." in the user's numbers; the zero counts are left out. */
function importedSummary(report: ImportReport): string {
  const count = report.imported.length;
  const parts = [count === 1 ? vscode.l10n.t('Imported 1 room') : vscode.l10n.t('Imported {0} rooms', formatCount(count))];
  const counted: [number, (n: string) => string][] = [
    [report.replaced.length, (n) => vscode.l10n.t('replaced {0}', n)],
    [report.renamed.length, (n) => vscode.l10n.t('imported {0} under a new id', n)],
    [report.skipped.length, (n) => vscode.l10n.t('skipped {0}', n)],
    [report.failed.length, (n) => vscode.l10n.t('failed {0}', n)],
  ];
  parts.push(...counted.filter(([n]) => n > 0).map(([n, word]) => word(formatCount(n))));
  return `${parts.join(', ')}.`;
}
