import * as vscode from 'vscode';
import type { CommandRunner } from '../core/commandRunner';
import type { FeatureLinks } from '../core/featureLinks';
import type { PanelAction } from '../shared/protocol';
import type { RoomPanel } from './roomPanel';
import { visibleId } from '../shared/inertText';

/**
 * The panel's toolbar buttons. Add, Delete, Open JSON and Compare run what the palette and the
 * tree run (same prompts, same safety nets), offered by their features through the links;
 * Refresh and Export act on the room the panel holds; Switch back and Undo are the banner's.
 * Every action goes through the command runner, so failures read the same everywhere.
 */
export async function runPanelAction(panel: RoomPanel, action: PanelAction, runner: CommandRunner, links: FeatureLinks): Promise<void> {
  switch (action) {
    case 'refresh':
      await runner.run('Refresh room', () => panel.load());
      return;
    case 'addMessages':
      await links.run('addMessages', panel.roomId);
      return;
    case 'deleteMessages':
      await links.run('deleteMessages', panel.roomId);
      return;
    case 'exportJson':
      if (!panel.room && !panel.tooBig) {
        await runner.run('Export room JSON', () => {
          throw new Error(vscode.l10n.t('Room "{0}" is not loaded. Use Refresh, then Export JSON again.', visibleId(panel.roomId)));
        });
        return;
      }
      // A room too big to hold is exported as the server sends it.
      await links.run('exportRoom', panel.roomId, panel.room);
      return;
    case 'openJson':
      await links.run('openRoomJson', panel.roomId);
      return;
    case 'compare':
      await links.run('compareRoom', panel.roomId);
      return;
    case 'copyRequest':
      await links.run('copyRequestAs', panel.roomId);
      return;
    case 'switchBack':
      // The panel's reload follows the switch, as every panel's does.
      if (panel.loadedFrom) {
        await links.run('switchServer', panel.loadedFrom);
      }
      return;
    case 'undoDelete':
      await links.run('restoreRoom', panel.roomId);
      return;
    case 'close':
      panel.dispose();
      return;
  }
}
