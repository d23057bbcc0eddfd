import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Room } from '../../../src/api/types';
import { SNAPSHOT_RETENTION_MS, SnapshotStore } from '../../../src/snapshots/snapshotStore';

const ROOM: Room = { id: '../../etc/passwd', started: '', ended: '', members: '', hasMessages: true, messages: [{ id: 'm', salt: 's', data: 'd' }] };

describe('SnapshotStore', () => {
  let directory: string;
  let now: number;
  beforeEach(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'wcrtc-snap-'));
    now = Date.parse('2026-11-24T00:00:00Z');
  });
  afterEach(() => fs.rmSync(directory, { recursive: true, force: true }));

  it('saves, lists newest first per server, loads and removes', async () => {
    const store = new SnapshotStore(directory, () => now);
    const first = await store.save('http://a', ROOM, 'deleteRoom');
    now += 1000;
    const second = await store.save('http://a', { ...ROOM, id: 'r2' }, 'deleteMessages');
    await store.save('http://b', ROOM, 'deleteRoom');
    assert.deepEqual((await store.list('http://a')).map((info) => info.snapshotId), [second.snapshotId, first.snapshotId]);
    assert.deepEqual(await store.load(first.snapshotId), ROOM);
    assert.equal(first.messageCount, 1);
    await store.remove(first.snapshotId);
    assert.equal(await store.load(first.snapshotId), undefined);
    assert.ok(fs.readdirSync(directory).every((name) => !name.includes('passwd')), 'room ids never become file names');
  });

  it('forgets snapshots older than seven days', async () => {
    const store = new SnapshotStore(directory, () => now);
    await store.save('http://a', ROOM, 'deleteRoom');
    now += SNAPSHOT_RETENTION_MS + 1;
    assert.deepEqual(await store.list(), []);
    assert.deepEqual(fs.readdirSync(directory), []);
  });
});
