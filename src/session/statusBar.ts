import * as vscode from 'vscode';
import { CommandIds } from '../core/commandIds';
import { describeServerUrlProblem, readSettings } from '../core/settings';
import type { ServerConnection } from '../core/serverConnection';

/** Shows which server the extension talks to and whether it is signed in; a click offers the next step. */
export class ConnectionStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('worldclientRtc.status', vscode.StatusBarAlignment.Left, 50);
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly connection: ServerConnection) {
    this.item.name = 'WorldClient RTC';
    this.subscriptions = [
      connection.onDidChange(() => this.render()),
      // From one unusable URL to another (or to none) no client changes, so the connection stays quiet.
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('worldclientRtc.serverUrl')) {
          this.render();
        }
      }),
    ];
    this.render();
  }

  render(): void {
    const { state, serverUrl } = this.connection;
    if (state === 'noServer') {
      this.renderNoServer();
      return;
    }
    const host = hostOf(serverUrl);
    const signedIn = state === 'signedIn';
    this.item.text = signedIn ? `$(comment-discussion) ${host}` : vscode.l10n.t('$(account) {0}: sign in', host);
    this.item.tooltip = signedIn
      ? vscode.l10n.t('WorldClient RTC: signed in to {0}. Click to switch server or sign out.', serverUrl)
      : vscode.l10n.t('WorldClient RTC: not signed in to {0}. Click to sign in.', serverUrl);
    this.item.command = signedIn ? CommandIds.switchServer : CommandIds.signIn;
    this.item.accessibilityInformation = { label: this.item.tooltip };
    this.item.show();
  }

  /** Hidden until a server is set, except when the one in settings cannot be used: then it says so and opens the setting. */
  private renderNoServer(): void {
    const problem = readSettings().serverUrlProblem?.problem;
    if (!problem) {
      this.item.hide();
      return;
    }
    this.item.text = vscode.l10n.t('$(warning) WorldClient RTC: server URL not usable');
    this.item.tooltip = vscode.l10n.t('The server URL in settings is not usable: {0} Click to fix it.', describeServerUrlProblem(problem));
    this.item.command = { title: this.item.tooltip, command: 'workbench.action.openSettings', arguments: ['worldclientRtc.serverUrl'] };
    this.item.accessibilityInformation = { label: this.item.tooltip };
    this.item.show();
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.item.dispose();
  }
}

/** The host to show; the settings only let a parseable URL through, but the status bar must never throw. */
function hostOf(serverUrl: string): string {
  try {
    return new URL(serverUrl).host;
  } catch {
    return serverUrl;
  }
}
