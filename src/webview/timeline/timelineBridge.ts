import { summarizeForLog } from '../../shared/protocol';
import {
  MAX_TIMELINE_LOG_CHARS,
  checkTimelineHostMessage,
  type TimelineHostMessage,
  type TimelineWebviewMessage,
} from '../../shared/timelineProtocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** The page's side of the timeline protocol: typed sends, and receives checked against the schema first. */
export class TimelineBridge {
  private readonly api = acquireVsCodeApi();

  post(message: TimelineWebviewMessage): void {
    this.api.postMessage(message);
  }

  /** `receivedAt` is when the message arrived, before its check: the render time counts from there. */
  listen(handler: (message: TimelineHostMessage, receivedAt: number) => void): void {
    window.addEventListener('message', (event: MessageEvent<unknown>) => {
      const receivedAt = performance.now();
      const checked = checkTimelineHostMessage(event.data);
      if (!checked.ok) {
        const text = `Ignored a message from the extension that does not fit (${checked.problem}): ${summarizeForLog(event.data)}`;
        this.post({ type: 'log', level: 'warn', message: text.slice(0, MAX_TIMELINE_LOG_CHARS) });
        return;
      }
      handler(checked.value, receivedAt);
    });
    window.addEventListener('error', (event) => {
      this.post({ type: 'log', level: 'error', message: `Page error: ${String(event.message)}`.slice(0, MAX_TIMELINE_LOG_CHARS) });
    });
  }
}
