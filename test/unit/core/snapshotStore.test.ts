import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Room } from '../../../src/api/types';
import {
  LEFTOVER_GRACE_MS,
  MAX_INFO_FILE_BYTES,
  MAX_ROOM_FILE_BYTES,
  SNAPSHOT_RETENTION_MS,
  SnapshotStore,
} from '../../../src/core/snapshotStore';

const ROOM: Room = {
  id: '../../etc/passwd',
  started: '',
  ended: '',
  members: '',
  hasMessages: true,
  messages: [{ id: 'm', salt: 's', data: 'd' }],
};

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
    assert.deepEqual(
      (await store.list('http://a')).map((info) => info.snapshotId),
      [second.snapshotId, first.snapshotId],
    );
    assert.deepEqual(await store.load(first.snapshotId), ROOM);
    assert.equal(first.messageCount, 1);
    await store.remove(first.snapshotId);
    assert.equal(await store.load(first.snapshotId), undefined);
    assert.ok(
      fs.readdirSync(directory).every((name) => !name.includes('passwd')),
      'room ids never become file names',
    );
  });

  it('forgets snapshots older than seven days', async () => {
    const store = new SnapshotStore(directory, () => now);
    await store.save('http://a', ROOM, 'deleteRoom');
    now += SNAPSHOT_RETENTION_MS + 1;
    assert.deepEqual(await store.list(), []);
    assert.deepEqual(fs.readdirSync(directory), []);
  });

  it('removes a room file orphaned by a crash between the two writes, once it is clearly a leftover', async () => {
    const store = new SnapshotStore(directory, () => now);
    const kept = await store.save('http://a', ROOM, 'deleteRoom');
    const orphan = path.join(directory, 'crashed.room.json');
    fs.writeFileSync(orphan, JSON.stringify(ROOM));
    const young = path.join(directory, 'saving-elsewhere.room.json');
    fs.writeFileSync(young, JSON.stringify(ROOM));
    const old = new Date(now - LEFTOVER_GRACE_MS - 1000);
    fs.utimesSync(orphan, old, old);
    fs.utimesSync(young, new Date(now), new Date(now));
    assert.deepEqual(
      (await store.list()).map((info) => info.snapshotId),
      [kept.snapshotId],
    );
    assert.equal(fs.existsSync(orphan), false, 'the orphan is gone');
    assert.equal(fs.existsSync(young), true, 'a save that may still be under way is left alone');
    assert.ok(await store.load(kept.snapshotId), 'complete snapshots are untouched');
  });

  it('removes info files whose date cannot be read, or that cannot be read at all, with their room files', async () => {
    const store = new SnapshotStore(directory, () => now);
    const undated = await store.save('http://a', ROOM, 'deleteRoom');
    const infoFile = path.join(directory, `${undated.snapshotId}.info.json`);
    fs.writeFileSync(infoFile, JSON.stringify({ ...undated, savedAt: 'yesterday-ish' }));
    fs.writeFileSync(path.join(directory, 'garbled.info.json'), '{ not json');
    fs.writeFileSync(path.join(directory, 'garbled.room.json'), JSON.stringify(ROOM));
    assert.deepEqual(await store.list(), []);
    assert.deepEqual(fs.readdirSync(directory), []);
  });

  it('removes temporary files left by an interrupted write', async () => {
    const store = new SnapshotStore(directory, () => now);
    const temporary = path.join(directory, 'abc.room.json.1234.tmp');
    fs.writeFileSync(temporary, '{"half":');
    const old = new Date(now - LEFTOVER_GRACE_MS - 1000);
    fs.utimesSync(temporary, old, old);
    await store.list();
    assert.deepEqual(fs.readdirSync(directory), []);
  });

  it('skips damaged, foreign and oversized files without reading them whole, and says so in the log', async () => {
    const warnings: string[] = [];
    const store = new SnapshotStore(
      directory,
      () => now,
      SNAPSHOT_RETENTION_MS,
      (message) => warnings.push(message),
    );
    const kept = await store.save('http://a', ROOM, 'deleteRoom');
    const write = (name: string, content: string | Buffer) => fs.writeFileSync(path.join(directory, name), content);
    // Valid JSON of the wrong shape: a list that showed it would break on its fields.
    write('shaped.info.json', JSON.stringify({ snapshotId: 'shaped', savedAt: new Date(now).toISOString(), roomId: 7, serverUrl: null }));
    write('null.info.json', 'null');
    write('binary.info.json', Buffer.from([0xff, 0xfe, 0x00, 0x7b]));
    // Sparse: as large as it says without filling the disk; a read of it would hold 128 MiB and more.
    fs.closeSync(fs.openSync(path.join(directory, 'huge.info.json'), 'w'));
    fs.truncateSync(path.join(directory, 'huge.info.json'), MAX_INFO_FILE_BYTES + 1);
    assert.deepEqual(
      (await store.list()).map((info) => info.snapshotId),
      [kept.snapshotId],
    );
    assert.equal(warnings.length, 4, warnings.join('\n'));
    assert.ok(warnings.some((warning) => /huge\.info\.json is 65537 bytes/.test(warning)));

    warnings.length = 0;
    const roomFile = path.join(directory, `${kept.snapshotId}.room.json`);
    for (const content of ['{"id": "r", "messages": [', '[1, 2, 3]', '{"id": 5, "messages": []}', '"a room"']) {
      fs.writeFileSync(roomFile, content);
      assert.equal(await store.load(kept.snapshotId), undefined, content);
    }
    fs.truncateSync(roomFile, MAX_ROOM_FILE_BYTES + 1);
    assert.equal(await store.load(kept.snapshotId), undefined, 'too large to be ours');
    assert.equal(await store.load('no-such-snapshot'), undefined);
    assert.equal(warnings.length, 5, warnings.join('\n'));
  });
});
