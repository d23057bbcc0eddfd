import * as vscode from 'vscode';
import type { RoomPreview } from '../api/roomPreview';
import type { Room } from '../api/types';
import { checkWebviewMessage, summarizeForLog, type PanelRemedy, type PanelStatus, type ProblemsMessage } from '../shared/protocol';
import { OpenTimings } from './openTimings';
import { blockedActions } from './panelBlocked';
import { describePanelFailure, type PanelFailureContext } from './panelFailure';
import { answerWebview } from './panelMessages';
import { RoomWatch } from './roomWatch';
import { PanelPage, STATE_PAGE_ROWS } from './panelPage';
import { clipForPanel } from './protocolGuard';
import { RoomPanelData } from './roomPanelData';
import type { RoomPanelHost } from './roomPanelHost';
import { shownServer } from '../core/serverConnection';
import { setUpRoomWebview } from './webviewSetup';
import { errorMessage } from '../api/errors';
import { SHOWN_ID_MAX_CHARS, visibleId } from '../shared/inertText';
import { counted } from '../core/counts';

export type { RenderedReport } from './panelPage';

/**
 * One room panel: loads the room, answers its webview's requests, and watches the room while
 * asked to and visible. The webview is rebuilt whenever the panel is hidden and shown again
 * (no retained context), so everything it shows is resent from here on each `ready`.
 */
export class RoomPanel implements vscode.Disposable {
  readonly model = new RoomPanelData((messageId) => this.host.messageHistory(this.roomId, messageId));
  status: PanelStatus = 'loading';
  statusText = '';
  /** What the banner offers besides its text: Switch back (and Close), or Undo. */
  remedy: PanelRemedy = 'none';
  updatedAt = '';
  readonly timings = new OpenTimings();
  readonly page: PanelPage;
  rejectedMessages = 0;
  /** The last load failed because the room is too big to hold: Export JSON then streams it to a file. */
  tooBig = false;
  private loading: AbortController | undefined;
  /** The server the copy on screen came from, so a switch can say the room is not on the new one (and Switch back goes there). */
  loadedFrom: string | undefined;
  /** Delete Room in this window removed the room: the panel says so. */
  private deletedHere = false;
  private disposed = false;
  private readonly watch: RoomWatch;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly roomId: string,
    readonly panel: vscode.WebviewPanel,
    private readonly host: RoomPanelHost,
  ) {
    // A tab title is one short line: a huge id is cut, bidi controls and newlines shown (the header and Copy keep all of it).
    panel.title = visibleId(roomId);
    setUpRoomWebview(panel.webview, host.extensionUri);
    this.page = new PanelPage(panel.webview, this.model, this.timings, {
      display: () => ({
        status: this.status,
        statusText: this.statusText,
        server: this.shownServer,
        remedy: this.remedy,
        blocked: blockedActions(host.connection.state === 'signedIn', this.status),
        watching: this.watching,
        watchIntervalSeconds: Math.max(1, Math.round(host.watchIntervalMs() / 1000)),
        updatedAt: this.updatedAt,
      }),
      canPost: () => !this.disposed && panel.visible,
      unsendable: (problem) => {
        this.setStatus(
          'error',
          vscode.l10n.t('This panel cannot show part of the room ({0}). "Open Room as JSON" shows all of it.', problem),
        );
        this.sendState();
      },
      log: (level, line) => host.log[level](`Room panel "${visibleId(roomId)}": ${line}`),
    });
    this.watch = new RoomWatch(() => host.watchIntervalMs(), {
      canPoll: () => this.model.loaded !== undefined && !this.loading && !this.disposed,
      fetchMessages: (signal) => host.connection.api().getRoomMessages(roomId, signal),
      polled: (messages) => this.polled(messages),
      pollFailed: (error) => {
        if (!this.disposed) {
          this.showFailure(error, 'watch');
        }
      },
      pollEnded: () => this.sendState(),
    });
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
      panel.onDidChangeViewState(() => this.visibilityChanged()),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** Watch is on (it polls while the panel is visible). */
  get watching(): boolean {
    return this.watch.enabled;
  }

  get room(): Room | undefined {
    return this.model.loaded;
  }

  /** The server the header names: the one the copy on screen came from, else the one asked. */
  get shownServer(): string {
    const serverUrl = this.loadedFrom ?? this.host.connection.serverUrl;
    return serverUrl ? shownServer(serverUrl) : '';
  }

  /** Loads the room again; rejects with the failure (also shown in the panel) so commands can report it. */
  async load(): Promise<void> {
    this.loading?.abort();
    const controller = new AbortController();
    this.loading = controller;
    this.status = 'loading';
    this.sendState();
    const serverUrl = this.host.connection.serverUrl;
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
      this.host.log.info(
        `Room panel "${visibleId(this.roomId)}": loaded ${counted(room.messages.length, 'message', 'messages')} ` +
          `in ${Date.now() - started} ms.`,
      );
      this.model.setRoom(room);
      this.loadedFrom = serverUrl;
      this.deletedHere = false;
      this.host.roomLoaded(this.roomId, room);
      this.setStatus('ready', '');
      this.updatedAt = new Date().toISOString();
      this.watch.restart();
    } catch (error) {
      if (controller.signal.aborted || this.disposed) {
        return;
      }
      this.model.dropPreview();
      this.tooBig = this.model.showListedIfTooBig(error, this.roomId, this.host.listedRoom(this.roomId));
      this.showFailure(error, 'load', serverUrl);
      throw error;
    } finally {
      if (this.loading === controller) {
        this.loading = undefined;
        this.sendState();
      }
    }
  }

  setWatching(enabled: boolean): void {
    this.watch.enabled = enabled && this.status !== 'deleted';
    this.updatePoller();
    this.sendState();
  }

  /** The session ended: stop every request, keep the last copy on screen and say why it no longer updates. */
  markSignedOut(): void {
    this.loading?.abort();
    this.watch.stop();
    const signedOut = vscode.l10n.t('Signed out: this is the last copy loaded and it no longer updates.');
    this.setStatus('error', `${signedOut} ${vscode.l10n.t('Sign in again to reload this panel (Watch stays off until you turn it on).')}`);
    this.sendState();
  }

  /** The watch interval setting changed: the next wait uses it. */
  restartWatch(): void {
    this.watch.restart();
    this.sendState();
  }

  /** Handles one message from the webview (or from a test standing in for it). */
  receive(raw: unknown): void {
    const checked = checkWebviewMessage(raw);
    if (!checked.ok) {
      this.rejectedMessages++;
      this.host.log.warn(
        `Room panel "${visibleId(this.roomId)}": ignored a webview message that does not fit the protocol ` +
          `(${checked.problem}): ${summarizeForLog(raw)}`,
      );
      return;
    }
    answerWebview(this, this.host, checked.value);
  }

  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    this.loading?.abort();
    this.watch.dispose();
    this.disposables.forEach((disposable) => disposable.dispose());
    this.panel.dispose();
    this.host.panelDisposed(this);
  }

  private polled(messages: Room['messages']): void {
    const { arrived } = this.model.updateMessages(messages);
    if (arrived > 0) {
      this.host.log.info(`Room panel "${visibleId(this.roomId)}": Watch found ${counted(arrived, 'new message', 'new messages')}.`);
    }
    this.setStatus('ready', '');
    this.updatedAt = new Date().toISOString();
  }

  /** The first rows of a big room while the rest arrives; a Refresh keeps showing the last full copy instead. */
  private showPreview(preview: RoomPreview, signal: AbortSignal, afterMs: number): void {
    if (signal.aborted || this.disposed || this.model.loaded) {
      return;
    }
    this.host.log.info(
      `Room panel "${visibleId(this.roomId)}": showing the first ${counted(preview.messages.length, 'message', 'messages')} ` +
        `${afterMs} ms into the load, while the rest arrives.`,
    );
    this.model.setPreview(this.roomId, preview);
    this.sendState();
  }

  /** Delete Room removed this room here: load again, so the panel says it was deleted (and how to undo it). */
  roomDeleted(): Promise<void> {
    this.deletedHere = true;
    return this.load();
  }

  private showFailure(error: unknown, during: 'load' | 'watch', serverUrl = this.host.connection.serverUrl): void {
    this.host.log.warn(`Room panel "${visibleId(this.roomId)}": ${during} failed: ${errorMessage(error)}`);
    const context: PanelFailureContext = {
      roomId: clipForPanel(this.roomId, SHOWN_ID_MAX_CHARS),
      during,
      hasCopy: this.model.loaded !== undefined,
      watchIntervalSeconds: Math.round(this.host.watchIntervalMs() / 1000),
      server: serverUrl ? shownServer(serverUrl) : 'no server',
      copyFrom: this.loadedFrom !== undefined && this.loadedFrom !== serverUrl ? shownServer(this.loadedFrom) : undefined,
      deletedHere: this.deletedHere,
    };
    const failure = describePanelFailure(error, context);
    this.setStatus(failure.status, failure.text, failure.status === 'elsewhere' && serverUrl ? 'switchBack' : 'none');
    if (failure.stopWatching) {
      this.watch.enabled = false;
    }
    this.updatePoller();
    if (failure.status === 'deleted' && serverUrl) {
      void this.offerUndo(serverUrl, () => describePanelFailure(error, { ...context, undoable: true }).text);
    }
  }

  /** While a saved copy from Delete Room lasts, the deleted room's panel says Undo brings it back, and offers it. */
  private async offerUndo(serverUrl: string, undoText: () => string): Promise<void> {
    const undoable = await this.host.canUndoDelete(this.roomId, serverUrl).catch(() => false);
    if (undoable && !this.disposed && this.status === 'deleted' && serverUrl === this.host.connection.serverUrl) {
      this.setStatus('deleted', undoText(), 'undo');
      this.sendState();
    }
  }

  private setStatus(status: PanelStatus, text: string, remedy: PanelRemedy = 'none'): void {
    this.status = status;
    this.statusText = clipForPanel(text);
    this.remedy = remedy;
  }

  private visibilityChanged(): void {
    if (this.panel.visible) {
      // The page was torn down while hidden and is loading again: state posted now is
      // delivered once it has loaded, and its `ready` brings another copy in any case.
      this.page.reloaded();
      this.sendState();
    }
    this.updatePoller();
  }

  private updatePoller(): void {
    this.watch.update(!this.disposed && this.panel.visible);
  }

  /** Sends what the webview shows above the list (header, status, actions); also on its requests. */
  sendState(): void {
    this.page.sendState();
  }

  /** New history of this room was recorded (e.g. a Watch poll's arrivals): rows show it, a First seen order follows. */
  historyChanged(): void {
    if (this.model.loaded) {
      this.model.historyChanged();
      this.sendState();
    }
  }

  /** The room's contract problems; the page keeps them to send again whenever the webview is rebuilt. */
  showProblems(problems: ProblemsMessage): void {
    this.page.showProblems(problems);
  }
}
