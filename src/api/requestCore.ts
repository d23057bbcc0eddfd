import { errorMessage, WorldClientError } from './errors';
import { HttpTransport, type OutgoingRequest } from './http';
import { redactSecrets } from './redact';
import { parseReplyInSlices, renewedCredentials, type ParsedReply, type RawReply } from './replies';
import { ReplyBudget } from './replyBudget';
import { DEFAULT_RETRY_TUNING, type RetryTuning } from './retry';
import { ShapeError } from './shapes';
import type { ClientHooks, Credentials, RoomObservation, ServerConfig } from './types';
import { parseBaseUrl, type ParsedBaseUrl } from './urls';

// The request core every API call goes through: where requests go, the session they carry
// (renewed when the server hands out a new one), and errors made public without secrets.
// The calls themselves are in rtcCalls.ts (the rtc route) and client.ts (sign-in and session).

/** Knobs for tests and benchmarks; the defaults suit real servers. */
export type ClientTuning = Partial<RetryTuning>;

/** One public call in progress: its wording for messages, and every secret it has seen, to keep out of them. */
export interface CallScope {
  what: string;
  roomId?: string;
  secrets: (string | undefined)[];
  /** Statuses that answer the caller's question rather than fail it (the request log shows them as info). */
  expectedStatuses?: readonly number[];
}

/** Where requests go (the parsed server and its transport), or why they cannot go anywhere. */
type RequestTarget = { server: ParsedBaseUrl; transport: HttpTransport } | { configError: string };

/** Sends the API's requests for one server; the calls (client.ts, rtcCalls.ts) hold one and use it. */
export class ApiRequestCore {
  private readonly target: RequestTarget;

  constructor(
    readonly config: ServerConfig,
    private readonly hooks: ClientHooks,
    tuning: ClientTuning = {},
    /** Shared by every client the extension builds (see replyBudget.ts); a client on its own gets one of its own. */
    budget: ReplyBudget = new ReplyBudget(),
  ) {
    let server: ParsedBaseUrl;
    try {
      server = parseBaseUrl(config.baseUrl);
    } catch (error) {
      // Reported by every call rather than thrown here, so a bad setting never breaks the code that builds clients.
      this.target = { configError: (error as Error).message };
      return;
    }
    const transport = new HttpTransport(config, server, hooks.onRequest, { ...DEFAULT_RETRY_TUNING, ...tuning }, budget);
    this.target = { server, transport };
  }

  /** Hands a parsed reply to the hook; the hook's failure never fails the call that read it. */
  observed(observation: RoomObservation): void {
    try {
      this.hooks.onRoomObserved?.(observation);
    } catch (error) {
      this.hooks.onInfo?.(`Could not record what the reply showed: ${(error as Error).message}`);
    }
  }

  /** Closes the connection pool; calls made afterwards fail as cancelled. */
  async dispose(): Promise<void> {
    if ('transport' in this.target) {
      await this.target.transport.close();
    }
  }

  /** Sends a request once (with retries for GETs inside the transport), and again with renewed credentials if the server hands them out. */
  async exchange(
    request: Omit<OutgoingRequest, 'credentials' | 'what'>,
    scope: CallScope,
    needsSession: boolean,
    signal?: AbortSignal,
  ): Promise<ParsedReply> {
    const { transport } = this.connected();
    const credentials = needsSession ? this.requireCredentials(scope) : undefined;
    const secrets = scope.secrets.filter((secret): secret is string => secret !== undefined);
    const expectedStatuses = scope.expectedStatuses;
    const first = await transport.send({ ...request, credentials, what: scope.what, secrets, expectedStatuses }, signal);
    const reply = await parsed(first, secrets);
    const renewed = credentials && renewedCredentials(reply);
    if (!renewed) {
      return reply;
    }
    scope.secrets.push(renewed.session, renewed.csrfToken);
    try {
      this.hooks.onSessionRenewed?.(renewed);
    } catch {
      // Storing the session is the caller's business; the retry below uses it either way.
    }
    const renewedSecrets = [...secrets, renewed.session, renewed.csrfToken].filter((secret): secret is string => secret !== undefined);
    const retry = { ...request, credentials: renewed, what: scope.what, secrets: renewedSecrets, expectedStatuses };
    const again = await transport.send(retry, signal);
    return parsed(again, renewedSecrets);
  }

  /** Whether the session in use carries a CSRF token (a session pasted without one does not). */
  hasCsrfToken(): boolean {
    return Boolean(this.hooks.getCredentials()?.csrfToken);
  }

  requireCredentials(scope: CallScope): Credentials {
    const credentials = this.hooks.getCredentials();
    if (!credentials?.session) {
      throw new WorldClientError('notSignedIn', `Could not ${scope.what}: not signed in to ${this.config.baseUrl}. Sign in first.`);
    }
    scope.secrets.push(credentials.session, credentials.csrfToken);
    return credentials;
  }

  connected(): { prefix: string; transport: HttpTransport } {
    if ('configError' in this.target) {
      throw new WorldClientError('badRequest', `${this.target.configError}. Fix the server URL setting.`);
    }
    return { prefix: this.target.server.prefix, transport: this.target.transport };
  }

  info(message: string): void {
    try {
      this.hooks.onInfo?.(message);
    } catch {
      // Informational only.
    }
  }

  /** Runs one public call and makes sure whatever it throws is a WorldClientError free of secrets. */
  async run<T>(scope: CallScope, action: (scope: CallScope) => Promise<T>): Promise<T> {
    try {
      return await action(scope);
    } catch (error) {
      throw toPublicError(error, scope, this.hooks.getCredentials());
    }
  }
}

/** The reply parsed; its share of the reply budget is held until then, as parsing in slices lets other replies be read meanwhile. */
async function parsed(raw: RawReply, secrets: readonly string[]): Promise<ParsedReply> {
  try {
    return await parseReplyInSlices(raw, secrets);
  } finally {
    raw.release?.();
  }
}

function toPublicError(error: unknown, scope: CallScope, current: Credentials | undefined): WorldClientError {
  let publicError: WorldClientError;
  if (error instanceof WorldClientError) {
    publicError = error;
  } else if (error instanceof ShapeError) {
    publicError = new WorldClientError(
      'badShape',
      `Could not ${scope.what}: the server's reply does not have the expected shape ` +
        `at ${error.fieldPath || 'the top level'}: ${error.problem}. ` +
        'The server may run an API version this extension does not know; report it with the request log.',
    );
  } else if (error instanceof TypeError) {
    publicError = new WorldClientError('badRequest', `Could not ${scope.what}: ${error.message}`, { cause: error });
  } else {
    publicError = new WorldClientError('network', `Could not ${scope.what}: ${errorMessage(error)}`, { cause: error });
  }
  const secrets = [...scope.secrets, current?.session, current?.csrfToken];
  const message = redactSecrets(publicError.message, secrets);
  return message === publicError.message
    ? publicError
    : new WorldClientError(publicError.kind, message, { status: publicError.status, serverError: publicError.serverError });
}
