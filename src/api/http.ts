import type { Dispatcher } from 'undici';
import { AttemptSignal, sleep, TOTAL_DEADLINE_FACTOR } from './abort';
import { createServerDispatcher, type ServerDispatcher } from './dispatcher';
import { WorldClientError } from './errors';
import { classifyFailure, errorCode, type FailedRequestContext } from './failures';
import { redactHeaders, redactSecrets } from './redact';
import type { RawReply } from './replies';
import { readBody, streamBody } from './bodies';
import type { ReplyBudget } from './replyBudget';
import {
  backoffDelayMs,
  decideRetryDelay,
  DEFAULT_MAX_RETRIES,
  isRetryableNetworkCode,
  RETRYABLE_STATUSES,
  type RetryTuning,
} from './retry';
import type { Credentials, RequestLogEntry, ServerConfig } from './types';
import { redactUrl, withSessionParam, type HttpMethod, type ParsedBaseUrl } from './urls';

import type { BodyPeek } from './bodies';

export type { BodyPeek } from './bodies';

export interface OutgoingRequest {
  method: HttpMethod;
  /** Path and query, without the session. */
  path: string;
  /** JSON text to send. */
  body?: string;
  /** What the log shows as the body (passwords replaced); defaults to `body`. */
  logBody?: string;
  /** Present when the call needs a session. */
  credentials?: Credentials;
  /** True for GETs that may safely be sent again; sending a one-time code, for one, is a GET that is not. */
  retryable: boolean;
  /** The operation in words, for messages. */
  what: string;
  /** Extra secrets to keep out of log entries, e.g. the password of a sign-in. */
  secrets?: readonly string[];
  /** Statuses the caller expects as an answer (the 404 of "does this id exist?"); marked `expected` in the log entry. */
  expectedStatuses?: readonly number[];
  /**
   * Sees each chunk of a 200 reply's body as it arrives, with the length the reply declared,
   * until it returns false; for previews of big replies.
   */
  peekBody?: BodyPeek;
  /** Headers beyond the ones every request gets; secret ones (Cookie…) are redacted in the log by name. */
  headers?: Readonly<Record<string, string>>;
  /**
   * Takes a 200 reply's body chunk by chunk (to write it to a file) instead of reading it into
   * memory; the reply's text is then empty. Such a reply is never held, so no size cap applies.
   */
  sink?: (chunk: Uint8Array) => Promise<void>;
}

/** No cap on a reply's size, in undici's terms. */
const UNBOUNDED = -1;

/** Bodies above this are not copied into log entries: the log is for reading and "copy as curl", not archiving. */
const MAX_LOGGED_BODY_CHARS = 1024 * 1024;

/**
 * Sends requests to one server over a keep-alive pool: one attempt per try, each with its own
 * timeout, GETs retried on connection failures and 429/502/503/504, every attempt logged.
 * Returns the last reply whatever its status; throws a WorldClientError only when there was
 * no reply at all (network, TLS, timeout, cancel).
 */
export class HttpTransport {
  private pool: ServerDispatcher | undefined;
  /** For replies streamed to a sink, which have no size cap; made on the first such request. */
  private streamingPool: ServerDispatcher | undefined;
  private closed = false;
  private readonly maxRetries: number;
  private readonly totalTimeoutMs: number;

  constructor(
    private readonly config: ServerConfig,
    private readonly server: ParsedBaseUrl,
    private readonly onRequest: ((entry: RequestLogEntry) => void) | undefined,
    private readonly tuning: RetryTuning,
    private readonly budget: ReplyBudget,
  ) {
    this.maxRetries = Math.max(0, config.maxRetries ?? DEFAULT_MAX_RETRIES);
    this.totalTimeoutMs = config.totalTimeoutMs ?? config.timeoutMs * TOTAL_DEADLINE_FACTOR;
  }

  async send(request: OutgoingRequest, callerSignal?: AbortSignal): Promise<RawReply> {
    const pool = this.connectionPool(request.what, request.sink !== undefined);
    const context: FailedRequestContext = {
      what: request.what,
      host: this.server.origin.replace(/^https?:\/\//, ''),
      proxyHost: pool.proxyHost,
      timeoutMs: this.config.timeoutMs,
      totalTimeoutMs: this.totalTimeoutMs,
      secrets: secretsOf(request),
    };
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(pool.dispatcher, request, attempt, context, callerSignal);
      const mayRetry = request.retryable && attempt <= this.maxRetries;
      let delayMs: number | undefined;
      if (outcome.reply) {
        if (mayRetry && RETRYABLE_STATUSES.has(outcome.reply.status)) {
          const decision = decideRetryDelay(attempt, outcome.reply.retryAfter, this.tuning);
          delayMs = decision.retry ? decision.delayMs : undefined;
        }
        if (delayMs === undefined) {
          return outcome.reply;
        }
        outcome.reply.release?.();
      } else {
        if (!mayRetry || outcome.error.kind !== 'network' || !isRetryableNetworkCode(outcome.code)) {
          throw outcome.error;
        }
        delayMs = backoffDelayMs(attempt, this.tuning);
      }
      await pause(delayMs, context, callerSignal);
    }
  }

  /** Idempotent; closing is best effort, as a pool that undici already destroyed refuses to close again. */
  async close(): Promise<void> {
    if (this.closed) {
      return;
    }
    this.closed = true;
    await Promise.all([this.pool, this.streamingPool].map((pool) => pool?.dispatcher.close().catch(() => undefined)));
  }

  private connectionPool(what: string, streaming: boolean): ServerDispatcher {
    if (this.closed) {
      throw new WorldClientError(
        'cancelled',
        `Cancelled: did not ${what}, because this client was closed (for example after a settings change). Try again.`,
      );
    }
    try {
      if (streaming) {
        this.streamingPool ??= createServerDispatcher(this.config, this.server, UNBOUNDED);
        return this.streamingPool;
      }
      this.pool ??= createServerDispatcher(this.config, this.server);
      return this.pool;
    } catch (error) {
      throw new WorldClientError('network', `Could not ${what}: ${(error as Error).message}`, { cause: error });
    }
  }

  private async attempt(
    dispatcher: Dispatcher,
    request: OutgoingRequest,
    attempt: number,
    context: FailedRequestContext,
    callerSignal?: AbortSignal,
  ): Promise<{ reply: RawReply } | { reply?: undefined; error: WorldClientError; code?: string }> {
    const { path, headers } = this.prepare(request);
    const started = performance.now();
    const signal = new AttemptSignal(this.config.timeoutMs, callerSignal, this.totalTimeoutMs);
    let status: number | undefined;
    let bytes = 0;
    try {
      const response = await dispatcher.request({
        origin: this.server.origin,
        path,
        method: request.method,
        headers,
        body: request.body,
        signal: signal.signal,
        headersTimeout: this.config.timeoutMs,
        bodyTimeout: this.config.timeoutMs,
      });
      status = response.statusCode;
      signal.stopDeadline();
      const declared = declaredLength(response.headers['content-length']);
      const counted = (read: number): void => {
        bytes = read;
      };
      const peek = status === 200 ? request.peekBody : undefined;
      const body =
        status === 200 && request.sink
          ? await streamBody(response.body, request.sink, counted)
          : await readBody(response.body, () => this.budget.meter(declared), peek, declared, counted);
      const reply: RawReply = {
        status,
        contentType: headerValue(response.headers['content-type']),
        location: optionalHeader(response.headers.location),
        retryAfter: optionalHeader(response.headers['retry-after']),
        setCookies: headerList(response.headers['set-cookie']),
        text: body.text,
        bytes,
        release: body.release,
      };
      this.log(request, path, headers, { status, ms: performance.now() - started, bytes, attempt });
      return { reply };
    } catch (error) {
      const failure = classifyFailure(error, context, signal);
      const logError = redactSecrets(failure.message, secretsOf(request));
      this.log(request, path, headers, { status, ms: performance.now() - started, bytes, attempt, error: logError });
      return { error: failure, code: errorCode(error) };
    } finally {
      signal.dispose();
    }
  }

  /** The path with the session added when it travels in the query, and the headers to send. */
  private prepare(request: OutgoingRequest): { path: string; headers: Record<string, string> } {
    const headers: Record<string, string> = { Accept: 'application/json', ...request.headers };
    if (request.body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    let path = request.path;
    const credentials = request.credentials;
    if (credentials) {
      if (this.config.sessionTransport === 'query') {
        path = withSessionParam(path, credentials.session);
      } else {
        headers.Authorization = `Bearer ${credentials.session}`;
      }
      if (credentials.csrfToken && request.method !== 'GET') {
        headers['X-CSRF-Token'] = credentials.csrfToken;
      }
    }
    return { path, headers };
  }

  private log(
    request: OutgoingRequest,
    path: string,
    headers: Record<string, string>,
    outcome: { status?: number; ms: number; bytes: number; attempt: number; error?: string },
  ): void {
    if (!this.onRequest) {
      return;
    }
    const body = request.logBody ?? request.body;
    const entry: RequestLogEntry = {
      method: request.method,
      url: redactUrl(`${this.server.origin}${path}`),
      status: outcome.status,
      ms: Math.round(outcome.ms * 10) / 10,
      bytes: outcome.bytes,
      error: outcome.error,
      requestBody: body !== undefined && body.length <= MAX_LOGGED_BODY_CHARS ? body : undefined,
      headers: redactHeaders(headers),
      attempt: outcome.attempt,
      expected: outcome.status !== undefined && request.expectedStatuses?.includes(outcome.status) ? true : undefined,
    };
    try {
      this.onRequest(entry);
    } catch {
      // A failing log must not fail the request it describes.
    }
  }
}

/** The wait between attempts; a cancel during it ends the call at once. */
async function pause(ms: number, context: FailedRequestContext, callerSignal?: AbortSignal): Promise<void> {
  try {
    await sleep(ms, callerSignal);
  } catch (error) {
    throw classifyFailure(error, context, { cancelled: true, timedOut: false });
  }
}

function declaredLength(value: string | string[] | undefined): number | undefined {
  const length = typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isSafeInteger(length) && length >= 0 ? length : undefined;
}

function headerValue(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(', ') : (value ?? '');
}

function headerList(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function optionalHeader(value: string | string[] | undefined): string | undefined {
  return value === undefined ? undefined : headerValue(value);
}

function secretsOf(request: OutgoingRequest): string[] {
  const { credentials } = request;
  return [credentials?.session ?? '', credentials?.csrfToken ?? '', ...(request.secrets ?? [])];
}
