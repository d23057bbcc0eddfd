import type { Credentials } from '../api/types';
import { Emitter, type Disposable, type Event } from './events';

/** The part of VS Code's SecretStorage the store uses; unit tests pass one in memory. */
export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
  readonly onDidChange: Event<{ readonly key: string }>;
}

const KEY_PREFIX = 'worldclientRtc.session:';

/** The SecretStorage key of a server's session. */
export function sessionSecretKey(serverUrl: string): string {
  return KEY_PREFIX + serverUrl;
}

/**
 * Sessions live in SecretStorage only, one entry per server URL, so several servers keep
 * their own. A synchronous cache lets the API client read credentials on every request;
 * SecretStorage's change event keeps the cache (and other windows) in step.
 */
export class SessionStore implements Disposable {
  private readonly cache = new Map<string, Credentials | undefined>();
  private readonly changed = new Emitter<string>();
  private readonly subscription: Disposable;
  /** Secret operations run one after another, so a re-read for an old change never overtakes a newer write. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Changes SecretStorage announced whose value is still being read: load() waits for them. */
  private readonly rereads = new Map<string, Promise<void>>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly secrets: SecretStore) {
    this.subscription = secrets.onDidChange(async (event) => {
      if (!event.key.startsWith(KEY_PREFIX)) {
        return;
      }
      const serverUrl = event.key.slice(KEY_PREFIX.length);
      const reread = this.reread(serverUrl);
      this.rereads.set(serverUrl, reread);
      await reread;
      if (this.rereads.get(serverUrl) === reread) {
        this.rereads.delete(serverUrl);
      }
    });
  }

  /**
   * Loads (once) and returns the credentials of a server. A change announced for it and not yet read
   * (another window signed out, or a test's server reuses an earlier one's URL) is waited for, so a
   * switch to that server never starts with the session that was just removed.
   */
  async load(serverUrl: string): Promise<Credentials | undefined> {
    await this.rereads.get(serverUrl);
    if (!this.cache.has(serverUrl)) {
      this.cache.set(serverUrl, await this.enqueue(() => this.read(serverUrl)));
    }
    return this.cache.get(serverUrl);
  }

  /** The cached credentials; undefined until load() ran or when signed out. */
  peek(serverUrl: string): Credentials | undefined {
    return this.cache.get(serverUrl);
  }

  async save(serverUrl: string, credentials: Credentials): Promise<void> {
    this.cache.set(serverUrl, credentials);
    await this.enqueue(() => this.secrets.store(sessionSecretKey(serverUrl), JSON.stringify(credentials)));
    this.cache.set(serverUrl, credentials);
    this.changed.fire(serverUrl);
  }

  async remove(serverUrl: string): Promise<void> {
    this.cache.set(serverUrl, undefined);
    await this.enqueue(() => this.secrets.delete(sessionSecretKey(serverUrl)));
    this.cache.set(serverUrl, undefined);
    this.changed.fire(serverUrl);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private async reread(serverUrl: string): Promise<void> {
    const before = this.cache.get(serverUrl);
    const after = await this.enqueue(() => this.read(serverUrl));
    this.cache.set(serverUrl, after);
    if (before?.session !== after?.session || before?.csrfToken !== after?.csrfToken) {
      this.changed.fire(serverUrl);
    }
  }

  private enqueue<T>(operation: () => PromiseLike<T>): Promise<T> {
    const result = this.queue.then(operation, operation);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async read(serverUrl: string): Promise<Credentials | undefined> {
    const raw = await this.secrets.get(sessionSecretKey(serverUrl));
    if (!raw) {
      return undefined;
    }
    try {
      const parsed = JSON.parse(raw) as Partial<Credentials>;
      return typeof parsed.session === 'string' && parsed.session
        ? { session: parsed.session, csrfToken: typeof parsed.csrfToken === 'string' ? parsed.csrfToken : undefined }
        : undefined;
    } catch {
      return undefined;
    }
  }
}
