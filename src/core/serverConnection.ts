import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { WorldClientApi } from '../api/client';
import { certificateChecksOff } from '../api/dispatcher';
import { ReplyBudget } from '../api/replyBudget';
import { preloadUndiciAgents } from '../api/undiciAgents';
import { parseBaseUrl } from '../api/urls';
import { errorMessage, WorldClientError } from '../api/errors';
import type { ClientHooks, Credentials, RoomObservation, ServerConfig, UrlStyle } from '../api/types';
import { affectsSettings, readProxySettings, readSettings, readTrustedCertificateFile, updateServerUrl } from './settings';
import type { RequestLog } from './requestLog';
import type { SessionStore } from './sessionStore';

export type ConnectionState = 'noServer' | 'signedOut' | 'signedIn';

/**
 * The connection at one moment: the server, the client built for it and whether a session was
 * stored for it then. It never changes, so a flow that confirmed a server writes to that one.
 */
export interface ConnectionSnapshot {
  /** '' when no server is set. */
  readonly serverUrl: string;
  readonly state: ConnectionState;
  /** The client built for serverUrl; fails with advice when no server is set. */
  api(): WorldClientApi;
  /** A separate client for serverUrl that sends the given credentials (a probe); the caller disposes it. */
  withCredentials(credentials: Credentials): WorldClientApi;
}

/**
 * Owns the API client for the configured server and rebuilds it when the settings, the
 * proxy or the trusted certificate change. Readers ask it for `api()` per action; flows that
 * write take one `current()` snapshot and check it with `still()` before every attempt.
 */
export class ServerConnection implements vscode.Disposable {
  private client: WorldClientApi | undefined;
  private clientConfig: ServerConfig | undefined;
  private clientConfigKey = '';
  private checksOff = false;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [];
  /** One for every client built here, so the replies all of them are reading stay bounded together. */
  private readonly replyBudget = new ReplyBudget();
  /**
   * Rebuilds run one at a time: a settings event and useServer() may ask at once, and two
   * interleaved rebuilds would both replace the same client.
   */
  private rebuilding: Promise<void> = Promise.resolve();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly sessions: SessionStore,
    private readonly requestLog: RequestLog,
    private readonly log: vscode.LogOutputChannel,
    /** Told what every client of a server parsed (the history records it): refresh, open, Watch, Check Rooms, Compare alike. */
    private readonly observer?: (serverUrl: string, observation: RoomObservation) => void,
  ) {
    this.disposables.push(
      this.changed,
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affectsSettings(event) || event.affectsConfiguration('http')) {
          // An event handler's rejection would go unhandled: a failed rebuild keeps the old client and says why.
          this.rebuild().catch((error: unknown) => this.log.error(`Cannot use the new connection settings: ${errorMessage(error)}`));
        }
      }),
      sessions.onDidChange((serverUrl) => {
        if (serverUrl === this.serverUrl) {
          this.changed.fire();
        }
      }),
    );
  }

  /** Builds the first client; call once after construction. */
  async initialize(): Promise<void> {
    await this.rebuild();
  }

  /** The server of the client in use (not the setting, which may be ahead of the client while it is rebuilt). */
  get serverUrl(): string {
    return this.clientConfig?.baseUrl ?? '';
  }

  get state(): ConnectionState {
    if (!this.serverUrl) {
      return 'noServer';
    }
    return this.sessions.peek(this.serverUrl) ? 'signedIn' : 'signedOut';
  }

  /** The server, its client and the state, taken together now; flows that write take one before their first prompt. */
  current(): ConnectionSnapshot {
    const { client, clientConfig } = this;
    return Object.freeze({
      serverUrl: this.serverUrl,
      state: this.state,
      api: () => client ?? noServer(),
      withCredentials: (credentials: Credentials) =>
        // A probe: it sends exactly these credentials and never stores a renewed session.
        clientConfig ? this.createClient(clientConfig, { getCredentials: () => credentials, onSessionRenewed: undefined }) : noServer(),
    });
  }

  /**
   * The current snapshot when it is still for `serverUrl`, the server a flow confirmed; otherwise
   * a refusal worded by the flow from the server it is now (nothing was sent).
   */
  still(serverUrl: string, refusal: (now: string) => string): ConnectionSnapshot {
    const now = this.current();
    if (now.serverUrl !== serverUrl) {
      throw new ServerChangedError(refusal(now.serverUrl ? shownServer(now.serverUrl) : vscode.l10n.t('no server')));
    }
    return now;
  }

  credentials(): Credentials | undefined {
    return this.serverUrl ? this.sessions.peek(this.serverUrl) : undefined;
  }

  /** True when `http.proxyStrictSSL: false` switches off the check of this server's certificate (it goes through the proxy). */
  get certificateChecksOff(): boolean {
    return this.checksOff;
  }

  /** The client for the configured server; fails with advice when no server is set. */
  api(): WorldClientApi {
    return this.client ?? noServer();
  }

  /** Points the extension at another server and waits until its client is ready. */
  async useServer(serverUrl: string): Promise<void> {
    if (serverUrl !== readSettings().serverUrl) {
      await updateServerUrl(serverUrl);
    }
    await this.rebuild();
  }

  /** A separate client for the same server in the given URL style, whatever the setting; the caller disposes it. */
  withUrlStyle(urlStyle: UrlStyle): WorldClientApi {
    this.api();
    return this.createClient({ ...(this.clientConfig as ServerConfig), urlStyle });
  }

  dispose(): void {
    void this.client?.dispose();
    this.disposables.forEach((disposable) => disposable.dispose());
  }

  private rebuild(): Promise<void> {
    this.rebuilding = this.rebuilding.then(
      () => this.rebuildNow(),
      () => this.rebuildNow(),
    );
    return this.rebuilding;
  }

  private async rebuildNow(): Promise<void> {
    const settings = readSettings();
    const config: ServerConfig | undefined = settings.serverUrl
      ? {
          baseUrl: settings.serverUrl,
          urlStyle: settings.urlStyle,
          sessionTransport: settings.sessionTransport,
          timeoutMs: settings.requestTimeoutSeconds * 1000,
          tls: { caPem: await this.readTrustedCertificate(settings.serverUrl) },
          proxy: readProxySettings(),
        }
      : undefined;
    // Settings events fire for every key under "http" too; rebuild only on a real change.
    const key = JSON.stringify(config ?? null);
    if (key === this.clientConfigKey && (this.client || !config)) {
      return;
    }
    const previous = this.client;
    if (config) {
      // The first client's first request (the Rooms view's list) would load the HTTP stack (~20 ms)
      // after SecretStorage's answer; it loads while the window answers instead.
      await Promise.all([this.sessions.load(config.baseUrl), this.client ? undefined : loadHttpStackWhileAsking()]);
    }
    this.clientConfigKey = key;
    this.clientConfig = config;
    this.client = config ? this.createClient(config) : undefined;
    this.checksOff = config !== undefined && serverChecksOff(config);
    if (this.checksOff) {
      // Once per client build: VS Code's meaning of the setting is kept, but never silently.
      this.log.warn(certificateChecksOffWarning());
    }
    void previous?.dispose();
    this.changed.fire();
  }

  private createClient(config: ServerConfig, overrides: Partial<ClientHooks> = {}): WorldClientApi {
    const serverUrl = config.baseUrl;
    return new WorldClientApi(
      config,
      {
        getCredentials: () => this.sessions.peek(serverUrl),
        onSessionRenewed: (credentials) => {
          this.log.info(`The server renewed the session of ${serverUrl}; the new one is stored.`);
          void this.sessions.save(serverUrl, credentials);
        },
        onRequest: (entry) => this.requestLog.record(entry),
        onInfo: (message) => this.log.info(message),
        onRoomObserved: (observation) => this.observer?.(serverUrl, observation),
        ...overrides,
      },
      {},
      this.replyBudget,
    );
  }

  /** Trust is per server (never a global switch): `worldclientRtc.trustedCertificates` maps a server URL to a PEM file. */
  private async readTrustedCertificate(serverUrl: string): Promise<string | undefined> {
    const file = readTrustedCertificateFile(serverUrl);
    if (!file) {
      return undefined;
    }
    try {
      return await readFile(file, 'utf8');
    } catch (error) {
      this.log.error(`Cannot read the trusted certificate for ${serverUrl} from ${file}: ${(error as Error).message}`);
      return undefined;
    }
  }
}

/** Said in the log and in Test Connection's report when the proxy setting turns certificate checks off. */
export function certificateChecksOffWarning(): string {
  const off = vscode.l10n.t('Certificate checks are off because http.proxyStrictSSL is false:');
  const risk = vscode.l10n.t(
    'the certificate of the WorldClient server is not verified either, so a machine between you and the server could read your session.',
  );
  const advice = vscode.l10n.t(
    "Prefer trusting your proxy's CA in worldclientRtc.trustedCertificates and setting http.proxyStrictSSL back to true.",
  );
  return `${off} ${risk} ${advice}`;
}

/** Thrown when the server changed after a flow confirmed one: nothing was sent, and what the flow holds is kept. */
export class ServerChangedError extends Error {
  override readonly name = 'ServerChangedError';
}

/**
 * A server as messages name it: the host as it is resolved (punycode), so a look-alike name
 * shows what the request will reach; the path prefix, if any, stays.
 */
export function shownServer(serverUrl: string): string {
  try {
    const url = new URL(serverUrl);
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return serverUrl;
  }
}

/**
 * A server where one line has little room (the Rooms view's first line): its host as resolved,
 * and when that is long its end, which names the domain; '' for no server.
 */
export function shownHost(serverUrl: string, maxChars = 40): string {
  let host: string;
  try {
    host = new URL(serverUrl).host;
  } catch {
    host = serverUrl;
  }
  return host.length <= maxChars ? host : `…${host.slice(host.length - maxChars + 1)}`;
}

/** The first line of every confirmation of a write: the server it goes to, its host as resolved. */
export function onServer(serverUrl: string): string {
  return vscode.l10n.t('Server: {0}', shownServer(serverUrl));
}

function noServer(): never {
  throw new WorldClientError('notSignedIn', vscode.l10n.t('No WorldClient server is set. Run "WorldClient RTC: Sign In" to choose one.'));
}

/**
 * Loads the HTTP stack once SecretStorage's question has left the extension host, so that its round
 * trip (longer on a desktop, where the OS keychain answers) overlaps the load. VS Code sends an
 * extension's calls to the window on a 0 ms timer and, in a remote window such as code-server's,
 * compresses them on Node's thread pool first: a load started at once would hold the question back
 * until it ended. 2 ms rather than one turn of the event loop: on a busy machine the compression can
 * miss a turn (BENCHMARKS.md, fourteenth session).
 */
async function loadHttpStackWhileAsking(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 2));
  preloadUndiciAgents();
}

function serverChecksOff(config: ServerConfig): boolean {
  try {
    return certificateChecksOff(config, parseBaseUrl(config.baseUrl));
  } catch {
    return false;
  }
}
