import type * as vscode from 'vscode';
import type { BlockedKind, HostMessage, PanelRemedy, PanelStatus, ProblemsMessage } from '../shared/protocol';
import type { OpenTimings } from './openTimings';
import { fitForWebview } from './protocolGuard';
import type { RoomPanelData } from './roomPanelData';

/** Rows sent along with every state, from the last scroll position: enough for a tall screen. */
export const STATE_PAGE_ROWS = 80;

/** The webview's last `rendered` report, as the tests and the benchmark read it. */
export interface RenderedReport {
  viewVersion: number;
  firstPosition: number;
  rowCount: number;
  domRowCount: number;
}

/** What the panel shows besides the room itself. */
export interface PanelDisplay {
  status: PanelStatus;
  statusText: string;
  server: string;
  remedy: PanelRemedy;
  blocked: { kind: BlockedKind; reason: string };
  watching: boolean;
  watchIntervalSeconds: number;
  updatedAt: string;
}

export interface PanelPageHooks {
  display(): PanelDisplay;
  /** The panel is open and visible: a hidden panel has no page to post to. */
  canPost(): boolean;
  /** A reply broke the protocol's limits and could not be sent: the panel shows `problem` instead. */
  unsendable(problem: string): void;
  log(level: 'info' | 'error', line: string): void;
}

/**
 * The panel's side of its page: every message posted (checked against the protocol first, so
 * an oversized value never leaves the page on "Loading…"), the rows and details it asks for,
 * and the scroll position and render reports it sends back.
 */
export class PanelPage {
  lastRendered: RenderedReport | undefined;
  /** The room's contract problems as last shown, sent again after every state (a rebuilt page starts without them). */
  problems: ProblemsMessage | undefined;
  /** Messages of ours that broke the protocol's limits (each logged, and an error shown instead). */
  unfitMessages = 0;
  private firstPosition = 0;
  private restoreScroll = false;

  constructor(
    private readonly webview: vscode.Webview,
    private readonly model: RoomPanelData,
    private readonly timings: OpenTimings,
    private readonly hooks: PanelPageHooks,
  ) {}

  /** The page was (re)built: the next state scrolls back to where the user was. */
  reloaded(): void {
    this.restoreScroll = this.firstPosition > 0;
  }

  /** A new search starts at its first match. */
  searched(): void {
    this.firstPosition = 0;
    this.restoreScroll = true;
  }

  /**
   * Posted without waiting for the page's `ready`: the webview queues messages until its page
   * has loaded, which saves a round trip before the first rows.
   */
  sendState(): void {
    if (!this.hooks.canPost()) {
      return;
    }
    const total = this.model.total;
    const start = Math.max(0, Math.min(this.firstPosition, total - 1));
    this.post({
      type: 'state',
      header: this.model.header(),
      ...this.hooks.display(),
      newCount: this.model.newCount,
      view: { version: this.model.viewVersion, total, query: this.model.searchQuery, order: this.model.order },
      page: this.model.page(start, STATE_PAGE_ROWS),
      scrollTo: this.restoreScroll ? start : null,
    });
    this.restoreScroll = false;
    if (this.problems) {
      this.post(this.problems);
    }
  }

  showProblems(problems: ProblemsMessage): void {
    this.problems = problems;
    this.post(problems);
  }

  sendRows(viewVersion: number, start: number, count: number): void {
    if (viewVersion === this.model.viewVersion) {
      this.post({ type: 'rows', viewVersion, page: this.model.page(start, count) });
    }
  }

  sendDetail(viewVersion: number, position: number): void {
    const row = viewVersion === this.model.viewVersion ? this.model.detail(position) : undefined;
    if (row) {
      this.post({ type: 'detail', viewVersion, row });
    }
  }

  noteRendered(report: RenderedReport): void {
    if (report.viewVersion !== this.model.viewVersion) {
      return;
    }
    this.lastRendered = report;
    this.firstPosition = report.firstPosition;
    const firstRowsMs = report.rowCount > 0 ? this.timings.noteRowsShown() : undefined;
    if (firstRowsMs !== undefined) {
      this.hooks.log('info', `first rows on screen ${firstRowsMs} ms after opening.`);
    }
  }

  private post(message: HostMessage): void {
    if (!this.hooks.canPost()) {
      return;
    }
    const fitted = fitForWebview(message);
    if (fitted.problem !== undefined) {
      this.unfitMessages++;
      this.hooks.log(
        'error',
        `a ${message.type} message breaks the webview protocol (${fitted.problem}); the panel shows an error instead.`,
      );
      if (!fitted.message) {
        this.hooks.unsendable(fitted.problem);
        return;
      }
    }
    if (fitted.message) {
      void this.webview.postMessage(fitted.message);
    }
  }
}
