/**
 * When and how long to wait before retrying a GET. Writes are never retried: a PUT or
 * DELETE that failed mid-way may have been applied, and sending it twice is not ours to decide.
 */
export interface RetryTuning {
  /** First backoff step; doubles each retry. */
  baseDelayMs: number;
  /** No single backoff wait is longer than this. */
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the call fails and says when to try again. */
  retryAfterCapMs: number;
  /** In [0, 1); injectable so tests get exact delays. */
  random: () => number;
  /** Milliseconds since the epoch; injectable for Retry-After dates. */
  now: () => number;
}

export const DEFAULT_RETRY_TUNING: Readonly<RetryTuning> = {
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  retryAfterCapMs: 30_000,
  random: Math.random,
  now: Date.now,
};

export const DEFAULT_MAX_RETRIES = 3;

/** Overload and gateway answers: the request most likely never reached the application. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/**
 * Exponential backoff with "equal jitter": half the step is fixed, half random, so clients
 * that failed together do not retry together, yet every wait is at least half the step.
 */
export function backoffDelayMs(retryNumber: number, tuning: RetryTuning): number {
  const step = Math.min(tuning.maxDelayMs, tuning.baseDelayMs * 2 ** (retryNumber - 1));
  return Math.round(step / 2 + tuning.random() * (step / 2));
}

/** Retry-After as delay-seconds or an HTTP date (RFC 9110 §10.2.3), in ms from now; undefined if absent or unreadable. */
export function parseRetryAfterMs(header: string | undefined, now: number): number | undefined {
  if (header === undefined) {
    return undefined;
  }
  const text = header.trim();
  if (/^\d+$/.test(text)) {
    return Number(text) * 1000;
  }
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export type RetryDecision = { retry: true; delayMs: number } | { retry: false; retryAfterMs?: number };

/** The wait before retry number `retryNumber` (1-based), honouring the server's Retry-After up to the cap. */
export function decideRetryDelay(retryNumber: number, retryAfterHeader: string | undefined, tuning: RetryTuning): RetryDecision {
  const retryAfterMs = parseRetryAfterMs(retryAfterHeader, tuning.now());
  if (retryAfterMs === undefined) {
    return { retry: true, delayMs: backoffDelayMs(retryNumber, tuning) };
  }
  if (retryAfterMs > tuning.retryAfterCapMs) {
    return { retry: false, retryAfterMs };
  }
  return { retry: true, delayMs: retryAfterMs };
}

/** Connection-level failures worth another try; DNS "no such host" and TLS problems are not. */
const RETRYABLE_NETWORK_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EAI_AGAIN', 'UND_ERR_SOCKET']);

export function isRetryableNetworkCode(code: string | undefined): boolean {
  return code !== undefined && RETRYABLE_NETWORK_CODES.has(code);
}
