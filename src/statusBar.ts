import * as vscode from 'vscode';
import { CommandIds } from './core/commandIds';
import type { Connection } from './session/connection';

/** Shows which server the extension talks to and whether it is signed in; a click offers the next step. */
export class ConnectionStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('worldclientRtc.status', vscode.StatusBarAlignment.Left, 50);
  private readonly subscription: vscode.Disposable;

  constructor(private readonly connection: Connection) {
    this.item.name = 'WorldClient RTC';
    this.subscription = connection.onDidChange(() => this.render());
    this.render();
  }

  render(): void {
    const { state, serverUrl } = this.connection;
    if (state === 'noServer') {
      this.item.hide();
      return;
    }
    const host = new URL(serverUrl).host;
    const signedIn = state === 'signedIn';
    this.item.text = signedIn ? `$(comment-discussion) ${host}` : vscode.l10n.t('$(account) {0}: sign in', host);
    this.item.tooltip = signedIn
      ? vscode.l10n.t('WorldClient RTC: signed in to {0}. Click to switch server or sign out.', serverUrl)
      : vscode.l10n.t('WorldClient RTC: not signed in to {0}. Click to sign in.', serverUrl);
    this.item.command = signedIn ? CommandIds.switchServer : CommandIds.signIn;
    this.item.accessibilityInformation = { label: this.item.tooltip };
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
