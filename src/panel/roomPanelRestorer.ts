import * as vscode from 'vscode';
import { checkPanelState, summarizeForLog } from '../shared/protocol';
import type { RoomPanels } from './roomPanels';

/**
 * Brings room panels back after a window reload (VS Code's WebviewPanelSerializer), from the
 * room id each panel saved in its state. A state that does not fit is logged and the panel
 * closed; a room already open is revealed instead of opened twice.
 */
export class RoomPanelRestorer implements vscode.WebviewPanelSerializer {
  constructor(private readonly panels: RoomPanels) {}

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const checked = checkPanelState(state);
    if (!checked.ok) {
      this.panels.log.warn(`Could not restore a room panel: its saved state does not fit (${checked.problem}): ${summarizeForLog(state)}`);
      panel.dispose();
      return;
    }
    const roomId = checked.value.roomId;
    const existing = this.panels.get(roomId);
    if (existing) {
      panel.dispose();
      existing.panel.reveal();
      return;
    }
    // Failures show inside the panel (with what to do); a restore has no command to report to.
    await this.panels
      .adopt(roomId, panel)
      .load()
      .catch(() => undefined);
  }
}
