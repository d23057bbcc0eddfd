/** Our extension's identifier (publisher.name in package.json), for code with or without the vscode module. */
export const EXTENSION_ID = 'worldclient-rtc.worldclient-rtc';
