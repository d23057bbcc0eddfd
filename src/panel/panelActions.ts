import * as vscode from 'vscode';
import { CommandIds } from '../core/commandIds';
import type { CommandRunner } from '../core/commandRunner';
import type { PanelAction } from '../shared/protocol';
import type { Ui } from '../core/prompts';
import type { RoomPanel } from './roomPanel';
import type { ServerConnection } from '../session/serverConnection';
import { exportLoadedRoom, exportRoomAsReceived } from '../rooms/roomTransfer';
import { visibleId } from '../shared/inertText';

/**
 * The panel's toolbar buttons. Add and Delete run the very commands the palette and the tree
 * run (same prompts, same safety nets), and so does Open JSON; Refresh and Export act on the
 * room the panel holds.
 * Every action goes through the command runner, so failures read the same everywhere.
 */
export async function runPanelAction(
  panel: RoomPanel,
  action: PanelAction,
  runner: CommandRunner,
  ui: Ui,
  connection: ServerConnection,
): Promise<void> {
  switch (action) {
    case 'refresh':
      await runner.run('Refresh room', () => panel.load());
      return;
    case 'addMessages':
      await vscode.commands.executeCommand(CommandIds.addMessages, panel.roomId);
      return;
    case 'deleteMessages':
      await vscode.commands.executeCommand(CommandIds.deleteMessages, panel.roomId);
      return;
    case 'exportJson':
      await runner.run('Export room JSON', async () => {
        const room = panel.room;
        if (!room && panel.tooBig) {
          await exportRoomAsReceived(ui, connection, panel.roomId);
          return;
        }
        if (!room) {
          throw new Error(vscode.l10n.t('Room "{0}" is not loaded. Use Refresh, then Export JSON again.', visibleId(panel.roomId)));
        }
        await exportLoadedRoom(ui, room);
      });
      return;
    case 'openJson':
      await vscode.commands.executeCommand(CommandIds.openRoomJson, panel.roomId);
      return;
    case 'compare':
      await vscode.commands.executeCommand(CommandIds.compareRoom, panel.roomId);
      return;
    case 'copyRequest':
      await vscode.commands.executeCommand(CommandIds.copyRequestAs, { roomId: panel.roomId });
      return;
  }
}
