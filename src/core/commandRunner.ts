import * as vscode from 'vscode';
import { WorldClientError, errorMessage, isSessionExpired } from '../api/errors';
import { isCancellation } from './cancellation';
import { CommandIds } from './commandIds';
import type { Ui } from './prompts';
import { reportRoomFailures, type RoomFailure } from './bulkFailures';

// Looked up per use rather than at load, so the labels follow the l10n bundle; a choice is
// compared against the same lookup.
const showLog = (): string => vscode.l10n.t('Show Log');
const signIn = (): string => vscode.l10n.t('Sign In');
const trustCertificate = (): string => vscode.l10n.t('Trust a Certificate…');

/** The follow-up a failure offers besides the log: the fix for its kind, where there is one. */
function followUpsFor(error: unknown): string[] {
  if (error instanceof WorldClientError && error.kind === 'notSignedIn') {
    return [signIn(), showLog()];
  }
  if (error instanceof WorldClientError && error.kind === 'tls') {
    return [trustCertificate(), showLog()];
  }
  return [showLog()];
}

/** How flows report what failed without knowing the window: one failure, or the rooms a bulk action could not handle. */
export interface FailureReporter {
  report(label: string, error: unknown): void;
  reportRoomFailures(summary: string, failures: readonly RoomFailure[], asked: number): void;
}

/**
 * The one place command failures are handled, so every command behaves alike: a cancelled
 * action is silent, an expired session asks to sign in and then runs the action again, and
 * anything else becomes one error notification that says what to do next. Nothing else in the
 * extension asks about an expired session: models and flows just throw it.
 */
export class CommandRunner implements FailureReporter {
  /**
   * @param signInAgain asks the user to sign in again (once, however many actions wait) and
   * says whether they did.
   */
  constructor(
    private readonly ui: Ui,
    private readonly log: vscode.LogOutputChannel,
    private readonly signInAgain: () => Promise<boolean>,
  ) {}

  register(commandId: string, handler: (...args: unknown[]) => unknown): vscode.Disposable {
    return vscode.commands.registerCommand(commandId, (...args: unknown[]) => this.run(commandId, () => handler(...args)));
  }

  /**
   * For commands of several steps: `start` runs once per invocation and returns the action,
   * which may keep what it has done and been told (a confirmation, the rooms already deleted)
   * in its closure. After "Session expired → Sign In" the runner calls that same action again,
   * so it continues with the rest instead of starting over.
   */
  registerResumable(commandId: string, start: (...args: unknown[]) => () => unknown): vscode.Disposable {
    return vscode.commands.registerCommand(commandId, (...args: unknown[]) => this.run(commandId, start(...args)));
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
        return (await this.signInAgain()) ? this.run(label, action, true) : undefined;
      }
      this.report(label, error);
      return undefined;
    }
  }

  /** Ends a bulk action that failed for some rooms: a short summary, each room's reason in Show Details and the log. */
  reportRoomFailures(summary: string, failures: readonly RoomFailure[], asked: number): void {
    reportRoomFailures(this.ui, this.log, summary, failures, asked);
  }

  /** Shows a failure without waiting for the user, so the command itself completes. */
  report(label: string, error: unknown): void {
    const message = errorMessage(error);
    this.log.error(`${label}: ${message}`);
    void this.ui.showMessage('error', message, {}, ...followUpsFor(error)).then(async (choice) => {
      if (choice === showLog()) {
        this.log.show(true);
      } else if (choice === signIn()) {
        await vscode.commands.executeCommand(CommandIds.signIn);
      } else if (choice === trustCertificate()) {
        await vscode.commands.executeCommand('workbench.action.openSettings', 'worldclientRtc.trustedCertificates');
      }
    });
  }
}
