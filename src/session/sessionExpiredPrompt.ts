import * as vscode from 'vscode';
import type { Ui } from '../core/prompts';

/**
 * When several requests find the session expired at once, the user sees one notification,
 * and every waiting action learns whether signing in succeeded so it can run again.
 */
export class SessionExpiredPrompt {
  private pending: Promise<boolean> | undefined;

  constructor(
    private readonly ui: Ui,
    private readonly signIn: () => Promise<boolean>,
  ) {}

  ask(): Promise<boolean> {
    this.pending ??= this.askOnce().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async askOnce(): Promise<boolean> {
    const signIn = vscode.l10n.t('Sign In');
    const choice = await this.ui.showMessage(
      'warning',
      vscode.l10n.t('Session expired — sign in again to continue.'),
      { awaitsAnswer: true },
      signIn,
    );
    return choice === signIn ? this.signIn() : false;
  }
}
