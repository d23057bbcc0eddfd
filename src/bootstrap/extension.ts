import { join } from 'node:path';
import type * as vscode from 'vscode';
import { codeCacheFolder, loadWithCodeCache } from './codeCache';

/** What dist/main.js (src/extension.ts, the composition root) exports. */
interface ExtensionMain {
  activate(context: vscode.ExtensionContext): unknown;
}

/** The cache is written once activation has settled, so it does not compete with the workbench's own start. */
const SAVE_CACHE_DELAY_MS = 3000;

/**
 * VS Code's entry point (dist/extension.js). It loads the extension itself, dist/main.js, with
 * V8's code cache from our global storage, and hands activation over to it. After a start that
 * found no cache (the first one, or the first after an update of the extension or of VS Code),
 * it writes one for the next start. See loadWithCodeCache for why and how.
 *
 * The bundle is read asynchronously, so VS Code's activation figure (loading this small file and
 * activate() up to its first `await`) no longer holds the bundle's reading, compiling and top
 * level: those follow, before activation resolves, as the registrations in dist/main.js already
 * did. VS Code waits for that promise before it runs one of our commands or asks our views for
 * anything, so nothing can reach a feature that is not registered yet.
 */
export async function activate(context: vscode.ExtensionContext): Promise<unknown> {
  const storage = context.globalStorageUri;
  const main = await loadWithCodeCache(join(__dirname, 'main.js'), storage.scheme === 'file' ? codeCacheFolder(storage.fsPath) : undefined);
  const { saveCache } = main;
  if (saveCache) {
    const timer = setTimeout(() => void saveCache(), SAVE_CACHE_DELAY_MS);
    // The timer must not keep a process alive on its own (a host shutting down, a benchmark).
    timer.unref();
    context.subscriptions.push({ dispose: () => clearTimeout(timer) });
  }
  return (main.exports as ExtensionMain).activate(context);
}

export function deactivate(): void {
  // The extension releases everything through context.subscriptions.
}
