import * as vscode from 'vscode';
import { readWatchIntervalMs } from '../core/settings';
import type { Room } from '../api/types';
import type { Connection } from '../session/connection';
import { ROOM_VIEW_TYPE, checkPanelState, summarizeForLog, type PanelAction, type PanelStatus, type ProblemsMessage, type RoomHeader } from '../shared/protocol';
import { RoomPanel, type RenderedReport, type RoomPanelHost } from './roomPanel';
import { roomWebviewOptions } from './webviewSetup';

/** What the integration tests and the benchmark read about an open panel. */
export interface RoomPanelDescription {
  roomId: string;
  title: string;
  visible: boolean;
  status: PanelStatus;
  statusText: string;
  header: RoomHeader | null;
  /** Messages in the current view (all, or the search matches). */
  viewTotal: number;
  query: string;
  watching: boolean;
  updatedAt: string;
  newCount: number;
  /** The contract problems the panel shows (header and marked messages). */
  problems: ProblemsMessage | undefined;
  rendered: RenderedReport | undefined;
  /** Milliseconds after the panel was created (or revealed by the open command). */
  firstRowsMs: number | undefined;
  webviewReadyMs: number | undefined;
  loadedMs: number | undefined;
  rejectedMessages: number;
  /** Messages of ours that broke the protocol's limits; each was logged and replaced by an error that fits. */
  unfitMessages: number;
}

/** The test seam on the extension's API: read panels, talk to them as their webview would. */
export interface RoomPanelsSeam {
  openRoomIds(): string[];
  describe(roomId: string): RoomPanelDescription | undefined;
  /** Delivers `message` to the panel exactly as if its webview had posted it. */
  receive(roomId: string, message: unknown): void;
  /** The registered serializer's restore path, for a panel the test created itself. */
  deserialize(panel: vscode.WebviewPanel, state: unknown): Promise<void>;
  /** A panel loaded its room in full (open, Refresh; not Watch's polls). */
  readonly onDidLoadRoom: vscode.Event<{ roomId: string; room: Room }>;
  /** Shows the room's contract problems in its panel, if open. */
  showProblems(roomId: string, problems: ProblemsMessage): void;
}

export interface RoomPanelsOptions {
  connection: Connection;
  log: vscode.LogOutputChannel;
  extensionUri: vscode.Uri;
  runAction(panel: RoomPanel, action: PanelAction): Promise<void>;
}

/**
 * Owns every open room panel: one per room id (opening it again reveals it), restores them
 * after a window reload, and reloads them when the connection changes. Also the panels'
 * host: the one place that knows the settings, the clipboard and the log.
 */
export class RoomPanels implements vscode.Disposable, vscode.WebviewPanelSerializer, RoomPanelsSeam, RoomPanelHost {
  private readonly panels = new Map<string, RoomPanel>();
  private readonly loadedRoom = new vscode.EventEmitter<{ roomId: string; room: Room }>();
  readonly onDidLoadRoom = this.loadedRoom.event;
  readonly connection: Connection;
  readonly log: vscode.LogOutputChannel;
  readonly extensionUri: vscode.Uri;

  constructor(private readonly options: RoomPanelsOptions) {
    this.connection = options.connection;
    this.log = options.log;
    this.extensionUri = options.extensionUri;
  }

  showProblems(roomId: string, problems: ProblemsMessage): void {
    this.panels.get(roomId)?.showProblems(problems);
  }

  roomLoaded(roomId: string, room: Room): void {
    this.loadedRoom.fire({ roomId, room });
  }

  /** Opens (or reveals) the room's panel; rejects when the room cannot be loaded. */
  async open(roomId: string): Promise<void> {
    const existing = this.panels.get(roomId);
    if (existing) {
      existing.timings.restart();
      existing.panel.reveal();
      if (existing.status === 'error' || existing.status === 'deleted') {
        await existing.load();
      }
      return;
    }
    const panel = vscode.window.createWebviewPanel(ROOM_VIEW_TYPE, roomId, vscode.ViewColumn.Active, roomWebviewOptions(this.extensionUri));
    await this.adopt(roomId, panel).load();
  }

  /** WebviewPanelSerializer: brings a panel back after a reload from its saved room id. */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const checked = checkPanelState(state);
    if (!checked.ok) {
      this.log.warn(`Could not restore a room panel: its saved state does not fit (${checked.problem}): ${summarizeForLog(state)}`);
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
    await this.adopt(roomId, panel)
      .load()
      .catch(() => undefined);
  }

  deserialize(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    return this.deserializeWebviewPanel(panel, state);
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

  restartWatches(): void {
    this.panels.forEach((panel) => panel.restartWatch());
  }

  openRoomIds(): string[] {
    return [...this.panels.keys()];
  }

  describe(roomId: string): RoomPanelDescription | undefined {
    const panel = this.panels.get(roomId);
    if (!panel) {
      return undefined;
    }
    return {
      roomId,
      title: panel.panel.title,
      visible: panel.panel.visible,
      status: panel.status,
      statusText: panel.statusText,
      header: panel.model.header(),
      viewTotal: panel.model.total,
      query: panel.model.searchQuery,
      watching: panel.watching,
      updatedAt: panel.updatedAt,
      newCount: panel.model.newCount,
      problems: panel.problems,
      rendered: panel.page.lastRendered,
      firstRowsMs: panel.timings.firstRowsMs,
      webviewReadyMs: panel.timings.webviewReadyMs,
      loadedMs: panel.timings.loadedMs,
      rejectedMessages: panel.rejectedMessages,
      unfitMessages: panel.page.unfitMessages,
    };
  }

  receive(roomId: string, message: unknown): void {
    this.panels.get(roomId)?.receive(message);
  }

  watchIntervalMs(): number {
    return readWatchIntervalMs();
  }

  runAction(panel: RoomPanel, action: PanelAction): Promise<void> {
    return this.options.runAction(panel, action);
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
    [...this.panels.values()].forEach((panel) => panel.dispose());
    this.panels.clear();
  }

  private adopt(roomId: string, panel: vscode.WebviewPanel): RoomPanel {
    const roomPanel = new RoomPanel(roomId, panel, this);
    this.panels.set(roomId, roomPanel);
    return roomPanel;
  }
}
