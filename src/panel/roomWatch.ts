import type { RtcMessage } from '../api/types';
import { PollTimer, realScheduler, type Scheduler } from '../core/pollTimer';

/** What Watch needs from its panel. */
export interface WatchedRoom {
  /** A copy is loaded and no load is running, so a poll makes sense. */
  canPoll(): boolean;
  fetchMessages(signal: AbortSignal): Promise<RtcMessage[]>;
  polled(messages: RtcMessage[]): void;
  pollFailed(error: unknown): void;
  /** After every poll, whatever its outcome: the panel shows the result. */
  pollEnded(): void;
}

/**
 * A room panel's Watch: the user's on/off choice, the timer (which only runs while the
 * panel can be seen) and the poll in flight, which stopping aborts so nothing more reaches
 * the server after a sign-out. No vscode import.
 */
export class RoomWatch {
  /** Watch is on (it polls only while also `update(true)`). */
  enabled = false;
  private polling: AbortController | undefined;
  private readonly timer: PollTimer;

  constructor(
    intervalMs: () => number,
    private readonly room: WatchedRoom,
    scheduler: Scheduler = realScheduler,
  ) {
    this.timer = new PollTimer(intervalMs, () => this.poll(), scheduler);
  }

  /** Polls while enabled and `canRun` (the panel is visible and open). */
  update(canRun: boolean): void {
    this.timer.setActive(this.enabled && canRun);
  }

  /** Restarts the wait, e.g. after a load made the next poll pointless or the interval changed. */
  restart(): void {
    this.timer.restart();
  }

  /** Turns Watch off at once, aborting a poll in flight. */
  stop(): void {
    this.enabled = false;
    this.polling?.abort();
    this.timer.setActive(false);
  }

  dispose(): void {
    this.polling?.abort();
    this.timer.dispose();
  }

  private async poll(): Promise<void> {
    if (!this.room.canPoll()) {
      return;
    }
    const controller = new AbortController();
    this.polling = controller;
    try {
      const messages = await this.room.fetchMessages(controller.signal);
      if (!controller.signal.aborted) {
        this.room.polled(messages);
      }
    } catch (error) {
      if (!controller.signal.aborted) {
        this.room.pollFailed(error);
      }
    } finally {
      this.polling = undefined;
      this.room.pollEnded();
    }
  }
}
