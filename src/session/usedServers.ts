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
    await this.write(() => [serverUrl, ...this.list().filter((url) => url !== serverUrl)].slice(0, MAX_KEPT));
  }

  async forget(serverUrl: string): Promise<void> {
    await this.write(() => this.list().filter((url) => url !== serverUrl));
  }

  /**
   * Writes the list and checks it stuck. VS Code's global state takes back, whole, the echo of an
   * earlier write when it arrives between an update and its flush, and then stores that: a server
   * forgotten just after a switch came back (seen in CI). The echo of the last write comes before
   * the write's answer, so once the list reads as written it stays; a few tries at most.
   */
  private async write(next: () => string[]): Promise<void> {
    for (let attempt = 0; attempt < MAX_WRITES; attempt++) {
      const wanted = next();
      await this.state.update(USED_SERVERS_KEY, wanted);
      const stored = this.list();
      if (stored.length === wanted.length && stored.every((url, index) => url === wanted[index])) {
        return;
      }
    }
  }
}

const MAX_WRITES = 3;
