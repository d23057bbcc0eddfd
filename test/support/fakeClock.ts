import type { Scheduler } from '../../src/core/pollTimer';

/** Lets the promise callbacks queued so far run. */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A clock that moves only when told to, so a test knows exactly which waits have ended (and never sleeps). */
export class FakeClock implements Scheduler {
  private now = 0;
  private nextHandle = 1;
  private readonly pending = new Map<number, { at: number; callback: () => void }>();

  setTimeout(callback: () => void, ms: number): number {
    const handle = this.nextHandle++;
    this.pending.set(handle, { at: this.now + ms, callback });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  get waits(): number {
    return this.pending.size;
  }

  /** Moves time on, running each wait that ends on the way (and what its tick does at once). */
  async advance(ms: number): Promise<void> {
    const until = this.now + ms;
    for (;;) {
      const due = [...this.pending].filter(([, wait]) => wait.at <= until).sort(([, a], [, b]) => a.at - b.at)[0];
      if (!due) {
        break;
      }
      this.pending.delete(due[0]);
      this.now = due[1].at;
      due[1].callback();
      await settle();
    }
    this.now = until;
  }
}
