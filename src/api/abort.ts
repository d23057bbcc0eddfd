/**
 * How long a whole request may take, reply body included, as a multiple of the request
 * timeout: undici's bodyTimeout only limits the silence between two chunks, so a reply that
 * trickles a byte now and then would otherwise never end. 10 × 30 s by default is 5 minutes,
 * ample for the biggest reply the client accepts over a slow link.
 */
export const TOTAL_DEADLINE_FACTOR = 10;

/**
 * One attempt's abort signal: fires when the caller cancels, when the server has not started
 * answering in time, or when the whole attempt (body included) overruns its total deadline,
 * and remembers which it was. A hand-made controller rather than
 * AbortSignal.any(AbortSignal.timeout(...)) so the timers and listener are released as soon
 * as the attempt ends, and so "cancelled" and "timed out" are never confused.
 */
export class AttemptSignal {
  private readonly controller = new AbortController();
  private readonly startTimer: NodeJS.Timeout;
  private readonly totalTimer: NodeJS.Timeout;
  private didTimeOut = false;
  private didOverrun = false;
  private readonly onCallerAbort = (): void => this.controller.abort(this.callerSignal?.reason);

  constructor(
    timeoutMs: number,
    private readonly callerSignal?: AbortSignal,
    totalTimeoutMs = timeoutMs * TOTAL_DEADLINE_FACTOR,
  ) {
    this.startTimer = setTimeout(() => {
      this.didTimeOut = true;
      this.controller.abort(new Error(`timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    this.totalTimer = setTimeout(() => {
      this.didTimeOut = true;
      this.didOverrun = true;
      this.controller.abort(new Error(`did not finish within ${totalTimeoutMs} ms`));
    }, totalTimeoutMs);
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

  /** True only when a timer fired and the caller had not cancelled first. */
  get timedOut(): boolean {
    return this.didTimeOut && !this.cancelled;
  }

  /** True when the total deadline (not the wait for the reply to start) ended the attempt. */
  get overran(): boolean {
    return this.didOverrun && !this.cancelled;
  }

  /**
   * The reply has started: from here undici's bodyTimeout (silence between chunks) and the
   * total deadline guard the body, so a big reply that keeps arriving is not cut off by the
   * start deadline, and one that trickles forever still ends.
   */
  stopDeadline(): void {
    clearTimeout(this.startTimer);
  }

  dispose(): void {
    clearTimeout(this.startTimer);
    clearTimeout(this.totalTimer);
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
