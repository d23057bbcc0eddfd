/**
 * Runs `tick` every interval while active. The next wait starts only after a tick has
 * finished, so a slow server never gets overlapping polls; the interval is read before each
 * wait, so a settings change applies from the next one. No vscode import (unit-tested).
 */
export class PollTimer {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private active = false;
  private running = false;
  private disposed = false;

  constructor(
    private readonly intervalMs: () => number,
    private readonly tick: () => Promise<void>,
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
    this.timer = setTimeout(() => void this.run(), Math.max(100, this.intervalMs()));
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
    if (this.active && !this.disposed && !this.timer) {
      this.schedule();
    }
  }

  private clear(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}
