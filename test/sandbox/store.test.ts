import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RoomNotFoundError, RoomStore } from './store';
import { startSandbox, type StoredRoom } from './server';
import { call, messagesUrl, roomsUrl } from './testkit';

const room = (id: string, messages = 0): StoredRoom => ({
  id,
  started: '2025-01-01T00:00:00.000Z',
  ended: '',
  members: 'a@example.com',
  messages: Array.from({ length: messages }, (_, i) => ({ id: `m${i}`, salt: 'AA==', data: 'AQ==' })),
});

describe('sandbox store', () => {
  it('keeps creation order, replaces in place, and copies what it is given', () => {
    const store = new RoomStore([room('a'), room('b')]);
    const c = room('c', 1);
    store.put(c);
    c.messages.push({ id: 'outside', salt: '', data: '' });
    assert.equal(store.get('c')?.messages.length, 1);
    store.put({ ...room('a'), members: 'z@example.com' });
    assert.deepEqual(
      store.list().map((r) => r.id),
      ['a', 'b', 'c'],
    );
    assert.equal(store.get('a')?.members, 'z@example.com');
  });

  it('adds and clears messages, deletes rooms, throws RoomNotFoundError for unknown ids', () => {
    const store = new RoomStore([room('a')]);
    store.addMessages('a', [{ id: 'x', salt: 's', data: 'd' }]);
    assert.deepEqual(store.get('a')?.messages, [{ id: 'x', salt: 's', data: 'd' }]);
    store.clearMessages('a');
    assert.deepEqual(store.get('a')?.messages, []);
    assert.throws(() => store.addMessages('nope', []), RoomNotFoundError);
    assert.throws(() => store.clearMessages('nope'), RoomNotFoundError);
    assert.equal(store.delete('a'), true);
    assert.equal(store.delete('a'), false);
    assert.equal(store.list().length, 0);
  });

  it('changes made through sb.store are visible over HTTP', async () => {
    const sb = await startSandbox();
    try {
      assert.deepEqual((await call(sb, roomsUrl('path', sb.session))).body, { rooms: [] });
      sb.store.put(room('outside', 2));
      sb.store.addMessages('outside', [{ id: 'm2', salt: 'AA==', data: 'Ag==' }]);
      const res = await call(sb, messagesUrl('path', sb.session, 'outside'));
      assert.equal((res.body?.messages as unknown[]).length, 3);
      sb.store.clearMessages('outside');
      const list = await call(sb, roomsUrl('query', sb.session));
      assert.deepEqual(list.body?.rooms, [
        { id: 'outside', started: '2025-01-01T00:00:00.000Z', ended: '', members: 'a@example.com', hasMessages: false },
      ]);
    } finally {
      await sb.stop();
    }
  });
});

describe('sandbox persistence', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wc-sandbox-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('survives a restart: HTTP and direct changes are saved, the seed is not re-applied', async () => {
    const file = path.join(dir, 'nested', 'rooms.json');
    const first = await startSandbox({ persistPath: file, seed: { sample: true } });
    try {
      assert.ok(fs.existsSync(file), 'the seed is written at start');
      const put = await call(first, roomsUrl('path', first.session), { method: 'PUT', json: room('persisted', 2) });
      assert.equal(put.status, 200);
      assert.equal((await call(first, roomsUrl('query', first.session, 'weekly-standup'), { method: 'DELETE' })).status, 200);
      first.store.addMessages('persisted', [{ id: 'direct', salt: 'AA==', data: 'AA==' }]);
    } finally {
      await first.stop();
    }
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ['rooms.json'], 'no temp files left behind');

    const second = await startSandbox({ persistPath: file, seed: { rooms: 50 } });
    try {
      assert.equal(second.store.get('room-00001'), undefined);
      assert.equal(second.store.get('weekly-standup'), undefined);
      assert.equal(second.store.list().length, 12);
      const res = await call(second, messagesUrl('path', second.session, 'persisted'));
      assert.deepEqual(
        (res.body?.messages as { id: string }[]).map((m) => m.id),
        ['m0', 'm1', 'direct'],
      );
    } finally {
      await second.stop();
    }
  });

  it('refuses to start over a damaged file instead of overwriting it', async () => {
    const file = path.join(dir, 'rooms.json');
    fs.writeFileSync(file, '{"not":"rooms"}');
    await assert.rejects(startSandbox({ persistPath: file }), /not a sandbox rooms file/);
    assert.equal(fs.readFileSync(file, 'utf8'), '{"not":"rooms"}');
  });
});
