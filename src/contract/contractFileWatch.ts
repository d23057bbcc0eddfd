import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import * as vscode from 'vscode';
import { compileContract, CONTRACT_FILE_NAME, EMPTY_CONTRACT } from '../shared/contract/contractFile';
import type { Contract, ContractFileProblem } from '../shared/contract/contractFile';

/**
 * The team's contract file in the first workspace folder, read when the extension starts and
 * again whenever it is created, changed or deleted. What is wrong in it (a rule that does not
 * compile, a misspelt key) shows as a problem on the file itself. Read only in a trusted
 * workspace: its JSON Schemas are compiled to code.
 */
export class ContractFileWatch implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Contract>();
  readonly onDidChange = this.changed.event;
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('worldclientRtc.contractFile');
  private readonly disposables: vscode.Disposable[] = [this.changed, this.diagnostics];
  private current: Contract = EMPTY_CONTRACT;
  /** The latest read: an older one still reading is dropped. */
  private reading = 0;

  constructor() {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (folder) {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, CONTRACT_FILE_NAME));
      const reread = (): void => void this.read(folder.uri);
      this.disposables.push(watcher, watcher.onDidCreate(reread), watcher.onDidChange(reread), watcher.onDidDelete(reread));
      // A file written together with its folder (no .vscode yet) can come without an event of its own: the
      // system's watcher starts on a new folder only once it has seen the folder created, and the file may
      // already be there by then. The folder's creation is a reason to read the file too.
      const parent = CONTRACT_FILE_NAME.slice(0, CONTRACT_FILE_NAME.lastIndexOf('/'));
      const folderWatcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, parent), false, true, true);
      this.disposables.push(folderWatcher, folderWatcher.onDidCreate(reread));
      this.disposables.push(vscode.workspace.onDidGrantWorkspaceTrust(reread));
      reread();
    }
  }

  get contract(): Contract {
    return this.current;
  }

  /** Resolves once the file as it is now has been read (tests wait for it). */
  async read(folder: vscode.Uri, again = false): Promise<void> {
    const uri = vscode.Uri.joinPath(folder, CONTRACT_FILE_NAME);
    const run = ++this.reading;
    let text: string | undefined;
    if (vscode.workspace.isTrusted) {
      text = await vscode.workspace.fs.readFile(uri).then(
        (bytes) => new TextDecoder().decode(bytes),
        () => undefined,
      );
    }
    if (run !== this.reading) {
      return;
    }
    if (text !== undefined && !again && !isJson(text)) {
      // A file caught while it is written (emptied, then filled: how editors and tools save) reads as
      // cut-off JSON, and the event of the finished write may be merged into the one that brought us
      // here. Read it once more, a moment later, before calling it broken.
      await new Promise((resolve) => setTimeout(resolve, REREAD_BROKEN_AFTER_MS));
      if (run === this.reading) {
        await this.read(folder, true);
      }
      return;
    }
    const { contract, problems } = text === undefined ? { contract: EMPTY_CONTRACT, problems: [] } : compileContract(text, loadAjv);
    this.diagnostics.set(
      uri,
      problems.map((problem) => toDiagnostic(problem, text ?? '')),
    );
    this.current = contract;
    this.changed.fire(contract);
  }

  dispose(): void {
    this.disposables.forEach((disposable) => disposable.dispose());
  }
}

/** Long enough for a save in progress to finish; short enough that a file really broken is named at once. */
const REREAD_BROKEN_AFTER_MS = 300;

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** ajv on first use; the bundle maps this require to dist/ajv.js (see esbuild.js), so activation does not load it. */
function loadAjv(): typeof import('ajv').default {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('ajv') as typeof import('ajv')).default;
}

/** The problem at the value its path names in the file (the whole file's first character when the path is the file). */
function toDiagnostic(problem: ContractFileProblem, text: string): vscode.Diagnostic {
  const root = parseTree(text);
  const node = root && (findNodeAtLocation(root, problem.path) ?? root);
  const lines = text.slice(0, node?.offset ?? 0).split('\n');
  const start = new vscode.Position(lines.length - 1, lines[lines.length - 1].length);
  const endLines = text.slice(0, (node?.offset ?? 0) + (node?.length ?? 1)).split('\n');
  const end = new vscode.Position(endLines.length - 1, endLines[endLines.length - 1].length);
  const diagnostic = new vscode.Diagnostic(new vscode.Range(start, end), problem.message, vscode.DiagnosticSeverity.Error);
  diagnostic.source = vscode.l10n.t('WorldClient RTC contract file');
  return diagnostic;
}
