import type * as vscode from 'vscode';
import { WorldClientError, errorMessage, isSessionExpired } from '../api/errors';
import { isCancellation } from './cancelled';
import type { Disposable } from './events';
import type { Ui } from './prompts';
import { reportRoomFailures, type RoomFailure } from './bulkFailures';

/** What the runner needs from the window (runnerHost.ts gives VS Code's), so its logic is unit-tested without it. */
export interface RunnerHost {
  registerCommand(commandId: string, handler: (...args: unknown[]) => unknown): Disposable;
  /** The labels of a failure's buttons, in the user's language. */
  labels(): RunnerLabels;
  openCertificateSettings(): PromiseLike<unknown>;
}

export interface RunnerLabels {
  showLog: string;
  signIn: string;
  trustCertificate: string;
  showDetails: string;
  /** "…and N more, listed in the log." under a bulk failure's details. */
  moreInLog(count: number): string;
}

type RunnerLog = Pick<vscode.LogOutputChannel, 'info' | 'warn' | 'error' | 'show'>;

/** The follow-up a failure offers besides the log: the fix for its kind, where there is one. */
function followUpsFor(error: unknown, labels: ReturnType<RunnerHost['labels']>): string[] {
  if (error instanceof WorldClientError && error.kind === 'notSignedIn') {
    return [labels.signIn, labels.showLog];
  }
  if (error instanceof WorldClientError && error.kind === 'tls') {
    return [labels.trustCertificate, labels.showLog];
  }
  return [labels.showLog];
}

/**
 * The one place command failures are handled, so every command behaves alike: a cancelled
 * action is silent, an expired session asks to sign in and then runs the action again, and
 * anything else becomes one error notification that says what to do next. Nothing else in the
 * extension asks about an expired session: models and flows just throw it.
 */
export class CommandRunner {
  /**
   * @param session `signInAgain` asks the user to sign in again (once, however many actions wait)
   * and says whether they did; `signIn` is the sign-in a failure's "Sign In" button starts.
   */
  constructor(
    private readonly ui: Ui,
    private readonly log: RunnerLog,
    private readonly session: { signInAgain(): Promise<boolean>; signIn(): Promise<unknown> },
    private readonly host: RunnerHost,
  ) {}

  register(commandId: string, handler: (...args: unknown[]) => unknown): Disposable {
    return this.host.registerCommand(commandId, this.wrap(commandId, handler));
  }

  /** An action that runs like a command (Undo, Retry, a refresh after a write), for whoever needs to start it. */
  wrap<A extends unknown[], T>(label: string, handler: (...args: A) => T | Promise<T>): (...args: A) => Promise<T | undefined> {
    return (...args: A) => this.run(label, () => handler(...args));
  }

  /**
   * For commands of several steps: `start` runs once per invocation and returns the action,
   * which may keep what it has done and been told (a confirmation, the rooms already deleted)
   * in its closure. After "Session expired → Sign In" the runner calls that same action again,
   * so it continues with the rest instead of starting over.
   */
  registerResumable(commandId: string, start: (...args: unknown[]) => () => unknown): Disposable {
    return this.host.registerCommand(commandId, this.resumable(commandId, start));
  }

  /** registerResumable's action as a function, for a feature that offers the same command to another (a panel button). */
  resumable(label: string, start: (...args: unknown[]) => () => unknown): (...args: unknown[]) => Promise<unknown> {
    return (...args: unknown[]) => this.run(label, start(...args));
  }

  async run<T>(label: string, action: () => T | Promise<T>, retriedAfterSignIn = false): Promise<T | undefined> {
    try {
      return await action();
    } catch (error) {
      if (isCancellation(error)) {
        this.log.info(`${label}: cancelled.`);
        return undefined;
      }
      if (isSessionExpired(error) && !retriedAfterSignIn) {
        this.log.warn(`${label}: ${error.message}`);
        return (await this.session.signInAgain()) ? this.run(label, action, true) : undefined;
      }
      this.report(label, error);
      return undefined;
    }
  }

  /** Ends a bulk action that failed for some rooms: a short summary, each room's reason in Show Details and the log. */
  reportRoomFailures(summary: string, failures: readonly RoomFailure[], asked: number): void {
    reportRoomFailures(this.ui, this.log, this.host.labels(), { summary, failures, asked });
  }

  /** Shows a failure without waiting for the user, so the command itself completes. */
  private report(label: string, error: unknown): void {
    const message = errorMessage(error);
    this.log.error(`${label}: ${message}`);
    const labels = this.host.labels();
    void this.ui.showMessage('error', message, {}, ...followUpsFor(error, labels)).then(async (choice) => {
      if (choice === labels.showLog) {
        this.log.show(true);
      } else if (choice === labels.signIn) {
        await this.session.signIn();
      } else if (choice === labels.trustCertificate) {
        await this.host.openCertificateSettings();
      }
    });
  }
}
