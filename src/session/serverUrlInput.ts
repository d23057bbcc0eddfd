import * as vscode from 'vscode';
import type { Ui } from '../ui/ui';
import { normalizeServerUrl } from '../config/settings';
import { isLoopback } from './loopback';

export { isLoopback };

/** Returns why a server URL cannot be used, or undefined when it can. */
export function validateServerUrl(value: string): string | undefined {
  const trimmed = value.trim();
  if (!trimmed) {
    return vscode.l10n.t('Enter the address of your WorldClient server, e.g. https://mail.example.com');
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return vscode.l10n.t('That is not a URL. Include the scheme, e.g. https://mail.example.com');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return vscode.l10n.t('Use an http:// or https:// address.');
  }
  if (url.username || url.password) {
    return vscode.l10n.t('Leave the user name and password out of the URL; you will be asked for them.');
  }
  if (url.search || url.hash) {
    return vscode.l10n.t('Leave out the query and fragment; only the server address is needed.');
  }
  return undefined;
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
