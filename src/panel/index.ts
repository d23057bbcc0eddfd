import * as vscode from 'vscode';
import { CommandIds } from '../core/commandIds';
import type { CommandRunner } from '../core/commandRunner';
import type { FeatureLinks } from '../core/featureLinks';
import type { HistoryRecorder } from '../core/history/historyRecorder';
import type { Ui } from '../core/prompts';
import { roomIdsOrPick } from '../core/rooms/roomPicker';
import type { ServerConnection } from '../core/serverConnection';
import type { SnapshotStore } from '../core/snapshotStore';
import type { RoomsOffer } from '../rooms';
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
  /** Delete Room's saved copies: a deleted room's panel offers Undo while one lasts. */
  snapshots: Pick<SnapshotStore, 'list'>;
  /** The rooms feature's list: a room's listed fields (the header of a room too big to load), deletions, returns. */
  rooms: Pick<RoomsOffer, 'listedRoom' | 'onDidRemoveRooms' | 'onDidChangeList'>;
  history: Pick<HistoryRecorder, 'room' | 'onDidChangeRooms'>;
}

/** What the panel feature offers: the open panels for the contract checks, Compare and the timeline, and the tests' seam. */
export interface PanelOffer {
  readonly panels: Pick<RoomPanels, 'openRoomIds' | 'onDidLoadRoom' | 'onDidRevealRoom' | 'showProblems' | 'open'>;
  seam(): RoomPanelsSeam;
}

/**
 * The room panel: `openRoom`, the restorer that brings panels back after a window reload, and
 * the reloads a sign-in, a server switch, a new Watch interval or one of our writes cause.
 */
export function register(context: vscode.ExtensionContext, services: PanelServices): PanelOffer {
  const { runner, ui, connection, links } = services;
  const { rooms } = services;
  const panels = new RoomPanels({ ...services, listedRoom: (roomId) => rooms.listedRoom(roomId) });
  const openRoom = async (argument: unknown, selection: unknown): Promise<void> => {
    // Opened from the tree, the keyboard stays in the tree so its shortcuts and arrow keys keep working.
    const fromTree = typeof argument === 'object' && argument !== null && (argument as { kind?: unknown }).kind === 'room';
    for (const roomId of await roomIdsOrPick(ui, connection, vscode.l10n.t('Open which room?'), argument, selection)) {
      await panels.open(roomId, fromTree);
    }
  };
  context.subscriptions.push(
    panels,
    vscode.window.registerWebviewPanelSerializer(ROOM_VIEW_TYPE, new RoomPanelRestorer(panels)),
    runner.register(CommandIds.openRoom, openRoom),
    connection.onDidChange(() => panels.reloadAll()),
    links.onDidChangeRoom(({ roomId }) => void panels.refresh(roomId)),
    // Panels follow their rooms: a deletion here is said as such; a room listed again (Undo, Import) reloads.
    rooms.onDidRemoveRooms((roomIds) => panels.roomsDeleted(roomIds)),
    rooms.onDidChangeList(() => panels.reloadReturned((roomId) => rooms.listedRoom(roomId) !== undefined)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('worldclientRtc.watchIntervalSeconds')) {
        panels.restartWatches();
      }
    }),
  );
  return { panels, seam: () => roomPanelsSeam(panels) };
}
