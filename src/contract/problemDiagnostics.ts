import * as vscode from 'vscode';
import { roomDocumentUri } from '../core/rooms/roomDocuments';
import type { ContractProblems, PlacedProblem } from './contractProblems';

const SEVERITIES = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
} as const;

/** The Problems panel: each room's problems on its read-only JSON document, at the offending field. */
export function showProblemsAsDiagnostics(problems: ContractProblems): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('worldclientRtc.contract');
  const updateAll = (): void => {
    collection.clear();
    collection.set(problems.roomIds().map((roomId) => [roomDocumentUri(roomId), problems.forRoom(roomId).map(toDiagnostic)]));
  };
  // Only the rooms that changed: Check Rooms reports one room at a time, over thousands of rooms.
  const subscription = problems.onDidChange(({ roomIds }) => {
    if (!roomIds) {
      updateAll();
      return;
    }
    for (const roomId of roomIds) {
      const diagnostics = problems.forRoom(roomId).map(toDiagnostic);
      collection.set(roomDocumentUri(roomId), diagnostics.length > 0 ? diagnostics : undefined);
    }
  });
  updateAll();
  return vscode.Disposable.from(subscription, collection);
}

function toDiagnostic(problem: PlacedProblem): vscode.Diagnostic {
  const { line, start, end } = problem.range;
  const diagnostic = new vscode.Diagnostic(new vscode.Range(line, start, line, end), problem.message, SEVERITIES[problem.severity]);
  diagnostic.source = vscode.l10n.t('WorldClient RTC contract');
  diagnostic.code = problem.ruleId;
  return diagnostic;
}
