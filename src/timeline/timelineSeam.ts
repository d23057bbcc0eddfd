import type { DrawnMessage, TimelineBar } from '../shared/timelineProtocol';
import type { TimelinePanel } from './timelinePanel';

/** What the integration tests and the benchmark read of the timeline panel. */
export interface TimelineDescription {
  visible: boolean;
  title: string;
  /** The version of the bars last sent; the page's `drawn` report names the version it drew. */
  version: number;
  barCount: number;
  /** The rooms in timeline order, as the host sent them. */
  roomIds: readonly string[];
  /** The bars as sent, in the same order: times, problem marks, ticks. */
  bars: readonly TimelineBar[];
  /** What the page last said it drew: the rows on screen, the time window, how long it took. */
  drawn: DrawnMessage | undefined;
  rejectedMessages: number;
}

export interface TimelineSeam {
  describe(): TimelineDescription | undefined;
  /** Delivers `message` to the panel exactly as if its page had posted it. */
  receive(message: unknown): void;
}

/** The seam over the open timeline, apart from the panel so product code never depends on what only tests read. */
export function timelineSeam(current: () => TimelinePanel | undefined): TimelineSeam {
  return {
    describe() {
      const panel = current();
      return (
        panel && {
          visible: panel.panel.visible,
          title: panel.panel.title,
          version: panel.currentVersion,
          barCount: panel.barCount,
          roomIds: panel.roomIds,
          bars: panel.bars,
          drawn: panel.lastDrawn,
          rejectedMessages: panel.rejectedMessages,
        }
      );
    },
    receive: (message) => current()?.receive(message),
  };
}
