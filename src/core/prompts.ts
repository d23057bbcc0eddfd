import * as vscode from 'vscode';
import { inertForNotification } from '../shared/inertText';

export type Severity = 'info' | 'warning' | 'error';

export interface MessageOptions {
  modal?: boolean;
  detail?: string;
  /**
   * The flow waits for this non-modal notification's answer before it goes on (a modal always
   * does). VS Code ignores it; the scripted prompts of the tests then require a scripted answer.
   */
  awaitsAnswer?: boolean;
}

/**
 * The few window interactions our flows need. Features talk to this instead of `vscode.window`
 * so the integration tests can answer prompts and read every notification a user would see,
 * while the real quick inputs and dialogs run unchanged in normal use.
 */
export interface Ui {
  showInputBox(options: vscode.InputBoxOptions): Thenable<string | undefined>;
  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<T | undefined>;
  showQuickPickMany<T extends vscode.QuickPickItem>(
    items: readonly T[],
    options: vscode.QuickPickOptions,
  ): Thenable<readonly T[] | undefined>;
  showMessage(severity: Severity, message: string, options: MessageOptions, ...actions: string[]): Thenable<string | undefined>;
  showOpenDialog(options: vscode.OpenDialogOptions): Thenable<vscode.Uri[] | undefined>;
  showSaveDialog(options: vscode.SaveDialogOptions): Thenable<vscode.Uri | undefined>;
}

export const windowUi: Ui = {
  showInputBox: (options) => vscode.window.showInputBox({ ignoreFocusOut: true, ...options }),
  showQuickPick: (items, options) => vscode.window.showQuickPick(items, { ignoreFocusOut: true, ...options, canPickMany: false }),
  showQuickPickMany: (items, options) => vscode.window.showQuickPick(items, { ignoreFocusOut: true, ...options, canPickMany: true }),
  showMessage(severity, message, options, ...actions) {
    const show =
      severity === 'error'
        ? vscode.window.showErrorMessage
        : severity === 'warning'
          ? vscode.window.showWarningMessage
          : vscode.window.showInformationMessage;
    return show(message, options, ...actions);
  },
  showOpenDialog: (options) => vscode.window.showOpenDialog(options),
  showSaveDialog: (options) => vscode.window.showSaveDialog(options),
};

/**
 * Forwards to the window by default; tests swap in a scripted Ui through the extension's
 * returned API. Owned by the composition root, so there is one per activation, not a global.
 */
export class SwitchableUi implements Ui {
  private current: Ui = windowUi;

  use(ui: Ui | undefined): void {
    this.current = ui ?? windowUi;
  }

  showInputBox(options: vscode.InputBoxOptions): Thenable<string | undefined> {
    return this.current.showInputBox(options);
  }
  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<T | undefined> {
    return this.current.showQuickPick(items, options);
  }
  showQuickPickMany<T extends vscode.QuickPickItem>(
    items: readonly T[],
    options: vscode.QuickPickOptions,
  ): Thenable<readonly T[] | undefined> {
    return this.current.showQuickPickMany(items, options);
  }
  /**
   * Every notification and modal goes through here, so none can forget: message and detail are
   * made inert (no link or command from server text, bidi and control characters shown). The
   * action labels are ours and are compared with the answer, so they pass unchanged.
   */
  showMessage(severity: Severity, message: string, options: MessageOptions, ...actions: string[]): Thenable<string | undefined> {
    const detail = options.detail === undefined ? undefined : inertForNotification(options.detail);
    return this.current.showMessage(severity, inertForNotification(message), { ...options, detail }, ...actions);
  }
  showOpenDialog(options: vscode.OpenDialogOptions): Thenable<vscode.Uri[] | undefined> {
    return this.current.showOpenDialog(options);
  }
  showSaveDialog(options: vscode.SaveDialogOptions): Thenable<vscode.Uri | undefined> {
    return this.current.showSaveDialog(options);
  }
}
