import type * as vscode from 'vscode';
import type { MessageRow, PanelRemedy, PanelStatus, ProblemsMessage, RoomHeader } from '../shared/protocol';
import type { RenderedReport } from './roomPanel';
import { RoomPanelRestorer } from './roomPanelRestorer';
import type { RoomPanels } from './roomPanels';

/** What the integration tests and the benchmark read about an open panel. */
export interface RoomPanelDescription {
  roomId: string;
  title: string;
  visible: boolean;
  status: PanelStatus;
  statusText: string;
  /** The server the panel names in its header. */
  server: string;
  /** What the banner offers (Switch back and Close, or Undo). */
  remedy: PanelRemedy;
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
  /** The rows the panel hands its webview for positions [start, start + count) of its current view. */
  rows(roomId: string, start: number, count: number): MessageRow[];
  /** Delivers `message` to the panel exactly as if its webview had posted it. */
  receive(roomId: string, message: unknown): void;
  /** The registered serializer's restore path, for a panel the test created itself. */
  deserialize(panel: vscode.WebviewPanel, state: unknown): Promise<void>;
}

/**
 * The seam over the open panels, kept apart from the collection itself so that product code
 * never depends on what only tests read. Handed out by activate() only where testSeams.ts allows.
 */
export function roomPanelsSeam(panels: RoomPanels): RoomPanelsSeam {
  const restorer = new RoomPanelRestorer(panels);
  return {
    openRoomIds: () => panels.openRoomIds(),
    describe: (roomId) => {
      const panel = panels.get(roomId);
      if (!panel) {
        return undefined;
      }
      return {
        roomId,
        title: panel.panel.title,
        visible: panel.panel.visible,
        status: panel.status,
        statusText: panel.statusText,
        server: panel.shownServer,
        remedy: panel.remedy,
        header: panel.model.header(),
        viewTotal: panel.model.total,
        query: panel.model.searchQuery,
        watching: panel.watching,
        updatedAt: panel.updatedAt,
        newCount: panel.model.newCount,
        problems: panel.page.problems,
        rendered: panel.page.lastRendered,
        firstRowsMs: panel.timings.firstRowsMs,
        webviewReadyMs: panel.timings.webviewReadyMs,
        loadedMs: panel.timings.loadedMs,
        rejectedMessages: panel.rejectedMessages,
        unfitMessages: panel.page.unfitMessages,
      };
    },
    rows: (roomId, start, count) => panels.get(roomId)?.model.page(start, count).rows ?? [],
    receive: (roomId, message) => panels.get(roomId)?.receive(message),
    deserialize: (panel, state) => restorer.deserializeWebviewPanel(panel, state),
  };
}
