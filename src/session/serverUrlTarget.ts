import * as vscode from 'vscode';
import { normalizeServerUrl } from '../core/settings';
import type { Ui } from '../core/prompts';
import { shownServer } from '../core/serverConnection';

/** The most specific settings scope that holds `worldclientRtc.serverUrl`, i.e. the one in effect. */
export interface ServerUrlScope {
  target: vscode.ConfigurationTarget;
  /** How the user knows this scope, for messages. */
  name: string;
  value: string | undefined;
}

export function effectiveServerUrlScope(): ServerUrlScope {
  const inspected = vscode.workspace.getConfiguration('worldclientRtc').inspect<string>('serverUrl');
  if (inspected?.workspaceFolderValue !== undefined) {
    return {
      target: vscode.ConfigurationTarget.WorkspaceFolder,
      name: vscode.l10n.t('the folder settings'),
      value: inspected.workspaceFolderValue,
    };
  }
  if (inspected?.workspaceValue !== undefined) {
    return { target: vscode.ConfigurationTarget.Workspace, name: vscode.l10n.t('the workspace settings'), value: inspected.workspaceValue };
  }
  return { target: vscode.ConfigurationTarget.Global, name: vscode.l10n.t('your user settings'), value: inspected?.globalValue };
}

/**
 * Writes the server URL where it takes effect. A workspace (or folder) value overrides the user
 * setting — `npm start` writes one — so writing the user setting alone would change nothing and
 * say nothing. When such a value exists the user is told which scope overrides, and the URL goes
 * there only if they agree. Returns false (after saying so) when nothing was changed.
 */
export async function writeServerUrlWhereItTakesEffect(ui: Ui, serverUrl: string): Promise<boolean> {
  const scope = effectiveServerUrlScope();
  if (scope.target !== vscode.ConfigurationTarget.Global && normalizeServerUrl(scope.value ?? '') !== serverUrl) {
    const change = vscode.l10n.t('Change It There');
    const choice = await ui.showMessage(
      'warning',
      vscode.l10n.t('The server URL is set in {0} ({1}), which override your user settings.', scope.name, shownServer(scope.value ?? '')),
      { modal: true, detail: vscode.l10n.t('Change it there to {0}?', shownServer(serverUrl)) },
      change,
    );
    if (choice !== change) {
      const kept = vscode.l10n.t('The server was not switched: it stays {0}, as set in {1}.', shownServer(scope.value ?? ''), scope.name);
      void ui.showMessage('info', kept, {});
      return false;
    }
  }
  await vscode.workspace.getConfiguration('worldclientRtc').update('serverUrl', serverUrl, scope.target);
  return true;
}
