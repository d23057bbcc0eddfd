import * as vscode from 'vscode';
import { readWatchIntervalMs } from '../core/settings';
import type { Room, RoomSummary } from '../api/types';
import type { ServerConnection } from '../core/serverConnection';
import type { CommandRunner } from '../core/commandRunner';
import type { FeatureLinks } from '../core/featureLinks';
import type { HistoryRecorder } from '../core/history/historyRecorder';
import type { SnapshotStore } from '../core/snapshotStore';
import { ROOM_VIEW_TYPE, type MessageHistoryRow, type PanelAction, type ProblemsMessage } from '../shared/protocol';
import { runPanelAction } from './panelActions';
import { RoomPanel } from './roomPanel';
import type { RoomPanelHost } from './roomPanelHost';
import { roomWebviewOptions } from './webviewSetup';
import { visibleId } from '../shared/inertText';

export interface RoomPanelsOptions {
  connection: ServerConnection;
  log: vscode.LogOutputChannel;
  extensionUri: vscode.Uri;
  runner: CommandRunner;
  links: FeatureLinks;
  /** The room as the room list shows it, for the header of a room too big to load. */
  listedRoom(roomId: string): RoomSummary | undefined;
  /** The copies Delete Room saves: while one lasts, a deleted room's panel offers Undo. */
  snapshots: Pick<SnapshotStore, 'list'>;
  /** The recorded history: each row's First seen, and when it changed. */
  history: Pick<HistoryRecorder, 'room' | 'onDidChangeRooms'>;
}

/**
 * The open room panels: one per room id (opening it again reveals it), reloaded when the
 * connection changes. Also the panels' host: the one place that knows the settings, the
 * clipboard and the log. Restoring after a reload is RoomPanelRestorer's job; what tests
 * read is roomPanelsSeam's.
 */
export class RoomPanels implements vscode.Disposable, RoomPanelHost {
  private readonly panels = new Map<string, RoomPanel>();
  private readonly loadedRoom = new vscode.EventEmitter<{ roomId: string; room: Room }>();
  /** A panel loaded its room in full (open, Refresh; not Watch's polls). */
  readonly onDidLoadRoom = this.loadedRoom.event;
  private readonly revealedRoom = new vscode.EventEmitter<string>();
  /** The user opened a room whose panel was already open: it is shown, not loaded again. */
  readonly onDidRevealRoom = this.revealedRoom.event;
  private readonly historySubscription: vscode.Disposable;
  readonly connection: ServerConnection;
  readonly log: vscode.LogOutputChannel;
  readonly extensionUri: vscode.Uri;

  constructor(private readonly options: RoomPanelsOptions) {
    this.connection = options.connection;
    this.log = options.log;
    this.extensionUri = options.extensionUri;
    this.historySubscription = options.history.onDidChangeRooms(({ serverUrl, roomIds, messages }) => {
      if (messages && serverUrl === this.connection.serverUrl) {
        const changed = roomIds.length ? roomIds.map((roomId) => this.panels.get(roomId)) : [...this.panels.values()];
        changed.forEach((panel) => panel?.historyChanged());
      }
    });
  }

  messageHistory(roomId: string, messageId: string): MessageHistoryRow | null {
    const recorded = this.options.history.room(this.connection.serverUrl, roomId)?.messages.get(messageId);
    if (!recorded) {
      return null;
    }
    const { firstSeen, before, changedAt, previousHash } = recorded;
    return { firstSeen, before, changedAt: changedAt ?? null, previousHash: previousHash ?? null };
  }

  /** Shows the room's contract problems in its panel, if open. */
  showProblems(roomId: string, problems: ProblemsMessage): void {
    this.panels.get(roomId)?.showProblems(problems);
  }

  listedRoom(roomId: string): RoomSummary | undefined {
    return this.options.listedRoom(roomId);
  }

  async canUndoDelete(roomId: string, serverUrl: string): Promise<boolean> {
    const saved = await this.options.snapshots.list(serverUrl);
    return saved.some((info) => info.reason === 'deleteRoom' && info.roomId === roomId);
  }

  roomLoaded(roomId: string, room: Room): void {
    this.loadedRoom.fire({ roomId, room });
  }

  /** Opens (or reveals) the room's panel; rejects when the room cannot be loaded. */
  async open(roomId: string, preserveFocus = false): Promise<void> {
    const existing = this.panels.get(roomId);
    if (existing) {
      existing.timings.restart();
      existing.panel.reveal(undefined, preserveFocus);
      this.revealedRoom.fire(roomId);
      if (existing.status === 'error' || existing.status === 'deleted' || existing.status === 'elsewhere') {
        await existing.load();
      }
      return;
    }
    const options = roomWebviewOptions(this.extensionUri);
    const showOptions = { viewColumn: vscode.ViewColumn.Active, preserveFocus };
    const panel = vscode.window.createWebviewPanel(ROOM_VIEW_TYPE, visibleId(roomId), showOptions, options);
    await this.adopt(roomId, panel).load();
  }

  /** After a change made elsewhere in the extension (messages added or deleted). */
  async refresh(roomId: string): Promise<void> {
    await this.panels
      .get(roomId)
      ?.load()
      .catch(() => undefined);
  }

  /**
   * Signed in, or another server: every panel reloads and shows what it finds. Signed out
   * (here or in another window): no panel may go on asking the server, so each stops loading
   * and watching and keeps its last copy, marked as such, until the next sign-in reloads it.
   */
  reloadAll(): void {
    const signedIn = this.connection.state === 'signedIn';
    for (const panel of this.panels.values()) {
      if (signedIn) {
        void panel.load().catch(() => undefined);
      } else {
        panel.markSignedOut();
      }
    }
  }

  /** Rooms Delete Room removed in this window: their panels say they were deleted. */
  roomsDeleted(roomIds: readonly string[]): void {
    for (const roomId of roomIds) {
      void this.panels
        .get(roomId)
        ?.roomDeleted()
        .catch(() => undefined);
    }
  }

  /** A room that was gone, or on another server, is listed here now (Undo, Restore, Import): its panel loads it. */
  reloadReturned(isListed: (roomId: string) => boolean): void {
    for (const panel of this.panels.values()) {
      if ((panel.status === 'deleted' || panel.status === 'elsewhere') && isListed(panel.roomId)) {
        void panel.load().catch(() => undefined);
      }
    }
  }

  restartWatches(): void {
    this.panels.forEach((panel) => panel.restartWatch());
  }

  openRoomIds(): string[] {
    return [...this.panels.keys()];
  }

  get(roomId: string): RoomPanel | undefined {
    return this.panels.get(roomId);
  }

  watchIntervalMs(): number {
    return readWatchIntervalMs();
  }

  runAction(panel: RoomPanel, action: PanelAction): Promise<void> {
    return runPanelAction(panel, action, this.options.runner, this.options.links);
  }

  async copy(text: string): Promise<void> {
    await vscode.env.clipboard.writeText(text);
  }

  panelDisposed(panel: RoomPanel): void {
    if (this.panels.get(panel.roomId) === panel) {
      this.panels.delete(panel.roomId);
    }
  }

  dispose(): void {
    this.loadedRoom.dispose();
    this.revealedRoom.dispose();
    this.historySubscription.dispose();
    [...this.panels.values()].forEach((panel) => panel.dispose());
    this.panels.clear();
  }

  /** Makes `panel` the one for `roomId`: for a new panel, or one the restorer brings back. */
  adopt(roomId: string, panel: vscode.WebviewPanel): RoomPanel {
    const roomPanel = new RoomPanel(roomId, panel, this);
    this.panels.set(roomId, roomPanel);
    return roomPanel;
  }
}
