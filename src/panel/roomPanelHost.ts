import type * as vscode from 'vscode';
import type { Room, RoomSummary } from '../api/types';
import type { ServerConnection } from '../core/serverConnection';
import type { MessageHistoryRow, PanelAction } from '../shared/protocol';
import type { RoomPanel } from './roomPanel';

/** What a panel needs from the manager that owns it. */
export interface RoomPanelHost {
  readonly connection: ServerConnection;
  readonly log: vscode.LogOutputChannel;
  readonly extensionUri: vscode.Uri;
  watchIntervalMs(): number;
  runAction(panel: RoomPanel, action: PanelAction): Promise<void>;
  copy(text: string): Promise<void>;
  panelDisposed(panel: RoomPanel): void;
  /** A full load (open, Refresh) is in: the state "Compare with…" offers as "when the panel was opened". */
  roomLoaded(roomId: string, room: Room): void;
  /** The room as the room list last showed it (its fields, without messages), if listed. */
  listedRoom(roomId: string): RoomSummary | undefined;
  /** A saved copy from Delete Room can still put the room back on `serverUrl` (the panel offers Undo). */
  canUndoDelete(roomId: string, serverUrl: string): Promise<boolean>;
  /** What the recorded history says of one of the room's messages, or null. */
  messageHistory(roomId: string, messageId: string): MessageHistoryRow | null;
}
