import * as vscode from 'vscode';
import { inertForNotification } from '../shared/inertText';

export type Severity = 'info' | 'warning' | 'error';

/** A multi-select pick that, when Enter is pressed with nothing ticked, takes the highlighted item instead. */
export interface ManyPickOptions extends vscode.QuickPickOptions {
  acceptHighlighted?: boolean;
}

/** The item picked, or the item whose button (e.g. Forget) was pressed; the pick closes either way. */
export interface PickedWithButton<T> {
  item: T;
  button?: vscode.QuickInputButton;
}

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
  showQuickPickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: ManyPickOptions): Thenable<readonly T[] | undefined>;
  /** A single pick whose items may carry buttons (showQuickPick does not render them). */
  showQuickPickWithButtons<T extends vscode.QuickPickItem>(
    items: readonly T[],
    options: vscode.QuickPickOptions,
  ): Thenable<PickedWithButton<T> | undefined>;
  showMessage(severity: Severity, message: string, options: MessageOptions, ...actions: string[]): Thenable<string | undefined>;
  showOpenDialog(options: vscode.OpenDialogOptions): Thenable<vscode.Uri[] | undefined>;
  showSaveDialog(options: vscode.SaveDialogOptions): Thenable<vscode.Uri | undefined>;
}

export const windowUi: Ui = {
  showInputBox: (options) => vscode.window.showInputBox({ ignoreFocusOut: true, ...options }),
  showQuickPick: (items, options) => vscode.window.showQuickPick(items, { ignoreFocusOut: true, ...options, canPickMany: false }),
  showQuickPickMany: (items, options) =>
    options.acceptHighlighted
      ? pickManyOrHighlighted(items, options)
      : vscode.window.showQuickPick(items, { ignoreFocusOut: true, ...options, canPickMany: true }),
  showQuickPickWithButtons: (items, options) => pickWithButtons(items, options),
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
  showQuickPickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: ManyPickOptions): Thenable<readonly T[] | undefined> {
    return this.current.showQuickPickMany(items, options);
  }
  showQuickPickWithButtons<T extends vscode.QuickPickItem>(
    items: readonly T[],
    options: vscode.QuickPickOptions,
  ): Thenable<PickedWithButton<T> | undefined> {
    return this.current.showQuickPickWithButtons(items, options);
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

/** A quick pick built with createQuickPick (the only kind that reports the highlighted item and item buttons). */
function createPick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): vscode.QuickPick<T> {
  const pick = vscode.window.createQuickPick<T>();
  pick.title = options.title;
  pick.placeholder = options.placeHolder;
  pick.matchOnDescription = options.matchOnDescription ?? false;
  pick.matchOnDetail = options.matchOnDetail ?? false;
  pick.ignoreFocusOut = true;
  pick.items = items;
  return pick;
}

function pickManyOrHighlighted<T extends vscode.QuickPickItem>(
  items: readonly T[],
  options: ManyPickOptions,
): Promise<readonly T[] | undefined> {
  const pick = createPick(items, options);
  pick.canSelectMany = true;
  return new Promise((resolve) => {
    let chosen: readonly T[] | undefined;
    pick.onDidAccept(() => {
      // Enter with nothing ticked means the entry the user has highlighted, as in a single pick.
      chosen = pick.selectedItems.length ? [...pick.selectedItems] : pick.activeItems.slice(0, 1);
      pick.hide();
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve(chosen);
    });
    pick.show();
  });
}

function pickWithButtons<T extends vscode.QuickPickItem>(
  items: readonly T[],
  options: vscode.QuickPickOptions,
): Promise<PickedWithButton<T> | undefined> {
  const pick = createPick(items, options);
  return new Promise((resolve) => {
    let chosen: PickedWithButton<T> | undefined;
    const close = (answer: PickedWithButton<T> | undefined): void => {
      chosen = answer;
      pick.hide();
    };
    pick.onDidAccept(() => close(pick.selectedItems[0] ? { item: pick.selectedItems[0] } : undefined));
    pick.onDidTriggerItemButton((event) => close({ item: event.item, button: event.button }));
    pick.onDidHide(() => {
      pick.dispose();
      resolve(chosen);
    });
    pick.show();
  });
}
