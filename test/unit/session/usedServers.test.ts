import * as assert from 'node:assert/strict';
import type { Memento } from 'vscode';
import { USED_SERVERS_KEY, UsedServers } from '../../../src/session/usedServers';

/** globalState as a map: what the list writes is what a later window reads. */
function memoryState(initial: Record<string, unknown> = {}): Memento & { values: Map<string, unknown> } {
  const values = new Map(Object.entries(initial));
  return {
    values,
    keys: () => [...values.keys()],
    get: <T>(key: string, fallback?: T) => (values.has(key) ? (values.get(key) as T) : fallback),
    update: async (key: string, value: unknown) => void values.set(key, value),
  } as Memento & { values: Map<string, unknown> };
}

describe('UsedServers (Switch Server’s list)', () => {
  it('keeps URLs newest first, once each, at most 20', async () => {
    const state = memoryState();
    const used = new UsedServers(state);
    for (let port = 1; port <= 25; port++) {
      await used.remember(`http://127.0.0.1:${port}`);
    }
    await used.remember('http://127.0.0.1:10');
    const list = used.list();
    assert.equal(list.length, 20);
    assert.equal(list[0], 'http://127.0.0.1:10');
    assert.equal(list[1], 'http://127.0.0.1:25');
    assert.equal(new Set(list).size, 20, 'no URL twice');
    assert.ok(!list.includes('http://127.0.0.1:1'), 'the oldest dropped off');
  });

  it('forgets one, ignores no server, and reads a damaged value as an empty list', async () => {
    const used = new UsedServers(memoryState({ [USED_SERVERS_KEY]: ['https://a.example', 42, '', 'https://b.example'] }));
    assert.deepEqual(used.list(), ['https://a.example', 'https://b.example']);
    await used.remember('');
    await used.forget('https://a.example');
    assert.deepEqual(used.list(), ['https://b.example']);
    assert.deepEqual(new UsedServers(memoryState({ [USED_SERVERS_KEY]: 'not a list' })).list(), []);
  });

  it('writes again when the echo of an earlier write takes its value back (a forgotten server stays forgotten)', async () => {
    // VS Code's globalState: update() changes the value at once and flushes it on the next turn; the
    // window stores it and echoes it back, replacing the whole value, before it answers the update.
    const values = new Map<string, unknown>();
    let stored: unknown;
    const state = {
      keys: () => [...values.keys()],
      get: <T>(key: string, fallback?: T) => (values.has(key) ? (values.get(key) as T) : fallback),
      update: (key: string, value: unknown) => {
        values.set(key, value);
        return new Promise<void>((resolve) =>
          setImmediate(() => {
            const sent = values.get(key);
            setImmediate(() => {
              stored = sent;
              values.set(key, sent);
              resolve();
            });
          }),
        );
      },
    } as Memento;
    const used = new UsedServers(state);
    await used.remember('https://c.example');
    // A switch remembers its server without waiting; a forget comes after that write's flush, before its echo.
    const remembered = used.remember('https://s.example');
    await new Promise((resolve) => setImmediate(resolve));
    await used.forget('https://c.example');
    await remembered;
    assert.deepEqual(used.list(), ['https://s.example']);
    assert.deepEqual(stored, ['https://s.example'], 'what is stored, too');
  });
});
