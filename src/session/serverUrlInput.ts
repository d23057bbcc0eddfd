import type { Ui } from '../ui/ui';
import { normalizeServerUrl } from '../config/settings';

/** Returns why a server URL cannot be used, or undefined when it can. */
export function validateServerUrl(value: string): string | undefined {
  const trimmed = value.trim();
  if (!trimmed) {
    return 'Enter the address of your WorldClient server, e.g. https://mail.example.com';
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return 'That is not a URL. Include the scheme, e.g. https://mail.example.com';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return 'Use an http:// or https:// address.';
  }
  if (url.username || url.password) {
    return 'Leave the user name and password out of the URL; you will be asked for them.';
  }
  if (url.search || url.hash) {
    return 'Leave out the query and fragment; only the server address is needed.';
  }
  return undefined;
}

export function isLoopback(serverUrl: string): boolean {
  const host = new URL(serverUrl).hostname;
  return host === 'localhost' || host === '[::1]' || /^127\./.test(host);
}

export async function askServerUrl(ui: Ui, current: string): Promise<string | undefined> {
  const value = await ui.showInputBox({
    title: 'WorldClient server',
    prompt: 'The address of the WorldClient (MDaemon Webmail) server; /WorldClientAPI is added for you.',
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
  const choice = await ui.showMessage(
    'warning',
    `${serverUrl} does not use HTTPS. Your password or session token would travel unencrypted.`,
    { modal: true, detail: 'Prefer the https:// address of the server. Continue only on a network you trust.' },
    'Send Anyway',
  );
  return choice === 'Send Anyway';
}
