import type * as vscode from 'vscode';
import type { ManyPickOptions, MessageOptions, PickedWithButton, Severity, Ui } from '../../../src/core/prompts';
import { resolveAnswers, type PickAnswer } from './pickAnswers';
import { WAIT_MS } from './waits';

export { highlighted, itemButton } from './pickAnswers';

export interface ShownMessage {
  severity: Severity;
  /** Exactly what the notification holds, with the word joiners that keep server text from becoming links. */
  message: string;
  /** The message as a user reads it: those word joiners are invisible. */
  read: string;
  detail?: string;
  modal: boolean;
  actions: string[];
}

interface Responder {
  pattern: RegExp;
  action: string | undefined;
  used: boolean;
}

/** Thrown into the flow that showed a prompt the test did not script, so the flow stops there. */
export class UnexpectedPromptError extends Error {
  override readonly name = 'UnexpectedPromptError';
}

// Test-harness bookkeeping, not product state: every script made while the suite runs, so the
// root hook (`checkScriptedUis`) checks them all after each test, however a test made its own.
const everyScript = new Set<ScriptedUi>();

/**
 * Stands in for the window in integration tests: answers input boxes, quick picks and dialogs
 * from queues (as a user typing would), answers notifications by rule, and records everything
 * shown, so tests assert on exactly the text a user would read.
 *
 * Nothing is answered by default. A prompt the test did not script fails the test: it is
 * recorded in `unexpected` and thrown into the flow that showed it. That covers an input box,
 * a quick pick or a dialog with nothing queued, a quick pick without the queued item, and a
 * message the flow waits on (a modal, or one shown with `awaitsAnswer`) that no `respond()`
 * rule matches. A notification the flow does not wait on needs no rule: it is recorded, and if
 * it has buttons its answer never comes, as when a user lets it fade. A cancel or a dismissal
 * is scripted like any other answer: `typeInputs(undefined)`, `pick(undefined)`,
 * `nextUri.push(undefined)`, `respond(/…/, undefined)`.
 *
 * After each test the root hook fails the test's run if anything was unexpected or if a
 * queued answer or a `respond()` rule was never used (leftovers), as the Azure tools'
 * `TestUserInput` does, and then clears this script for the next test.
 */
export class ScriptedUi implements Ui {
  readonly shown: ShownMessage[] = [];
  readonly prompts: string[] = [];
  readonly validationErrors: string[] = [];
  readonly unexpected: string[] = [];
  private readonly inputs: (string | undefined)[] = [];
  /** How many of the queued inputs at the end may go unasked (typeInputsIfAsked). */
  private optionalInputs = 0;
  private readonly picks: PickAnswer[][] = [];
  private readonly responders: Responder[] = [];
  private readonly waiters: (() => void)[] = [];
  private readonly held: { pattern: RegExp; answer: Promise<string | undefined> }[] = [];

  constructor() {
    everyScript.add(this);
  }

  typeInputs(...values: (string | undefined)[]): this {
    this.inputs.push(...values);
    return this;
  }

  /**
   * Inputs a flow asks for only when its earlier steps succeed (table-driven edge tests run one
   * script against a failing and a working server): typed if asked, no leftover if not.
   */
  typeInputsIfAsked(...values: (string | undefined)[]): this {
    this.inputs.push(...values);
    this.optionalInputs += values.length;
    return this;
  }

  /** Queues the item whose label contains `answer` (or matches it) for the next quick pick; undefined cancels it. */
  pick(...answers: PickAnswer[]): this {
    this.picks.push(answers);
    return this;
  }

  /** Answers every notification whose text matches with this action (undefined = dismiss). The newest rule wins. */
  respond(pattern: RegExp, action: string | undefined): this {
    this.responders.unshift({ pattern, action, used: false });
    return this;
  }

  /**
   * Like `respond`, for a prompt the flow shows only when an earlier step succeeds (table-driven
   * edge tests run one script against a failing and a working server): not asking is no leftover.
   */
  respondIfAsked(pattern: RegExp, action: string | undefined): this {
    this.responders.unshift({ pattern, action, used: true });
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
      throw this.fail(`input box "${options.title ?? options.prompt}" with nothing typed for it`);
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
    return (await this.choose(items, options, false)).ticked[0];
  }

  async showQuickPickMany<T extends vscode.QuickPickItem>(
    items: readonly T[],
    options: ManyPickOptions,
  ): Promise<readonly T[] | undefined> {
    const { ticked, highlighted } = await this.choose(items, options, true);
    if (ticked.length) {
      return ticked;
    }
    // Enter with nothing ticked: VS Code's own multi-select answers nothing; ours may take the highlighted item.
    return highlighted ? (options.acceptHighlighted ? [highlighted] : []) : undefined;
  }

  async showQuickPickWithButtons<T extends vscode.QuickPickItem>(
    items: readonly T[],
    options: vscode.QuickPickOptions,
  ): Promise<PickedWithButton<T> | undefined> {
    const { ticked, pressed } = await this.choose(items, options, false);
    return pressed ?? (ticked[0] ? { item: ticked[0] } : undefined);
  }

  showMessage(severity: Severity, message: string, options: MessageOptions, ...actions: string[]): Promise<string | undefined> {
    this.shown.push({
      severity,
      message,
      read: message.replaceAll('\u2060', ''),
      detail: options.detail,
      modal: options.modal ?? false,
      actions,
    });
    this.waiters.splice(0).forEach((wake) => wake());
    const held = this.held.find((candidate) => candidate.pattern.test(message));
    if (held) {
      return held.answer;
    }
    const responder = this.responders.find((candidate) => candidate.pattern.test(message));
    if (responder) {
      responder.used = true;
      return Promise.resolve(responder.action);
    }
    if (options.modal || options.awaitsAnswer) {
      return Promise.reject(this.fail(`${options.modal ? 'modal' : 'awaited'} ${severity} message "${message}" with no respond() rule`));
    }
    // Nobody clicks: a notification with buttons never answers; one without resolves like a closed one.
    return actions.length ? new Promise<never>(() => undefined) : Promise.resolve(undefined);
  }

  async showOpenDialog(options: vscode.OpenDialogOptions): Promise<vscode.Uri[] | undefined> {
    const uri = this.nextFile(`open dialog "${options.title ?? ''}"`);
    return uri ? [uri] : undefined;
  }

  async showSaveDialog(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined> {
    this.saveDialogs.push(options);
    return this.nextFile(`save dialog "${options.title ?? ''}"`);
  }

  /** The options of every save dialog shown, e.g. where it starts and the name it proposes. */
  readonly saveDialogs: vscode.SaveDialogOptions[] = [];
  /** The items of every quick pick shown, as the user would read them. */
  readonly quickPicks: { label: string; description?: string; detail?: string; buttons?: string[] }[][] = [];

  /** The files the next open or save dialogs "choose", one per dialog; undefined cancels one. */
  readonly nextUri: (vscode.Uri | undefined)[] = [];

  /** Resolves with the first message (already shown or still to come) matching the pattern. */
  async waitForMessage(pattern: RegExp, timeoutMs = WAIT_MS): Promise<ShownMessage> {
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

  /** What went otherwise than scripted since the last check; then clears the script for the next test. */
  takeProblems(): string[] {
    const problems = [
      ...this.unexpected.map((prompt) => `unexpected ${prompt}`),
      ...this.inputs
        .slice(0, Math.max(0, this.inputs.length - this.optionalInputs))
        .map((value) => `typed input never asked for: ${JSON.stringify(value)}`),
      ...this.picks.map(
        (answers) =>
          `quick pick answer never asked for: ${answers.map((a) => (typeof a === 'object' ? JSON.stringify(a) : String(a))).join(', ')}`,
      ),
      ...this.nextUri.map((uri) => `dialog answer never asked for: ${uri?.fsPath ?? 'cancel'}`),
      ...this.responders.filter((responder) => !responder.used).map((responder) => `respond(${responder.pattern}) matched no message`),
    ];
    this.unexpected.length = 0;
    this.inputs.length = 0;
    this.optionalInputs = 0;
    this.picks.length = 0;
    this.nextUri.length = 0;
    this.responders.length = 0;
    return problems;
  }

  private nextFile(dialog: string): vscode.Uri | undefined {
    if (this.nextUri.length === 0) {
      throw this.fail(`${dialog} with no file chosen for it`);
    }
    return this.nextUri.shift();
  }

  private fail(prompt: string): UnexpectedPromptError {
    this.unexpected.push(prompt);
    return new UnexpectedPromptError(`The test did not script an answer for the ${prompt}.`);
  }

  private async choose<T extends vscode.QuickPickItem>(
    items: readonly T[],
    options: vscode.QuickPickOptions,
    many: boolean,
  ): Promise<{ ticked: T[]; highlighted?: T; pressed?: PickedWithButton<T> }> {
    this.prompts.push(`${options.title ?? ''}: ${options.placeHolder ?? ''}`);
    this.quickPicks.push(
      items.map(({ label, description, detail, buttons }) => ({
        label,
        description,
        detail,
        buttons: buttons?.map((b) => b.tooltip ?? ''),
      })),
    );
    const answers = this.picks.shift();
    const shown = `quick pick "${options.title ?? options.placeHolder}" (${items.map((i) => i.label).join(' | ')})`;
    if (!answers) {
      throw this.fail(`${shown} with nothing picked for it`);
    }
    const chosen = resolveAnswers(items, answers, (problem) => this.fail(`${shown}: ${problem}`));
    return { ...chosen, ticked: many ? chosen.ticked : chosen.ticked.slice(0, 1) };
  }
}

/**
 * Root `afterEach` hook of the integration suite: fails the test that just ran when any script
 * saw a prompt it had no answer for, or kept answers no prompt used. It hands the failure to
 * the test through `this.test.error()`, mocha's way for a hook to fail the test it follows, so
 * the tests after it still run (a hook that throws would skip them all).
 */
export function checkScriptedUis(this: Mocha.Context): void {
  const problems = [...everyScript].flatMap((script) => script.takeProblems());
  if (problems.length > 0) {
    // Inside a hook, `this.test` is the hook itself.
    (this.test as Mocha.Hook).error(new Error(`Prompts did not go as the test scripted them:\n  - ${problems.join('\n  - ')}`));
  }
}
