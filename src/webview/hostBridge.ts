import {
  MAX_LOG_CHARS,
  checkHostMessage,
  checkPanelState,
  summarizeForLog,
  type ColumnWidths,
  type HostMessage,
  type PanelState,
  type WebviewMessage,
} from '../shared/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  setState(state: unknown): void;
  getState(): unknown;
}

declare function acquireVsCodeApi(): VsCodeApi;

/**
 * The webview's side of the protocol: typed sends, and receives that are checked against the
 * shared schema first. Anything that does not fit is dropped and reported to the host log, so
 * a bug (or a forged message) shows up instead of half-rendering.
 */
export class HostBridge {
  private readonly api = acquireVsCodeApi();
  private saved: PanelState = { roomId: '', columns: undefined };

  constructor() {
    const checked = checkPanelState(this.api.getState());
    if (checked.ok) {
      this.saved = checked.value;
    }
  }

  post(message: WebviewMessage): void {
    this.api.postMessage(message);
  }

  /** Only the room id and the column widths survive a reload; everything else is asked from the host again. */
  rememberRoom(roomId: string): void {
    this.saved = { ...this.saved, roomId };
    this.api.setState(this.saved);
  }

  get savedColumns(): ColumnWidths | undefined {
    return this.saved.columns;
  }

  rememberColumns(columns: ColumnWidths): void {
    this.saved = { ...this.saved, columns };
    // Kept only once the room id is known: the restorer needs it, and a state without one does not fit.
    if (this.saved.roomId) {
      this.api.setState(this.saved);
    }
  }

  listen(handler: (message: HostMessage) => void): void {
    window.addEventListener('message', (event: MessageEvent<unknown>) => {
      const checked = checkHostMessage(event.data);
      if (!checked.ok) {
        const text =
          `Ignored a message from the extension that does not fit the protocol (${checked.problem}): ` + summarizeForLog(event.data);
        console.warn(text);
        this.post({ type: 'log', level: 'warn', message: text.slice(0, MAX_LOG_CHARS) });
        return;
      }
      handler(checked.value);
    });
  }

  reportErrors(): void {
    window.addEventListener('error', (event) => {
      this.post({ type: 'log', level: 'error', message: `Webview error: ${String(event.message)}`.slice(0, MAX_LOG_CHARS) });
    });
  }
}
