import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  LEFTOVER_REMOVAL_DELAY_MS,
  OLD_CODE_CACHE_FOLDER,
  removeOldCodeCache,
  scheduleOldCodeCacheRemoval,
  type Scheduler,
} from '../../src/leftovers';

describe('the old code cache in global storage', () => {
  let storage: string;
  beforeEach(() => {
    storage = fs.mkdtempSync(path.join(os.tmpdir(), 'wcrtc-leftovers-'));
  });
  afterEach(() => {
    fs.chmodSync(storage, 0o700);
    fs.rmSync(storage, { recursive: true, force: true });
  });

  function writeOldCache(): string {
    const folder = path.join(storage, OLD_CODE_CACHE_FOLDER);
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, '0123abcd-150000-1700000000000-v8-12.4.254.21-node.33.v8cache'), randomBytes(100_000));
    fs.writeFileSync(path.join(folder, 'x.v8cache.123.tmp'), '');
    return folder;
  }

  it('is removed with everything in it, and nothing else in global storage is touched', async () => {
    const folder = writeOldCache();
    fs.mkdirSync(path.join(storage, 'deleted'));
    fs.writeFileSync(path.join(storage, 'deleted', 'a.info.json'), '{}');
    await removeOldCodeCache(storage);
    assert.equal(fs.existsSync(folder), false);
    assert.deepEqual(fs.readdirSync(storage), ['deleted']);
    assert.deepEqual(fs.readdirSync(path.join(storage, 'deleted')), ['a.info.json']);
  });

  it('is no error when it is not there, or cannot be removed', async () => {
    await removeOldCodeCache(path.join(storage, 'never-created'));
    const folder = writeOldCache();
    if (process.getuid?.() !== 0) {
      // root ignores permissions; elsewhere this is a folder the user may not change.
      fs.chmodSync(storage, 0o500);
      await removeOldCodeCache(storage);
      assert.equal(fs.existsSync(folder), true);
    }
  });

  it('is removed when its time comes, after the delay, and not when disposed before', async () => {
    const folder = writeOldCache();
    const scheduled: { work: () => void; delayMs: number; disposed: boolean }[] = [];
    const schedule: Scheduler = (work, delayMs) => {
      const entry = { work, delayMs, disposed: false };
      scheduled.push(entry);
      return { dispose: () => (entry.disposed = true) };
    };
    scheduleOldCodeCacheRemoval(storage, schedule).dispose();
    assert.deepEqual(
      scheduled.map(({ delayMs, disposed }) => ({ delayMs, disposed })),
      [{ delayMs: LEFTOVER_REMOVAL_DELAY_MS, disposed: true }],
    );
    assert.equal(fs.existsSync(folder), true, 'nothing runs before its time');
    scheduleOldCodeCacheRemoval(storage, schedule);
    scheduled[1].work();
    const deadline = Date.now() + 5_000;
    while (fs.existsSync(folder)) {
      assert.ok(Date.now() < deadline, 'the folder is removed');
      await new Promise((resolve) => setImmediate(resolve));
    }
  });
});
