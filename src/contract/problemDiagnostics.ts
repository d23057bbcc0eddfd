import * as vscode from 'vscode';
import { roomDocumentUri } from '../rooms/roomDocuments';
import type { ContractProblems, PlacedProblem } from './contractProblems';

const SEVERITIES = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
} as const;

/** The Problems panel: each room's problems on its read-only JSON document, at the offending field. */
export function showProblemsAsDiagnostics(problems: ContractProblems): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('worldclientRtc.contract');
  const update = (): void => {
    collection.clear();
    collection.set(problems.roomIds().map((roomId) => [roomDocumentUri(roomId), problems.forRoom(roomId).map(toDiagnostic)]));
  };
  const subscription = problems.onDidChange(update);
  update();
  return vscode.Disposable.from(subscription, collection);
}

function toDiagnostic(problem: PlacedProblem): vscode.Diagnostic {
  const { line, start, end } = problem.range;
  const diagnostic = new vscode.Diagnostic(new vscode.Range(line, start, line, end), problem.message, SEVERITIES[problem.severity]);
  diagnostic.source = vscode.l10n.t('WorldClient RTC contract');
  diagnostic.code = problem.ruleId;
  return diagnostic;
}
