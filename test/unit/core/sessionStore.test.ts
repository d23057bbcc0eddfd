import * as assert from 'node:assert/strict';
import { Emitter } from '../../../src/core/events';
import { SessionStore, type SecretStore } from '../../../src/core/sessionStore';

/** SecretStorage in memory; `changeElsewhere` is what another window's write looks like here. */
class MemorySecrets implements SecretStore {
  readonly values = new Map<string, string>();
  private readonly changed = new Emitter<{ key: string }>();
  readonly onDidChange = this.changed.event;
  async get(key: string): Promise<string | undefined> {
    return this.values.get(key);
  }
  async store(key: string, value: string): Promise<void> {
    this.values.set(key, value);
    this.changed.fire({ key });
  }
  async delete(key: string): Promise<void> {
    this.values.delete(key);
    this.changed.fire({ key });
  }
  changeElsewhere(key: string, value: string | undefined): void {
    if (value === undefined) {
      this.values.delete(key);
    } else {
      this.values.set(key, value);
    }
    this.changed.fire({ key });
  }
}

const KEY = 'worldclientRtc.session:https://a.example';
const SERVER = 'https://a.example';
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('SessionStore', () => {
  it('keeps one session per server, in SecretStorage only, and says when one changes', async () => {
    const secrets = new MemorySecrets();
    const store = new SessionStore(secrets);
    const changes: string[] = [];
    store.onDidChange((serverUrl) => changes.push(serverUrl));
    assert.equal(await store.load(SERVER), undefined);
    await store.save(SERVER, { session: 's1', csrfToken: 't1' });
    assert.deepEqual(store.peek(SERVER), { session: 's1', csrfToken: 't1' });
    assert.deepEqual(JSON.parse(secrets.values.get(KEY) ?? ''), { session: 's1', csrfToken: 't1' });
    assert.equal(store.peek('https://b.example'), undefined);
    await store.remove(SERVER);
    await settle();
    assert.equal(store.peek(SERVER), undefined);
    assert.equal(secrets.values.has(KEY), false);
    assert.ok(changes.length >= 2 && changes.every((serverUrl) => serverUrl === SERVER));
    store.dispose();
  });

  it("follows a sign-in or sign-out in another window, and ignores other extensions' keys", async () => {
    const secrets = new MemorySecrets();
    const store = new SessionStore(secrets);
    await store.load(SERVER);
    const changes: string[] = [];
    store.onDidChange((serverUrl) => changes.push(serverUrl));
    secrets.changeElsewhere('someone.else:key', 'x');
    secrets.changeElsewhere(KEY, JSON.stringify({ session: 'from-elsewhere' }));
    await settle();
    assert.deepEqual(store.peek(SERVER), { session: 'from-elsewhere', csrfToken: undefined });
    assert.deepEqual(changes, [SERVER]);
    secrets.changeElsewhere(KEY, undefined);
    await settle();
    assert.equal(store.peek(SERVER), undefined);
    assert.deepEqual(changes, [SERVER, SERVER]);
    store.dispose();
  });

  it('load() right after a removal elsewhere is announced returns no session, not the one cached before', async () => {
    const secrets = new MemorySecrets();
    secrets.values.set(KEY, JSON.stringify({ session: 'stale' }));
    const store = new SessionStore(secrets);
    assert.equal((await store.load(SERVER))?.session, 'stale');
    // The removal is announced; its value is read a moment later (SecretStorage answers asynchronously).
    secrets.changeElsewhere(KEY, undefined);
    assert.equal(await store.load(SERVER), undefined);
    store.dispose();
  });

  it('reads a damaged or empty stored session as signed out', async () => {
    for (const raw of ['{not json', '{"session":""}', '{"session":42}', '[]']) {
      const secrets = new MemorySecrets();
      secrets.values.set(KEY, raw);
      assert.equal(await new SessionStore(secrets).load(SERVER), undefined, raw);
    }
  });
});
