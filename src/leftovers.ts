import { rm } from 'node:fs/promises';
import { join } from 'node:path';

/** Where earlier builds kept V8's compiled code of the extension, in its global storage. */
export const OLD_CODE_CACHE_FOLDER = 'code-cache';

/** After activation has settled, so the removal does not compete with the window's own start. */
export const LEFTOVER_REMOVAL_DELAY_MS = 3000;

/**
 * Removes the code cache folder earlier builds wrote to global storage (nothing reads it any
 * more). Never throws: a folder that is gone, locked or read-only stays as it is, unmentioned.
 */
export async function removeOldCodeCache(globalStorageFolder: string): Promise<void> {
  await rm(join(globalStorageFolder, OLD_CODE_CACHE_FOLDER), { recursive: true, force: true, maxRetries: 2 }).catch(() => undefined);
}

/** Runs `work` once after `delayMs`; disposing before then cancels it. Tests pass a scheduler they drive. */
export type Scheduler = (work: () => void, delayMs: number) => { dispose(): void };

const unrefTimeout: Scheduler = (work, delayMs) => {
  const timer = setTimeout(work, delayMs);
  // Nothing to wait for at shutdown: the next start tries again.
  timer.unref();
  return { dispose: () => clearTimeout(timer) };
};

/** Runs removeOldCodeCache once, after a delay; disposing before then cancels it. */
export function scheduleOldCodeCacheRemoval(
  globalStorageFolder: string,
  schedule: Scheduler = unrefTimeout,
  delayMs = LEFTOVER_REMOVAL_DELAY_MS,
): { dispose(): void } {
  return schedule(() => void removeOldCodeCache(globalStorageFolder), delayMs);
}
