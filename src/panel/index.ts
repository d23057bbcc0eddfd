import * as vscode from 'vscode';
import type { RoomSummary } from '../api/types';
import { CommandIds } from '../core/commandIds';
import type { CommandRunner } from '../core/commandRunner';
import type { FeatureLinks } from '../core/featureLinks';
import type { Ui } from '../core/prompts';
import { roomIdsOrPick } from '../core/rooms/roomPicker';
import type { ServerConnection } from '../core/serverConnection';
import { ROOM_VIEW_TYPE } from '../shared/protocol';
import { RoomPanelRestorer } from './roomPanelRestorer';
import { RoomPanels } from './roomPanels';
import { roomPanelsSeam, type RoomPanelsSeam } from './roomPanelsSeam';

/** What the room panel feature needs from the composition root. */
export interface PanelServices {
  runner: CommandRunner;
  ui: Ui;
  connection: ServerConnection;
  log: vscode.LogOutputChannel;
  extensionUri: vscode.Uri;
  links: FeatureLinks;
  /** The room as the room list shows it (the rooms feature's), for the header of a room too big to load. */
  listedRoom(roomId: string): RoomSummary | undefined;
}

/** What the panel feature offers: the open panels for the contract checks and Compare, and the tests' seam. */
export interface PanelOffer {
  readonly panels: Pick<RoomPanels, 'openRoomIds' | 'onDidLoadRoom' | 'showProblems'>;
  seam(): RoomPanelsSeam;
}

/**
 * The room panel: `openRoom`, the restorer that brings panels back after a window reload, and
 * the reloads a sign-in, a server switch, a new Watch interval or one of our writes cause.
 */
export function register(context: vscode.ExtensionContext, services: PanelServices): PanelOffer {
  const { runner, ui, connection, links } = services;
  const panels = new RoomPanels(services);
  const openRoom = async (argument: unknown, selection: unknown): Promise<void> => {
    for (const roomId of await roomIdsOrPick(ui, connection, vscode.l10n.t('Open which room?'), argument, selection)) {
      await panels.open(roomId);
    }
  };
  context.subscriptions.push(
    panels,
    vscode.window.registerWebviewPanelSerializer(ROOM_VIEW_TYPE, new RoomPanelRestorer(panels)),
    runner.register(CommandIds.openRoom, openRoom),
    connection.onDidChange(() => panels.reloadAll()),
    links.onDidChangeRoom((roomId) => void panels.refresh(roomId)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('worldclientRtc.watchIntervalSeconds')) {
        panels.restartWatches();
      }
    }),
  );
  return { panels, seam: () => roomPanelsSeam(panels) };
}
