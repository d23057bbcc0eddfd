import * as vscode from 'vscode';
import type { Ui } from '../core/prompts';
import { normalizeServerUrl } from '../core/settings';
import { parseServerUrl } from '../core/settingValues';
import { isLoopback } from './loopback';
import { mixedScriptLabel } from './hostScripts';
import { shownServer } from '../core/serverConnection';

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
    vscode.l10n.t('{0} does not use HTTPS. Your password or session token would travel unencrypted.', shownServer(serverUrl)),
    { modal: true, detail: vscode.l10n.t('Prefer the https:// address of the server. Continue only on a network you trust.') },
    sendAnyway,
  );
  return choice === sendAnyway;
}

/**
 * A host name whose label mixes scripts (a Cyrillic "а" among Latin letters) reads as another
 * server: say which label, and the name the request really goes to, before anything is sent.
 */
export async function confirmLookAlikeHost(ui: Ui, serverUrl: string): Promise<boolean> {
  const label = mixedScriptLabel(serverUrl);
  if (!label) {
    return true;
  }
  const signIn = vscode.l10n.t('Sign In Anyway');
  const choice = await ui.showMessage(
    'warning',
    vscode.l10n.t(
      'The server name mixes letters of different alphabets ({0}: {1}). It goes to {2}, which may not be the server you mean.',
      label.scripts.join(' + '),
      label.label,
      shownServer(serverUrl),
    ),
    {
      modal: true,
      detail: vscode.l10n.t('Look-alike letters are a way to catch passwords. Type the address again with the letters of one alphabet.'),
    },
    signIn,
  );
  return choice === signIn;
}
