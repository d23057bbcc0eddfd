import type { ExtensionMode } from 'vscode';

/** vscode.ExtensionMode.Test (an API value), so this module loads without VS Code in unit tests. */
const TEST_MODE = 3 as ExtensionMode;

/**
 * Whether activate() hands out its test seams (the prompts, the connection, the panels). Those
 * reach the session, so any other extension calling `getExtension(…).activate()` would get it:
 * they exist only in VS Code's Test mode (`context.extensionMode`), which VS Code gives the
 * extension under test and no other extension can set. Nothing else turns them on: an
 * environment variable or a setting can be changed by any extension sharing our process.
 */
export function testSeamsEnabled(extensionMode: ExtensionMode): boolean {
  return extensionMode === TEST_MODE;
}
