import * as path from 'node:path';
import { codeCacheFiles } from '../../src/bootstrap/codeCache';
import { EXTENSION_ID } from './extensionId';

/** Our extension's global storage folder in a workbench's user data folder. */
export function extensionGlobalStorage(userData: string): string {
  return path.join(userData, 'User', 'globalStorage', EXTENSION_ID);
}

/**
 * Waits until the entry point has written its code cache into `globalStorage` (a few seconds
 * after activation: src/bootstrap/extension.ts), polling the disk; returns the cache files.
 */
export async function waitForCodeCache(globalStorage: string, timeoutMs = 60_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const files = codeCacheFiles(globalStorage);
    if (files.length > 0) {
      return files;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for the code cache in ${globalStorage} (${timeoutMs / 1000} s).`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
