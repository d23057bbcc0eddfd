import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The compiled loader (out/src/bootstrap/codeCache.js), as dist/extension.js bundles it. */
const loaderModule = path.join(__dirname, '..', '..', '..', 'src', 'bootstrap', 'codeCache.js');

/** A CommonJS module that uses what Node's loader gives every module. Line 6 throws. */
const FIXTURE = [
  "const path = require('node:path');",
  "const helper = require('./helper.js');",
  'exports.where = () => [__filename, __dirname, path.basename(__filename)];',
  'exports.thisIsExports = this === module.exports;',
  'exports.helper = helper;',
  "exports.fail = () => { throw new Error('boom'); };",
  'exports.sum = (n) => { let total = 0; for (let i = 0; i < n; i++) total += i; return total; };',
].join('\n');

interface ChildLoad {
  cacheUse: string;
  saved: boolean;
  where: string[];
  thisIsExports: boolean;
  helper: string;
  failsAt: string;
  sum: number;
}

/**
 * One load in a fresh Node process, as each start of the extension host is one: V8 can only
 * take a code cache made by another process from the file we wrote, not from its memory.
 */
function loadInChild(file: string, cacheFolder: string | undefined): ChildLoad {
  const script = `
    const { loadWithCodeCache } = require(${JSON.stringify(loaderModule)});
    const [file, folder] = process.argv.slice(1);
    loadWithCodeCache(file, folder === '-' ? undefined : folder).then(async (loaded) => {
      const m = loaded.exports;
      let failsAt = '';
      try { m.fail(); } catch (error) { failsAt = /\\((.*?):(\\d+):\\d+\\)/.exec(error.stack.split('\\n')[1]).slice(1).join(':'); }
      const sum = m.sum(10);
      const saved = loaded.saveCache ? await loaded.saveCache() : false;
      console.log(JSON.stringify({ cacheUse: loaded.cacheUse, saved, where: m.where(), thisIsExports: m.thisIsExports, helper: m.helper, failsAt, sum }));
    });`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script, file, cacheFolder ?? '-'], { encoding: 'utf8' })) as ChildLoad;
}

describe('loadWithCodeCache (dist/extension.js loading dist/main.js)', () => {
  let root: string;
  let file: string;
  let cacheFolder: string;
  const cacheFiles = () => (fs.existsSync(cacheFolder) ? fs.readdirSync(cacheFolder).sort() : []);

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'wcrtc-code-cache-'));
    file = path.join(root, 'main.js');
    cacheFolder = path.join(root, 'storage', 'code-cache');
    fs.writeFileSync(file, FIXTURE);
    fs.writeFileSync(path.join(root, 'helper.js'), "module.exports = 'helped';");
  });

  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('runs the module as require would: its require, __filename, __dirname, this, and its own line numbers', () => {
    const loaded = loadInChild(file, cacheFolder);
    assert.deepEqual(loaded.where, [file, root, 'main.js']);
    assert.equal(loaded.thisIsExports, true);
    assert.equal(loaded.helper, 'helped', 'a relative require resolves beside the file');
    assert.equal(loaded.failsAt, `${file}:6`, 'a stack trace names the line of the file, not of the wrapper');
    assert.equal(loaded.sum, 45);
  });

  it('finds no cache at first, writes one, and the next process compiles from it', () => {
    const first = loadInChild(file, cacheFolder);
    assert.equal(first.cacheUse, 'missing');
    assert.equal(first.saved, true);
    const written = cacheFiles();
    assert.equal(written.length, 1);
    assert.match(written[0], /^[0-9a-f]{8}-\d+-\d+-v8-[\w.]+\.v8cache$/);
    assert.ok(fs.statSync(path.join(cacheFolder, written[0])).size > 0);

    const second = loadInChild(file, cacheFolder);
    assert.equal(second.cacheUse, 'used');
    assert.equal(second.saved, false, 'a cache that was used is not written again');
    assert.deepEqual(cacheFiles(), written);
    assert.equal(second.sum, 45);
    assert.equal(second.failsAt, `${file}:6`);
  });

  it('never uses the cache of another build, even of the same length, and removes it once it has its own', () => {
    loadInChild(file, cacheFolder);
    const [earlier] = cacheFiles();
    const before = fs.statSync(file).mtimeMs;
    // Same length, other code: V8 alone would take the earlier cache (it checks only the length).
    fs.writeFileSync(file, FIXTURE.replace('total += i', 'total -= i'));
    assert.notEqual(fs.statSync(file).mtimeMs, before, 'precondition: writing the file gave it a new modification time');
    const changed = loadInChild(file, cacheFolder);
    assert.equal(changed.cacheUse, 'missing');
    assert.equal(changed.sum, -45, 'the new code ran');
    assert.equal(changed.saved, true);
    const [now] = cacheFiles();
    assert.notEqual(now, earlier);
    assert.equal(cacheFiles().length, 1, 'the earlier build’s cache is gone');
  });

  it('keeps one cache per installed copy: the same file at another path compiles anew', () => {
    loadInChild(file, cacheFolder);
    // Another version's folder, with the very same text and modification time.
    const otherFolder = path.join(root, 'other-version');
    fs.mkdirSync(otherFolder);
    const otherFile = path.join(otherFolder, 'main.js');
    fs.copyFileSync(file, otherFile);
    fs.copyFileSync(path.join(root, 'helper.js'), path.join(otherFolder, 'helper.js'));
    const { atime, mtime } = fs.statSync(file);
    fs.utimesSync(otherFile, atime, mtime);
    const other = loadInChild(otherFile, cacheFolder);
    assert.equal(other.cacheUse, 'missing');
    assert.equal(other.failsAt, `${otherFile}:6`);
    assert.equal(other.saved, true);
    assert.equal(cacheFiles().length, 1);
  });

  it('compiles without a damaged cache, and replaces it', () => {
    loadInChild(file, cacheFolder);
    const [name] = cacheFiles();
    fs.writeFileSync(path.join(cacheFolder, name), Buffer.from('not a V8 code cache at all'));
    const damaged = loadInChild(file, cacheFolder);
    assert.equal(damaged.cacheUse, 'rejected');
    assert.equal(damaged.sum, 45);
    assert.equal(damaged.saved, true);
    assert.equal(loadInChild(file, cacheFolder).cacheUse, 'used');
  });

  it('runs nothing of the module before the caller\'s first await: VS Code\'s activation figure ends there', async () => {
    // In this process, without a cache: what is measured here is when the module runs, not how.
    const { loadWithCodeCache } = (await import(loaderModule)) as typeof import('../../../src/bootstrap/codeCache');
    const marker = `wcrtcLoaded${Date.now()}`;
    fs.writeFileSync(file, `globalThis.${marker} = true;\n${FIXTURE}`);
    const globals = globalThis as Record<string, unknown>;
    try {
      const loading = loadWithCodeCache(file, undefined);
      assert.equal(globals[marker], undefined, 'the module ran while the caller was still synchronous');
      const loaded = await loading;
      assert.equal(globals[marker], true);
      assert.equal(loaded.cacheUse, 'off');
      assert.equal((loaded.exports as { sum(n: number): number }).sum(10), 45);
    } finally {
      delete globals[marker];
    }
  });

  it('loads without a cache folder, and writes nothing', () => {
    const loaded = loadInChild(file, undefined);
    assert.equal(loaded.cacheUse, 'off');
    assert.equal(loaded.saved, false);
    assert.equal(loaded.sum, 45);
  });

  it('still loads when the cache cannot be written, and leaves nothing behind', () => {
    // A file where the folder should be: mkdir fails (chmod would not stop root).
    const blocked = path.join(root, 'blocked');
    fs.writeFileSync(blocked, '');
    const loaded = loadInChild(file, path.join(blocked, 'code-cache'));
    assert.equal(loaded.cacheUse, 'missing');
    assert.equal(loaded.saved, false);
    assert.equal(loaded.sum, 45);
    assert.deepEqual(fs.readdirSync(root).sort(), ['blocked', 'helper.js', 'main.js']);
  });
});
