import * as vscode from 'vscode';
import type { RoomPreview } from '../api/roomPreview';
import type { Room } from '../api/types';
import { checkWebviewMessage, summarizeForLog, type HostMessage, type PanelAction, type PanelStatus, type ProblemsMessage, type WebviewMessage } from '../shared/protocol';
import { OpenTimings } from './openTimings';
import { describePanelFailure } from './panelFailure';
import { PollTimer } from './pollTimer';
import { RoomModel } from './roomModel';
import type { Connection } from '../session/connection';
import { setUpRoomWebview } from './webviewSetup';
import { errorMessage } from '../api/errors';

/** What a panel needs from the manager that owns it. */
export interface RoomPanelHost {
  readonly connection: Connection;
  readonly log: vscode.LogOutputChannel;
  readonly extensionUri: vscode.Uri;
  watchIntervalMs(): number;
  runAction(panel: RoomPanel, action: PanelAction): Promise<void>;
  copy(text: string): Promise<void>;
  panelDisposed(panel: RoomPanel): void;
  /** A full load (open, Refresh) is in: the state "Compare with…" offers as "when the panel was opened". */
  roomLoaded(roomId: string, room: Room): void;
}

/** The webview's last `rendered` report, as the tests and the benchmark read it. */
export interface RenderedReport {
  viewVersion: number;
  firstPosition: number;
  rowCount: number;
  domRowCount: number;
}

/** Rows sent along with every state, from the last scroll position: enough for a tall screen. */
const STATE_PAGE_ROWS = 80;

/**
 * One room panel: loads the room, answers its webview's requests, and watches the room while
 * asked to and visible. The webview is rebuilt whenever the panel is hidden and shown again
 * (no retained context), so everything it shows is resent from here on each `ready`.
 */
export class RoomPanel implements vscode.Disposable {
  /** The room's contract problems as last shown (see showProblems). */
  problems: ProblemsMessage | undefined;
  readonly model = new RoomModel();
  status: PanelStatus = 'loading';
  statusText = '';
  updatedAt = '';
  watching = false;
  lastRendered: RenderedReport | undefined;
  readonly timings = new OpenTimings();
  rejectedMessages = 0;
  private firstPosition = 0;
  private restoreScroll = false;
  private loading: AbortController | undefined;
  private polling: AbortController | undefined;
  private disposed = false;
  private readonly poller: PollTimer;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly roomId: string,
    readonly panel: vscode.WebviewPanel,
    private readonly host: RoomPanelHost,
  ) {
    panel.title = roomId;
    setUpRoomWebview(panel.webview, host.extensionUri);
    this.poller = new PollTimer(() => host.watchIntervalMs(), () => this.poll());
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
      panel.onDidChangeViewState(() => this.visibilityChanged()),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  get room(): Room | undefined {
    return this.model.loaded;
  }

  /** Loads the room again; rejects with the failure (also shown in the panel) so commands can report it. */
  async load(): Promise<void> {
    this.loading?.abort();
    const controller = new AbortController();
    this.loading = controller;
    this.status = 'loading';
    this.sendState();
    try {
      const started = Date.now();
      const room = await this.host.connection.api().getRoom(this.roomId, controller.signal, {
        size: STATE_PAGE_ROWS,
        onPreview: (preview) => this.showPreview(preview, controller.signal, Date.now() - started),
      });
      if (controller.signal.aborted) {
        return;
      }
      this.timings.noteLoaded();
      this.host.log.info(`Room panel "${this.roomId}": loaded ${room.messages.length} message(s) in ${Date.now() - started} ms.`);
      this.model.setRoom(room);
      this.host.roomLoaded(this.roomId, room);
      this.setStatus('ready', '');
      this.updatedAt = new Date().toISOString();
      this.poller.restart();
    } catch (error) {
      if (controller.signal.aborted || this.disposed) {
        return;
      }
      this.model.dropPreview();
      this.showFailure(error, 'load');
      throw error;
    } finally {
      if (this.loading === controller) {
        this.loading = undefined;
        this.sendState();
      }
    }
  }

  setWatching(enabled: boolean): void {
    this.watching = enabled && this.status !== 'deleted';
    this.updatePoller();
    this.sendState();
  }

  /** The watch interval setting changed: the next wait uses it. */
  restartWatch(): void {
    this.poller.restart();
    this.sendState();
  }

  /** Handles one message from the webview (or from a test standing in for it). */
  receive(raw: unknown): void {
    const checked = checkWebviewMessage(raw);
    if (!checked.ok) {
      this.rejectedMessages++;
      this.host.log.warn(`Room panel "${this.roomId}": ignored a webview message that does not fit the protocol (${checked.problem}): ${summarizeForLog(raw)}`);
      return;
    }
    this.handle(checked.value);
  }

  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    this.loading?.abort();
    this.polling?.abort();
    this.poller.dispose();
    this.disposables.forEach((disposable) => disposable.dispose());
    this.panel.dispose();
    this.host.panelDisposed(this);
  }

  private handle(message: WebviewMessage): void {
    const current = this.model.viewVersion;
    switch (message.type) {
      case 'ready':
        this.timings.noteWebviewReady();
        this.restoreScroll = this.firstPosition > 0;
        this.sendState();
        return;
      case 'requestRows':
        if (message.viewVersion === current) {
          this.post({ type: 'rows', viewVersion: current, page: this.model.page(message.start, message.count) });
        }
        return;
      case 'requestDetail': {
        const row = message.viewVersion === current ? this.model.detail(message.position) : undefined;
        if (row) {
          this.post({ type: 'detail', viewVersion: current, row });
        }
        return;
      }
      case 'search':
        this.model.search(message.query);
        this.firstPosition = 0;
        this.restoreScroll = true;
        this.sendState();
        return;
      case 'copy':
        this.copy(message.viewVersion, message.position, message.field);
        return;
      case 'action':
        void this.host.runAction(this, message.action);
        return;
      case 'setWatch':
        this.setWatching(message.enabled);
        return;
      case 'rendered':
        this.noteRendered(message);
        return;
      case 'log':
        this.host.log[message.level](`Room panel "${this.roomId}" webview: ${message.message}`);
        return;
    }
  }

  private copy(viewVersion: number, position: number, field: 'id' | 'salt' | 'data'): void {
    const message = viewVersion === this.model.viewVersion ? this.model.messageAt(position) : undefined;
    if (!message) {
      this.host.log.info(`Room panel "${this.roomId}": nothing copied, the list changed meanwhile; copy again.`);
      return;
    }
    void this.host.copy(message[field]);
  }

  private noteRendered(report: RenderedReport): void {
    if (report.viewVersion !== this.model.viewVersion) {
      return;
    }
    this.lastRendered = report;
    this.firstPosition = report.firstPosition;
    const firstRowsMs = report.rowCount > 0 ? this.timings.noteRowsShown() : undefined;
    if (firstRowsMs !== undefined) {
      this.host.log.info(`Room panel "${this.roomId}": first rows on screen ${firstRowsMs} ms after opening.`);
    }
  }

  private async poll(): Promise<void> {
    if (!this.model.loaded || this.loading || this.disposed) {
      return;
    }
    const controller = new AbortController();
    this.polling = controller;
    try {
      const messages = await this.host.connection.api().getRoomMessages(this.roomId, controller.signal);
      const { arrived } = this.model.updateMessages(messages);
      if (arrived > 0) {
        this.host.log.info(`Room panel "${this.roomId}": Watch found ${arrived} new message(s).`);
      }
      this.setStatus('ready', '');
      this.updatedAt = new Date().toISOString();
    } catch (error) {
      if (controller.signal.aborted || this.disposed) {
        return;
      }
      this.showFailure(error, 'watch');
    } finally {
      this.polling = undefined;
      this.sendState();
    }
  }

  /** The first rows of a big room while the rest arrives; a Refresh keeps showing the last full copy instead. */
  private showPreview(preview: RoomPreview, signal: AbortSignal, afterMs: number): void {
    if (signal.aborted || this.disposed || this.model.loaded) {
      return;
    }
    this.host.log.info(`Room panel "${this.roomId}": showing the first ${preview.messages.length} message(s) ${afterMs} ms into the load, while the rest arrives.`);
    this.model.setPreview(this.roomId, preview);
    this.sendState();
  }

  private showFailure(error: unknown, during: 'load' | 'watch'): void {
    this.host.log.warn(`Room panel "${this.roomId}": ${during} failed: ${errorMessage(error)}`);
    const failure = describePanelFailure(error, {
      roomId: this.roomId,
      during,
      hasCopy: this.model.loaded !== undefined,
      watchIntervalSeconds: Math.round(this.host.watchIntervalMs() / 1000),
    });
    this.setStatus(failure.status, failure.text);
    if (failure.stopWatching) {
      this.watching = false;
    }
    this.updatePoller();
  }

  private setStatus(status: PanelStatus, text: string): void {
    this.status = status;
    this.statusText = text;
  }

  private visibilityChanged(): void {
    if (this.panel.visible) {
      // The page was torn down while hidden and is loading again: state posted now is
      // delivered once it has loaded, and its `ready` brings another copy in any case.
      this.restoreScroll = this.firstPosition > 0;
      this.sendState();
    }
    this.updatePoller();
  }

  private updatePoller(): void {
    this.poller.setActive(this.watching && !this.disposed && this.panel.visible);
  }

  /**
   * Posted without waiting for the page's `ready`: the webview queues messages until its page
   * has loaded, which saves a round trip before the first rows. A hidden panel has no page.
   */
  private sendState(): void {
    if (!this.canPost()) {
      return;
    }
    const total = this.model.total;
    const start = Math.max(0, Math.min(this.firstPosition, total - 1));
    this.post({
      type: 'state',
      header: this.model.header(),
      status: this.status,
      statusText: this.statusText,
      watching: this.watching,
      watchIntervalSeconds: Math.max(1, Math.round(this.host.watchIntervalMs() / 1000)),
      updatedAt: this.updatedAt,
      newCount: this.model.newCount,
      view: { version: this.model.viewVersion, total, query: this.model.searchQuery },
      page: this.model.page(start, STATE_PAGE_ROWS),
      scrollTo: this.restoreScroll ? start : null,
    });
    this.restoreScroll = false;
    if (this.problems) {
      this.post(this.problems);
    }
  }

  /** The room's contract problems, kept to send again whenever the webview is rebuilt. */
  showProblems(problems: ProblemsMessage): void {
    this.problems = problems;
    this.post(problems);
  }

  private post(message: HostMessage): void {
    if (this.canPost()) {
      void this.panel.webview.postMessage(message);
    }
  }

  private canPost(): boolean {
    return !this.disposed && this.panel.visible;
  }
}
