import * as vscode from 'vscode';
import { checkFileRooms, FileShapeError } from '../cli/fileRooms';
import { readDisabledContractRules } from '../core/settings';
import { applyContract, type Contract } from '../shared/contract/contractFile';

const FIXTURE_FILES_SETTING = 'worldclientRtc.contract.fixtureFiles';
/** Export Rooms… proposes `rooms.json`; teams name fixtures `*.rooms.json`. */
const DEFAULT_FIXTURE_FILES = '**/{rooms,*.rooms}.json';
/** Checked this long after the last keystroke, as a linter does. */
const EDIT_PAUSE_MS = 300;
const SEVERITIES = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
} as const;

/**
 * Exported room files and fixtures (files matching `worldclientRtc.contract.fixtureFiles`)
 * checked as they are edited, with the rules `check --file` runs and the team's contract file,
 * each problem on the offending value in the file.
 */
export function checkFixturesAsEdited(contract: () => Contract, onContractChange: vscode.Event<Contract>): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('worldclientRtc.fixtures');
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  const matches = (document: vscode.TextDocument): boolean => {
    const pattern = vscode.workspace.getConfiguration().get<string>(FIXTURE_FILES_SETTING) || DEFAULT_FIXTURE_FILES;
    return document.uri.scheme === 'file' && vscode.languages.match({ pattern }, document) > 0;
  };
  const check = (document: vscode.TextDocument): void => {
    if (!matches(document)) {
      collection.delete(document.uri);
      return;
    }
    collection.set(document.uri, diagnosticsOf(document, contract()));
  };
  const schedule = (document: vscode.TextDocument): void => {
    const key = document.uri.toString();
    clearTimeout(pending.get(key));
    pending.set(
      key,
      setTimeout(() => {
        pending.delete(key);
        check(document);
      }, EDIT_PAUSE_MS),
    );
  };
  const checkAll = (): void => vscode.workspace.textDocuments.forEach(check);
  checkAll();
  return vscode.Disposable.from(
    collection,
    vscode.workspace.onDidOpenTextDocument(check),
    vscode.workspace.onDidChangeTextDocument((event) => schedule(event.document)),
    vscode.workspace.onDidCloseTextDocument((document) => collection.delete(document.uri)),
    onContractChange(checkAll),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(FIXTURE_FILES_SETTING) || event.affectsConfiguration('worldclientRtc.contract.disabledRules')) {
        checkAll();
      }
    }),
    { dispose: () => pending.forEach((timer) => clearTimeout(timer)) },
  );
}

function diagnosticsOf(document: vscode.TextDocument, contract: Contract): vscode.Diagnostic[] {
  let findings;
  try {
    findings = checkFileRooms(document.uri.fsPath, document.getText(), { now: Date.now(), custom: contract.custom }).findings;
  } catch (error) {
    if (error instanceof FileShapeError && !/is not valid JSON/.test(error.message)) {
      // A file that is not rooms at all says so once; JSON's own syntax errors are VS Code's to show.
      return [new vscode.Diagnostic(new vscode.Range(0, 0, 0, 1), error.message, vscode.DiagnosticSeverity.Warning)];
    }
    return [];
  }
  const disabled = readDisabledContractRules();
  const { kept } = applyContract(
    findings.filter((finding) => !disabled.has(finding.ruleId)),
    contract,
  );
  return kept.map((finding) => {
    const place = (finding as (typeof findings)[number]).file;
    const range = place
      ? new vscode.Range(place.line - 1, place.column - 1, place.endLine - 1, place.endColumn - 1)
      : new vscode.Range(0, 0, 0, 1);
    const diagnostic = new vscode.Diagnostic(range, finding.message, SEVERITIES[finding.severity]);
    diagnostic.source = vscode.l10n.t('WorldClient RTC contract');
    diagnostic.code = finding.ruleId;
    return diagnostic;
  });
}
