import type * as vscode from 'vscode';

/** The globalState key; its value is a list of server URLs, never a session (those stay in SecretStorage). */
export const USED_SERVERS_KEY = 'worldclientRtc.usedServers';
/** Enough for anyone's servers; the oldest drop off. */
const MAX_KEPT = 20;

/** The servers this extension was pointed at, newest first, so Switch Server can offer them instead of a typed URL. */
export class UsedServers {
  constructor(private readonly state: vscode.Memento) {}

  list(): string[] {
    const stored = this.state.get<unknown>(USED_SERVERS_KEY);
    return Array.isArray(stored) ? stored.filter((url): url is string => typeof url === 'string' && url.length > 0) : [];
  }

  async remember(serverUrl: string): Promise<void> {
    const known = this.list();
    if (!serverUrl || known[0] === serverUrl) {
      return;
    }
    await this.state.update(USED_SERVERS_KEY, [serverUrl, ...known.filter((url) => url !== serverUrl)].slice(0, MAX_KEPT));
  }

  async forget(serverUrl: string): Promise<void> {
    await this.state.update(
      USED_SERVERS_KEY,
      this.list().filter((url) => url !== serverUrl),
    );
  }
}
