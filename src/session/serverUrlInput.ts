import * as vscode from 'vscode';
import type { Ui } from '../core/prompts';
import { normalizeServerUrl } from '../core/settings';
import { parseServerUrl } from '../core/settingValues';
import { isLoopback } from './loopback';

export { isLoopback };

/** Returns why a server URL cannot be used, or undefined when it can. Accepts what the setting accepts (no scheme means https). */
export function validateServerUrl(value: string): string | undefined {
  if (!value.trim()) {
    return vscode.l10n.t('Enter the address of your WorldClient server, e.g. https://mail.example.com');
  }
  const parsed = parseServerUrl(value);
  if (parsed.ok) {
    return undefined;
  }
  switch (parsed.problem) {
    case 'scheme':
      return vscode.l10n.t('Use an http:// or https:// address.');
    case 'credentials':
      return vscode.l10n.t('Leave the user name and password out of the URL; you will be asked for them.');
    case 'queryOrFragment':
      return vscode.l10n.t('Leave out the query and fragment; only the server address is needed.');
    default:
      return vscode.l10n.t('That is not a URL. Enter the address of the server, e.g. https://mail.example.com');
  }
}

export async function askServerUrl(ui: Ui, current: string): Promise<string | undefined> {
  const value = await ui.showInputBox({
    title: vscode.l10n.t('WorldClient server'),
    prompt: vscode.l10n.t('The address of the WorldClient (MDaemon Webmail) server; /WorldClientAPI is added for you.'),
    placeHolder: 'https://mail.example.com',
    value: current,
    validateInput: validateServerUrl,
  });
  return value === undefined ? undefined : normalizeServerUrl(value);
}

/**
 * Credentials sent over plain http can be read on the way; loopback is exempt because
 * the traffic never leaves the machine (the sandbox server, a local tunnel).
 */
export async function confirmInsecureServer(ui: Ui, serverUrl: string): Promise<boolean> {
  if (new URL(serverUrl).protocol !== 'http:' || isLoopback(serverUrl)) {
    return true;
  }
  const sendAnyway = vscode.l10n.t('Send Anyway');
  const choice = await ui.showMessage(
    'warning',
    vscode.l10n.t('{0} does not use HTTPS. Your password or session token would travel unencrypted.', serverUrl),
    { modal: true, detail: vscode.l10n.t('Prefer the https:// address of the server. Continue only on a network you trust.') },
    sendAnyway,
  );
  return choice === sendAnyway;
}
