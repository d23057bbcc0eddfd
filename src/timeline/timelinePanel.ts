import * as vscode from 'vscode';
import type { RoomSummary } from '../api/types';
import { summarizeForLog } from '../shared/protocol';
import { localOffsetMs, tickFormatter } from '../shared/timelineAxis';
import {
  TIMELINE_VIEW_TYPE,
  checkTimelineHostMessage,
  checkTimelineWebviewMessage,
  type BarsMessage,
  type DrawnMessage,
  type TimelineBar,
  type TimelineWebviewMessage,
} from '../shared/timelineProtocol';
import { timelineRows, type BarSources, type TimelineRows } from './timelineBars';
import { createNonce } from '../core/webviewHtml';
import { buildTimelineHtml } from './timelineHtml';
import { savePicture, type PictureHost } from './timelinePicture';
import { timelineLabels } from './timelineWords';

/** What the panel needs: the rooms the Rooms view shows, where bars come from, and what a click does. */
export interface TimelineHost extends PictureHost {
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  shownRooms(): readonly RoomSummary[];
  sources: BarSources;
  openRoom(roomId: string): Promise<unknown>;
  /** Runs a user action with the extension's usual error handling. */
  run(label: string, action: () => Promise<unknown>): Promise<unknown>;
}

/**
 * The one Rooms Timeline panel. Its page is rebuilt whenever it is shown again (no retained
 * context): everything it draws is resent from here on each `ready`.
 */
export class TimelinePanel implements vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  private rows: TimelineRows = { bars: [], roomIds: [] };
  private version = 0;
  private now = Date.now();
  private pending: ReturnType<typeof setTimeout> | undefined;
  private isDisposed = false;
  private readonly disposed = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposed.event;
  lastDrawn: DrawnMessage | undefined;
  rejectedMessages = 0;

  /** `restored`: the panel VS Code brought back after a window reload, given a new page here. */
  constructor(
    private readonly host: TimelineHost,
    restored?: vscode.WebviewPanel,
  ) {
    const options: vscode.WebviewOptions & vscode.WebviewPanelOptions = {
      enableScripts: true,
      enableCommandUris: false,
      enableFindWidget: false,
      localResourceRoots: [vscode.Uri.joinPath(host.extensionUri, 'dist'), vscode.Uri.joinPath(host.extensionUri, 'media')],
    };
    this.panel =
      restored ?? vscode.window.createWebviewPanel(TIMELINE_VIEW_TYPE, timelineLabels().title, vscode.ViewColumn.Active, options);
    const webview = this.panel.webview;
    // A restored panel keeps the options it was saved with: set ours again, as a new one gets them.
    webview.options = options;
    webview.html = buildTimelineHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(host.extensionUri, 'dist', 'timeline.js')).toString(),
      styleUris: ['base.css', 'timeline.css'].map((name) =>
        webview.asWebviewUri(vscode.Uri.joinPath(host.extensionUri, 'media', name)).toString(),
      ),
      lang: vscode.env.language,
    });
    webview.onDidReceiveMessage((message: unknown) => this.receive(message));
    this.panel.onDidDispose(() => this.dispose());
  }

  get barCount(): number {
    return this.rows.bars.length;
  }

  get bars(): readonly TimelineBar[] {
    return this.rows.bars;
  }

  get roomIds(): readonly string[] {
    return this.rows.roomIds;
  }

  get currentVersion(): number {
    return this.version;
  }

  /** The list, the problems or the arrivals changed: one resend for a burst of changes. */
  update(): void {
    clearTimeout(this.pending);
    this.pending = setTimeout(() => this.send(), 0);
  }

  receive(raw: unknown): void {
    const checked = checkTimelineWebviewMessage(raw);
    if (!checked.ok) {
      this.rejectedMessages++;
      this.host.log.warn(`Timeline: ignored a message from the page that does not fit (${checked.problem}): ${summarizeForLog(raw)}`);
      return;
    }
    this.handle(checked.value);
  }

  private handle(message: TimelineWebviewMessage): void {
    switch (message.type) {
      case 'ready':
        this.send();
        return;
      case 'drawn':
        this.lastDrawn = message;
        return;
      case 'open': {
        const roomId = message.version === this.version ? this.rows.roomIds[message.index] : undefined;
        if (roomId !== undefined) {
          void this.host.run(vscode.l10n.t('Open Room'), () => this.host.openRoom(roomId));
        }
        return;
      }
      case 'picture':
        if (message.version === this.version) {
          const formatTick = tickFormatter(vscode.env.language);
          const picture = { ...message, bars: this.rows.bars, now: this.now, formatTick, offsetMs: localOffsetMs };
          void this.host.run(vscode.l10n.t('Save Timeline Picture'), () => savePicture(this.host, picture));
        }
        return;
      case 'log':
        this.host.log[message.level](`Timeline page: ${message.message}`);
        return;
    }
  }

  private send(): void {
    clearTimeout(this.pending);
    this.pending = undefined;
    if (this.isDisposed) {
      return;
    }
    this.now = Date.now();
    this.rows = timelineRows(this.host.shownRooms(), this.host.sources);
    this.version++;
    const message: BarsMessage = {
      type: 'bars',
      version: this.version,
      now: this.now,
      locale: vscode.env.language.slice(0, 64),
      bars: this.rows.bars,
      labels: timelineLabels(),
    };
    const checked = checkTimelineHostMessage(message);
    if (!checked.ok) {
      // Only a list beyond the protocol's bound gets here: say so instead of a page that never draws.
      this.host.log.error(`Timeline: the rooms do not fit the page (${checked.problem}).`);
      void this.panel.webview.postMessage({ ...message, bars: [] });
      return;
    }
    void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this.isDisposed = true;
    clearTimeout(this.pending);
    this.panel.dispose();
    this.disposed.fire();
    this.disposed.dispose();
  }
}
