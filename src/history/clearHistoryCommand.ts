import * as vscode from 'vscode';
import type { HistoryRecorder } from '../core/history/historyRecorder';
import type { Ui } from '../core/prompts';
import { shownServer } from '../core/serverConnection';

/** "Clear History…": pick one of the servers that have a recorded history and delete it. Returns the server cleared. */
export async function clearHistory(ui: Ui, history: HistoryRecorder, currentServer: string): Promise<string | undefined> {
  const servers = await history.serversWithHistory();
  if (servers.length === 0) {
    void ui.showMessage('info', vscode.l10n.t('No message history is recorded.'), {});
    return undefined;
  }
  const items = servers.map((serverUrl) => ({
    label: shownServer(serverUrl),
    description: serverUrl === currentServer ? vscode.l10n.t('current server') : undefined,
    serverUrl,
  }));
  const picked = await ui.showQuickPick(items, { title: vscode.l10n.t('Clear the message history of which server?') });
  if (!picked) {
    return undefined;
  }
  await history.clear(picked.serverUrl);
  void ui.showMessage('info', vscode.l10n.t('The message history of {0} is cleared.', shownServer(picked.serverUrl)), {});
  return picked.serverUrl;
}
