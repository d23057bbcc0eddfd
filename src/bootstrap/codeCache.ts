import { closeSync, existsSync, fstatSync, promises as fsPromises, openSync, read, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

/**
 * What the load found in the cache folder: V8's code for this very file (`used`), nothing
 * (`missing`), a file V8 would not take (`rejected`: another V8, other flags, a damaged file), or
 * no folder to look in (`off`).
 */
export type CodeCacheUse = 'used' | 'missing' | 'rejected' | 'off';

export interface CachedModule {
  readonly exports: unknown;
  readonly cacheUse: CodeCacheUse;
  /**
   * Only when the cache was missing or rejected: writes V8's code for the module, with every
   * function compiled so far, for the next load. It never throws: a cache that cannot be written
   * only costs the next start its parse. Resolves to whether a file was written.
   */
  readonly saveCache?: () => Promise<boolean>;
}

const CACHE_FOLDER = 'code-cache';
const CACHE_SUFFIX = '.v8cache';

/** Where an extension keeps its code caches, in its global storage folder. */
export function codeCacheFolder(globalStorageFolder: string): string {
  return join(globalStorageFolder, CACHE_FOLDER);
}

/** The code cache files in an extension's global storage folder (none when the folder is not there). */
export function codeCacheFiles(globalStorageFolder: string): string[] {
  const folder = codeCacheFolder(globalStorageFolder);
  return existsSync(folder) ? readdirSync(folder).filter((name) => name.endsWith(CACHE_SUFFIX)) : [];
}

/**
 * CommonJS's wrapper, as Node's own loader gives every module. Its head is a line of its own and
 * the script starts at line -1, so stack traces and source maps keep the file's line numbers.
 */
const WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname) {\n';
const WRAPPER_TAIL = '\n})';

/**
 * Loads a CommonJS file as `require` would, but compiles it with V8's code cache from
 * `cacheFolder` when there is one for this exact file. Parsing and compiling the extension's
 * bundle is most of what activation costs; with the cache, V8 reads the compiled code instead.
 *
 * The two files are opened here, and their contents read on Node's thread pool, both at once: the
 * extension host's thread, which every extension shares, is free while the disk works, and
 * whatever the caller does before its first `await` (VS Code's activation figure) ends with the
 * opening. One read each, so the module is ready one turn of the event loop later, not after
 * the several an `fs.promises.readFile` takes (open, stat, read, close).
 *
 * V8 itself checks only the *length* of the source against a cache: handed the cache of another
 * build of the same length, it runs the old code. So the cache file's name stands for this very
 * file: its path (each installed version of the extension has its own folder), size and
 * modification time (every build writes the file anew), and the V8 version. Hashing the whole
 * text instead would cost about a third of what the cache saves. V8 still rejects a cache made
 * by another V8 or with other flags, and the module then compiles as it would without one.
 */
export async function loadWithCodeCache(file: string, cacheFolder: string | undefined): Promise<CachedModule> {
  // Size, time and text from one open, so a file replaced meanwhile cannot pair one's text with the other's name.
  const bundle = openFile(file);
  const cacheFile = cacheFolder === undefined ? undefined : join(cacheFolder, cacheFileName(file, bundle.size, bundle.mtimeMs));
  const cache = cacheFile === undefined ? undefined : openIfPresent(cacheFile);
  const [source, cachedData] = await Promise.all([readAll(bundle).then((bytes) => bytes.toString('utf8')), cache && readAll(cache).catch(() => undefined)]).finally(() => {
    closeSync(bundle.descriptor);
    if (cache) {
      closeSync(cache.descriptor);
    }
  });
  const script = new Script(`${WRAPPER_HEAD}${source}${WRAPPER_TAIL}`, { filename: file, lineOffset: -1, cachedData });
  const module = { exports: {} as unknown };
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: { exports: unknown }, filename: string, dirname: string) => void;
  run.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  const cacheUse: CodeCacheUse = cacheFile === undefined ? 'off' : cachedData === undefined ? 'missing' : script.cachedDataRejected ? 'rejected' : 'used';
  const writeTo = cacheUse === 'missing' || cacheUse === 'rejected' ? cacheFile : undefined;
  return { exports: module.exports, cacheUse, saveCache: writeTo === undefined ? undefined : () => writeCache(script, writeTo) };
}

interface OpenFile {
  readonly descriptor: number;
  readonly size: number;
  readonly mtimeMs: number;
}

function openFile(file: string): OpenFile {
  const descriptor = openSync(file, 'r');
  try {
    const { size, mtimeMs } = fstatSync(descriptor);
    return { descriptor, size, mtimeMs };
  } catch (error) {
    closeSync(descriptor);
    throw error;
  }
}

/** The whole file in one read on the thread pool (a file cut short meanwhile gives what is there). */
function readAll({ descriptor, size }: OpenFile): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    read(descriptor, Buffer.allocUnsafe(size), 0, size, 0, (error, bytesRead, buffer) => (error ? reject(error) : resolve(buffer.subarray(0, bytesRead))));
  });
}

/** The cache file, or undefined for any reason at all: a cache must never be what stops activation. */
function openIfPresent(file: string): OpenFile | undefined {
  try {
    // Asked first, without an exception: building one for a missing file costs more than the question.
    return statSync(file, { throwIfNoEntry: false }) ? openFile(file) : undefined;
  } catch {
    return undefined;
  }
}

function cacheFileName(file: string, size: number, mtimeMs: number): string {
  return `${fnv1a32(file).toString(16).padStart(8, '0')}-${size}-${Math.round(mtimeMs * 1000)}-v8-${process.versions.v8.replace(/[^\w.]/g, '_')}${CACHE_SUFFIX}`;
}

/** FNV-1a, 32 bits: enough to tell the few paths one extension is installed at apart, in microseconds. */
function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193) >>> 0;
  }
  return hash;
}

async function writeCache(script: Script, cacheFile: string): Promise<boolean> {
  const folder = dirname(cacheFile);
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  try {
    const data = script.createCachedData();
    await fsPromises.mkdir(folder, { recursive: true });
    // Written aside, then renamed: a window starting meanwhile reads a whole file or none.
    await fsPromises.writeFile(temporary, data);
    await fsPromises.rename(temporary, cacheFile);
    // The caches of earlier builds (or another V8) would never be read again.
    for (const name of await fsPromises.readdir(folder)) {
      if (name.endsWith(CACHE_SUFFIX) && name !== basename(cacheFile)) {
        await fsPromises.rm(join(folder, name), { force: true });
      }
    }
    return true;
  } catch {
    await fsPromises.rm(temporary, { force: true }).catch(() => undefined);
    return false;
  }
}
