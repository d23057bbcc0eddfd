import type * as vscode from 'vscode';
import type { MessageOptions, Severity, Ui } from '../../../src/ui/ui';

export interface ShownMessage {
  severity: Severity;
  message: string;
  detail?: string;
  modal: boolean;
  actions: string[];
}

type PickAnswer = string | ((label: string) => boolean) | undefined;

/**
 * Stands in for the window in integration tests: answers input boxes and quick picks from
 * queues (as a user typing would), answers notifications by rule, and records everything
 * shown, so tests assert on exactly the text a user would read.
 */
export class ScriptedUi implements Ui {
  readonly shown: ShownMessage[] = [];
  readonly prompts: string[] = [];
  readonly validationErrors: string[] = [];
  readonly unexpected: string[] = [];
  private readonly inputs: (string | undefined)[] = [];
  private readonly picks: PickAnswer[][] = [];
  private readonly responders: { pattern: RegExp; action: string | undefined }[] = [];
  private readonly waiters: (() => void)[] = [];
  private readonly held: { pattern: RegExp; answer: Promise<string | undefined> }[] = [];

  typeInputs(...values: (string | undefined)[]): this {
    this.inputs.push(...values);
    return this;
  }

  /** Queues the item whose label contains `answer` (or matches it) for the next quick pick. */
  pick(...answers: PickAnswer[]): this {
    this.picks.push(answers);
    return this;
  }

  /** Answers any notification whose text matches with this action (undefined = dismiss). */
  respond(pattern: RegExp, action: string | undefined): this {
    this.responders.unshift({ pattern, action });
    return this;
  }

  /**
   * Keeps notifications matching the pattern unanswered, as a dialog the user has not yet
   * clicked, until `release` gives the answer: for what happens while a prompt is open.
   */
  hold(pattern: RegExp): { release(action: string | undefined): void } {
    let release: (action: string | undefined) => void = () => undefined;
    const answer = new Promise<string | undefined>((resolve) => (release = resolve));
    this.held.unshift({ pattern, answer });
    return { release: (action) => release(action) };
  }

  async showInputBox(options: vscode.InputBoxOptions): Promise<string | undefined> {
    this.prompts.push(`${options.title ?? ''}: ${options.prompt ?? ''}`);
    if (this.inputs.length === 0) {
      this.unexpected.push(`input box "${options.title ?? options.prompt}"`);
      return undefined;
    }
    const value = this.inputs.shift();
    if (value !== undefined && options.validateInput) {
      const problem = await options.validateInput(value);
      if (problem) {
        this.validationErrors.push(typeof problem === 'string' ? problem : problem.message);
        return this.showInputBox(options);
      }
    }
    return value;
  }

  async showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<T | undefined> {
    return (await this.choose(items, options, false))[0];
  }

  async showQuickPickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<readonly T[] | undefined> {
    const chosen = await this.choose(items, options, true);
    return chosen.length ? chosen : undefined;
  }

  async showMessage(severity: Severity, message: string, options: MessageOptions, ...actions: string[]): Promise<string | undefined> {
    this.shown.push({ severity, message, detail: options.detail, modal: options.modal ?? false, actions });
    this.waiters.splice(0).forEach((wake) => wake());
    const held = this.held.find((candidate) => candidate.pattern.test(message));
    if (held) {
      return held.answer;
    }
    return this.responders.find((responder) => responder.pattern.test(message))?.action;
  }

  async showOpenDialog(): Promise<vscode.Uri[] | undefined> {
    const uri = this.nextUri.shift();
    return uri ? [uri] : undefined;
  }

  async showSaveDialog(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined> {
    this.saveDialogs.push(options);
    return this.nextUri.shift();
  }

  /** The options of every save dialog shown, e.g. where it starts and the name it proposes. */
  readonly saveDialogs: vscode.SaveDialogOptions[] = [];
  /** The items of every quick pick shown, as the user would read them. */
  readonly quickPicks: { label: string; description?: string; detail?: string }[][] = [];

  /** Files the next open/save dialogs "choose". */
  readonly nextUri: vscode.Uri[] = [];

  /** Resolves with the first message (already shown or still to come) matching the pattern. */
  async waitForMessage(pattern: RegExp, timeoutMs = 10_000): Promise<ShownMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.shown.find((shown) => pattern.test(shown.message));
      if (found) {
        return found;
      }
      if (Date.now() > deadline) {
        throw new Error(`No message matching ${pattern} was shown. Shown: ${JSON.stringify(this.shown.map((s) => s.message))}`);
      }
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  private async choose<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions, many: boolean): Promise<T[]> {
    this.prompts.push(`${options.title ?? ''}: ${options.placeHolder ?? ''}`);
    this.quickPicks.push(items.map(({ label, description, detail }) => ({ label, description, detail })));
    const answers = this.picks.shift();
    if (!answers) {
      this.unexpected.push(`quick pick "${options.title ?? options.placeHolder}" with ${items.map((i) => i.label).join(' | ')}`);
      return [];
    }
    const chosen = answers.flatMap((answer) => {
      if (answer === undefined) {
        return [];
      }
      const matches = typeof answer === 'string' ? (label: string) => label.includes(answer) : answer;
      const item = items.find((candidate) => matches(candidate.label));
      if (!item) {
        this.unexpected.push(`no item "${String(answer)}" in quick pick "${options.title}"`);
        return [];
      }
      return [item];
    });
    return many ? chosen : chosen.slice(0, 1);
  }
}
