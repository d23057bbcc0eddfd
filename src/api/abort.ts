/**
 * One attempt's abort signal: fires when the caller cancels or when the server has not
 * started answering in time, and remembers which of the two it was. A hand-made controller rather than
 * AbortSignal.any(AbortSignal.timeout(...)) so the timer and listener are released as soon
 * as the attempt ends, and so "cancelled" and "timed out" are never confused.
 */
export class AttemptSignal {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private didTimeOut = false;
  private readonly onCallerAbort = (): void => this.controller.abort(this.callerSignal?.reason);

  constructor(
    timeoutMs: number,
    private readonly callerSignal?: AbortSignal,
  ) {
    this.timer = setTimeout(() => {
      this.didTimeOut = true;
      this.controller.abort(new Error(`timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    callerSignal?.addEventListener('abort', this.onCallerAbort, { once: true });
    if (callerSignal?.aborted) {
      this.onCallerAbort();
    }
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get cancelled(): boolean {
    return this.callerSignal?.aborted === true;
  }

  /** True only when the timer fired and the caller had not cancelled first. */
  get timedOut(): boolean {
    return this.didTimeOut && !this.cancelled;
  }

  /**
   * The reply has started: from here undici's bodyTimeout (silence between chunks) guards
   * the body, so a big reply that keeps arriving is not cut off by the overall deadline.
   */
  stopDeadline(): void {
    clearTimeout(this.timer);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
  }
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
