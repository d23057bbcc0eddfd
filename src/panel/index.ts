import * as vscode from 'vscode';
import { CommandIds } from '../core/commandIds';
import type { CommandRunner } from '../core/commandRunner';
import type { Ui } from '../core/prompts';
import { roomIdsOrPick } from '../rooms/roomPicker';
import type { ServerConnection } from '../session/serverConnection';
import { ROOM_VIEW_TYPE } from '../shared/protocol';
import { RoomPanelRestorer } from './roomPanelRestorer';
import type { RoomPanels } from './roomPanels';

/** What the room panel feature needs from the composition root. */
export interface PanelServices {
  runner: CommandRunner;
  ui: Ui;
  connection: ServerConnection;
  /** The open panels (built by the root, which also hands their test seam out). */
  panels: RoomPanels;
}

/**
 * The room panel: `openRoom`, the restorer that brings panels back after a window reload, and
 * the reloads a sign-in, a server switch or a new Watch interval cause.
 */
export function register(context: vscode.ExtensionContext, services: PanelServices): void {
  const { runner, ui, connection, panels } = services;
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
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('worldclientRtc.watchIntervalSeconds')) {
        panels.restartWatches();
      }
    }),
  );
}
