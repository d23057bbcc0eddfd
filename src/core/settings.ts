import * as vscode from 'vscode';

export type UrlStyleSetting = 'path' | 'query';
export type SessionTransportSetting = 'header' | 'query';

/** The extension's settings as one typed snapshot; read fresh whenever a request is built. */
export interface ExtensionSettings {
  serverUrl: string;
  urlStyle: UrlStyleSetting;
  sessionTransport: SessionTransportSetting;
  requestTimeoutSeconds: number;
}

const SECTION = 'worldclientRtc';

export function readSettings(): ExtensionSettings {
  const config = vscode.workspace.getConfiguration(SECTION);
  return {
    serverUrl: normalizeServerUrl(config.get<string>('serverUrl', '')),
    urlStyle: config.get<string>('urlStyle') === 'query' ? 'query' : 'path',
    sessionTransport: config.get<string>('sessionTransport') === 'query' ? 'query' : 'header',
    requestTimeoutSeconds: clampTimeout(config.get<number>('requestTimeoutSeconds', 30)),
  };
}

/** How the Rooms view orders rooms (`worldclientRtc.rooms.sortBy`). */
export type RoomSortKey = 'newest' | 'oldest' | 'id' | 'members';

export interface RoomsViewSettings {
  sortBy: RoomSortKey;
  groupByState: boolean;
}

const SORT_KEYS: readonly RoomSortKey[] = ['newest', 'oldest', 'id', 'members'];

export function readRoomsViewSettings(): RoomsViewSettings {
  const config = vscode.workspace.getConfiguration(SECTION);
  const sortBy = config.get<string>('rooms.sortBy', 'newest') as RoomSortKey;
  return { sortBy: SORT_KEYS.includes(sortBy) ? sortBy : 'newest', groupByState: config.get<boolean>('rooms.groupByState', false) };
}

/** True when a configuration change touches any of our settings. */
export function affectsSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(SECTION);
}

export async function updateServerUrl(serverUrl: string): Promise<void> {
  await vscode.workspace.getConfiguration(SECTION).update('serverUrl', serverUrl, vscode.ConfigurationTarget.Global);
}

/** Users paste URLs with a trailing slash or with the API path itself; both mean the same server. */
export function normalizeServerUrl(raw: string): string {
  return raw.trim().replace(/\/+$/, '').replace(/\/WorldClientAPI$/i, '');
}

function clampTimeout(value: number): number {
  return Number.isFinite(value) && value >= 1 ? Math.min(value, 600) : 30;
}
