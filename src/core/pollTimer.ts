/** A floor under the interval, so a mistyped setting cannot turn Watch into a flood of requests. */
const MIN_INTERVAL_MS = 100;

/** Where the waits come from: the real clock in the extension, a fake one in unit tests. */
export interface Scheduler {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realScheduler: Scheduler = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Runs `tick` every interval while active. The next wait starts only after a tick has
 * finished, so a slow server never gets overlapping polls; the interval is read before each
 * wait, so a settings change applies from the next one. No vscode import (unit-tested).
 */
export class PollTimer {
  private timer: unknown;
  private active = false;
  private running = false;
  private disposed = false;

  constructor(
    private readonly intervalMs: () => number,
    private readonly tick: () => Promise<void>,
    private readonly scheduler: Scheduler = realScheduler,
  ) {}

  /** Starts or pauses polling; starting waits a full interval before the first tick. */
  setActive(active: boolean): void {
    if (this.disposed || active === this.active) {
      return;
    }
    this.active = active;
    if (active) {
      this.schedule();
    } else {
      this.clear();
    }
  }

  /** Restarts the wait, e.g. after a manual refresh made the next poll pointless. */
  restart(): void {
    if (this.active && !this.running) {
      this.clear();
      this.schedule();
    }
  }

  dispose(): void {
    this.disposed = true;
    this.active = false;
    this.clear();
  }

  private schedule(): void {
    this.timer = this.scheduler.setTimeout(() => void this.run(), Math.max(MIN_INTERVAL_MS, this.intervalMs()));
  }

  private async run(): Promise<void> {
    this.timer = undefined;
    this.running = true;
    try {
      await this.tick();
    } catch {
      // The tick reports its own failures; polling goes on regardless.
    } finally {
      this.running = false;
    }
    if (this.active && !this.disposed && this.timer === undefined) {
      this.schedule();
    }
  }

  private clear(): void {
    if (this.timer !== undefined) {
      this.scheduler.clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}
