import { join } from 'node:path';

/** Our extension's identifier (publisher.name in package.json), for code with or without the vscode module. */
export const EXTENSION_ID = 'worldclient-rtc.worldclient-rtc';

/** Our extension's global storage folder in a workbench's user data folder. */
export function extensionGlobalStorage(userData: string): string {
  return join(userData, 'User', 'globalStorage', EXTENSION_ID);
}
