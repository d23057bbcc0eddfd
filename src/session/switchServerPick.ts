import * as vscode from 'vscode';
import type { Ui } from '../core/prompts';
import { shownServer, type ServerConnection } from '../core/serverConnection';
import type { SessionStore } from '../core/sessionStore';
import type { UsedServers } from './usedServers';

export type SwitchAction = 'switch' | 'test' | 'signOut' | 'use';

export interface SwitchItem extends vscode.QuickPickItem {
  action?: SwitchAction;
  serverUrl?: string;
}

/** The Switch Server deps this module reads. */
export interface SwitchPickDeps {
  ui: Ui;
  connection: ServerConnection;
  sessions: SessionStore;
  usedServers: UsedServers;
}

/**
 * Shows Switch Server's pick: the actions, then every server used before with its sign-in state
 * (never a secret). A server forgotten with its item's button is gone when the pick shows again.
 * Returns the action chosen, or undefined when the user closed it.
 */
export async function pickSwitchAction(deps: SwitchPickDeps): Promise<SwitchItem | undefined> {
  const { ui, connection } = deps;
  for (;;) {
    const current = connection.current();
    const items: SwitchItem[] = [
      { label: vscode.l10n.t('$(server) Switch to another server…'), action: 'switch' },
      { label: vscode.l10n.t('$(pulse) Test connection'), action: 'test' },
      { label: vscode.l10n.t('$(sign-out) Sign out'), action: 'signOut' },
      ...(await usedServerItems(deps, current.serverUrl)),
    ];
    const title = current.serverUrl
      ? vscode.l10n.t('WorldClient RTC — {0} ({1})', current.serverUrl, stateWords(current.state === 'signedIn' ? 'signedIn' : 'signedOut'))
      : vscode.l10n.t('WorldClient RTC — no server');
    const picked = await ui.showQuickPickWithButtons(items, { title });
    if (!picked?.button || !picked.item.serverUrl) {
      return picked?.item;
    }
    await forgetServer(deps, picked.item.serverUrl);
  }
}

async function usedServerItems(deps: SwitchPickDeps, currentUrl: string): Promise<SwitchItem[]> {
  const others = deps.usedServers.list().filter((url) => url !== currentUrl);
  if (others.length === 0) {
    return [];
  }
  const forget = { iconPath: new vscode.ThemeIcon('trash'), tooltip: vscode.l10n.t('Forget this server') };
  const items: SwitchItem[] = [];
  for (const serverUrl of others) {
    // Whether a session is stored, read once; its value never leaves the store.
    const remembered = (await deps.sessions.load(serverUrl)) !== undefined;
    const description = stateWords(remembered ? 'remembered' : 'signedOut');
    items.push({ label: serverUrl, iconPath: new vscode.ThemeIcon('server'), description, action: 'use', serverUrl, buttons: [forget] });
  }
  return [{ label: vscode.l10n.t('Servers used before'), kind: vscode.QuickPickItemKind.Separator }, ...items];
}

function stateWords(state: 'signedIn' | 'remembered' | 'signedOut'): string {
  switch (state) {
    case 'signedIn':
      return vscode.l10n.t('signed in');
    case 'remembered':
      return vscode.l10n.t('signed in, session remembered');
    default:
      return vscode.l10n.t('signed out');
  }
}

/** Deletes the server's stored session on this computer and drops it from the list, after the user confirms. */
async function forgetServer(deps: SwitchPickDeps, serverUrl: string): Promise<void> {
  const { ui, sessions, usedServers } = deps;
  const forget = vscode.l10n.t('Forget');
  const choice = await ui.showMessage(
    'warning',
    vscode.l10n.t('Forget {0}?', shownServer(serverUrl)),
    {
      modal: true,
      detail: vscode.l10n.t(
        'Its stored session is deleted from this computer (the server is not told) and it leaves the list. Type its URL to use it again.',
      ),
    },
    forget,
  );
  if (choice !== forget) {
    return;
  }
  await sessions.remove(serverUrl);
  await usedServers.forget(serverUrl);
  void ui.showMessage('info', vscode.l10n.t('Forgot {0}: its session is deleted.', shownServer(serverUrl)), {});
}
