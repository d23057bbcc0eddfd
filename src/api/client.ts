import { randomUUID } from 'node:crypto';
import { cookieHeaderFrom } from './cookies';
import { WorldClientError, errorMessage } from './errors';
import { HttpTransport, type BodyPeek, type OutgoingRequest } from './http';
import { redactJsonFields, redactSecrets } from './redact';
import { interpretReply, parseReply, quoteId, renewedCredentials, type ParsedReply, type ReplyContext } from './replies';
import { DEFAULT_RETRY_TUNING, type RetryTuning } from './retry';
import { RoomPreviewReader, type RoomPreview } from './roomPreview';
import { checkPong, checkSuccess, parseMessagesReply, parseRoom, parseRoomList, parseVersion, ShapeError } from './shapes';
import { parseSignInReply } from './signInReply';
import type {
  ClientHooks,
  Credentials,
  NewRoom,
  Room,
  RoomSummary,
  RtcMessage,
  ServerConfig,
  SignInOptions,
  SignInResult,
  UrlStyle,
} from './types';
import { apiPath, isDotSegment, parseBaseUrl, RTC_ROUTES, rtcPath, type ParsedBaseUrl, type RtcCall } from './urls';

/** Knobs for tests and benchmarks; the defaults suit real servers. */
export type ClientTuning = Partial<RetryTuning>;

/** One public call in progress: its wording for messages, and every secret it has seen, to keep out of them. */
interface CallScope {
  what: string;
  roomId?: string;
  secrets: (string | undefined)[];
  /** Statuses that answer the caller's question rather than fail it (the request log shows them as info). */
  expectedStatuses?: readonly number[];
}

/** Where requests go (the parsed server and its transport), or why they cannot go anywhere. */
type RequestTarget = { server: ParsedBaseUrl; transport: HttpTransport } | { configError: string };

/**
 * The WorldClient API for one server: the seven rtc calls, sign-in and session calls.
 * Stateless apart from the connection pool and one learned fact (whether the server refuses
 * %2F in paths); credentials are asked from the hooks on every call.
 */
export class WorldClientApi {
  private readonly target: RequestTarget;
  /** Learned on the first 404 to an id with '/' in path style: from then on such ids go query style. */
  private encodedSlashRejected = false;

  constructor(
    private readonly config: ServerConfig,
    private readonly hooks: ClientHooks,
    tuning: ClientTuning = {},
  ) {
    let server: ParsedBaseUrl;
    try {
      server = parseBaseUrl(config.baseUrl);
    } catch (error) {
      // Reported by every call rather than thrown here, so a bad setting never breaks the code that builds clients.
      this.target = { configError: (error as Error).message };
      return;
    }
    const transport = new HttpTransport(config, server, hooks.onRequest, { ...DEFAULT_RETRY_TUNING, ...tuning });
    this.target = { server, transport };
  }

  listRooms(signal?: AbortSignal): Promise<RoomSummary[]> {
    return this.run({ what: 'list the rooms', secrets: [] }, async (scope) => parseRoomList(await this.rtc('listRooms', scope, undefined, undefined, signal)));
  }

  /**
   * `preview.onPreview`, when given, receives the room's first `preview.size` messages while a
   * big reply is still arriving (at most once, and only for a 200 reply that starts like a room).
   * The returned room is always the whole reply, parsed and checked.
   */
  getRoom(id: string, signal?: AbortSignal, preview?: { size: number; onPreview(preview: RoomPreview): void }): Promise<Room> {
    const peekBody = preview && previewPeek(preview.size, preview.onPreview);
    return this.run({ what: `open the room ${quoteId(id)}`, roomId: id, secrets: [] }, async (scope) =>
      parseRoom(await this.rtc('getRoom', scope, id, undefined, signal, peekBody)),
    );
  }

  /** "Does this id exist?" before adding a room: a 404 is the ordinary answer, not a failure, and is logged as info. */
  async roomExists(id: string, signal?: AbortSignal): Promise<boolean> {
    try {
      await this.run({ what: `check whether the room ${quoteId(id)} exists`, roomId: id, secrets: [], expectedStatuses: [404] }, async (scope) =>
        parseRoom(await this.rtc('getRoom', scope, id, undefined, signal)),
      );
      return true;
    } catch (error) {
      if (error instanceof WorldClientError && error.kind === 'notFound') {
        return false;
      }
      throw error;
    }
  }

  getRoomMessages(roomId: string, signal?: AbortSignal): Promise<RtcMessage[]> {
    return this.run({ what: `load the messages of the room ${quoteId(roomId)}`, roomId, secrets: [] }, async (scope) =>
      parseMessagesReply(await this.rtc('getRoomMessages', scope, roomId, undefined, signal)),
    );
  }

  addRoom(room: NewRoom, signal?: AbortSignal): Promise<void> {
    // Exactly the fields the spec lists, so extra fields a caller's objects carry are never sent.
    const body = { id: room.id, started: room.started, ended: room.ended, members: room.members, messages: room.messages.map(exactMessage) };
    return this.run({ what: `add the room ${quoteId(room.id)}`, roomId: room.id, secrets: [] }, async (scope) =>
      checkSuccess(await this.rtc('addRoom', scope, undefined, JSON.stringify(body), signal)),
    );
  }

  addMessages(roomId: string, messages: RtcMessage[], signal?: AbortSignal): Promise<void> {
    const body = JSON.stringify({ data: messages.map(exactMessage) });
    return this.run({ what: `add messages to the room ${quoteId(roomId)}`, roomId, secrets: [] }, async (scope) =>
      checkSuccess(await this.rtc('addMessages', scope, roomId, body, signal)),
    );
  }

  deleteRoom(id: string, signal?: AbortSignal): Promise<void> {
    return this.run({ what: `delete the room ${quoteId(id)}`, roomId: id, secrets: [] }, async (scope) =>
      checkSuccess(await this.rtc('deleteRoom', scope, id, undefined, signal)),
    );
  }

  deleteRoomMessages(roomId: string, signal?: AbortSignal): Promise<void> {
    return this.run({ what: `delete the messages of the room ${quoteId(roomId)}`, roomId, secrets: [] }, async (scope) =>
      checkSuccess(await this.rtc('deleteRoomMessages', scope, roomId, undefined, signal)),
    );
  }

  signInBasic(user: string, password: string, signal?: AbortSignal, options: SignInOptions = {}): Promise<SignInResult> {
    const fields: Record<string, unknown> = { user, password };
    if (options.rememberUser) {
      fields.remember_user = true;
    }
    if (options.acceptTermsOfUse) {
      fields.terms_of_use_acknowledged = true;
    }
    return this.run({ what: 'sign in', secrets: [password] }, async (scope) => {
      const loginToken = await this.loginToken(scope, signal);
      if (loginToken) {
        fields.data = loginToken.data;
      }
      const reply = await this.signInRequest('authenticate/basic', fields, ['password', 'data'], scope, signal, loginToken?.headers);
      if (reply.errorName === 'MustAcceptTermsOfUse' && !options.acceptTermsOfUse) {
        return { kind: 'termsOfUseRequired' };
      }
      return this.signInResult(reply, user, scope);
    });
  }

  signInTwoFactor(user: string, token: string, oneTimePassword: string, signal?: AbortSignal): Promise<SignInResult> {
    const fields = { user, token, one_time_password: oneTimePassword };
    return this.run({ what: 'check the one-time password', secrets: [token, oneTimePassword] }, async (scope) =>
      this.signInResult(await this.signInRequest('authenticate/2fa', fields, ['token', 'one_time_password'], scope, signal), user, scope),
    );
  }

  sendTwoFactorCode(user: string, token: string, signal?: AbortSignal): Promise<void> {
    return this.run({ what: 'send a one-time password', secrets: [token] }, async (scope) => {
      const { prefix } = this.connected();
      // Not retried although a GET: each attempt mails the user another code.
      const request = { method: 'GET', path: apiPath(prefix, 'authenticate/2fa', { user, token, send_code: '1' }), retryable: false } as const;
      checkSuccess(interpretReply(await this.exchange(request, scope, false, signal), { what: scope.what, signIn: true }));
    });
  }

  logout(signal?: AbortSignal): Promise<void> {
    return this.run({ what: 'sign out', secrets: [] }, async (scope) => {
      const request = { method: 'POST', path: apiPath(this.connected().prefix, 'authenticate/logout'), retryable: false } as const;
      try {
        checkSuccess(interpretReply(await this.exchange(request, scope, true, signal), { what: scope.what }));
      } catch (error) {
        // The goal of signing out is a dead session; one that already expired needs nothing more.
        if (!(error instanceof WorldClientError && error.kind === 'sessionExpired')) {
          throw error;
        }
      }
    });
  }

  /** Checks the session without extending it (where the server honours X-No-Keep-Alive): a check is not activity. */
  ping(signal?: AbortSignal): Promise<void> {
    return this.run({ what: 'check the session (ping)', secrets: [] }, async (scope) => {
      const request = { method: 'GET', path: apiPath(this.connected().prefix, 'ping'), retryable: true, headers: { 'X-No-Keep-Alive': 'true' } } as const;
      checkPong(interpretReply(await this.exchange(request, scope, true, signal), { what: scope.what }));
    });
  }

  serverVersion(signal?: AbortSignal): Promise<string> {
    return this.run({ what: 'read the server version', secrets: [] }, async (scope) => {
      const request = { method: 'GET', path: apiPath(this.connected().prefix, 'settings', { logon_settings: 'version' }), retryable: true } as const;
      return parseVersion(interpretReply(await this.exchange(request, scope, false, signal), { what: scope.what }));
    });
  }

  /** Closes the connection pool; calls made afterwards fail as cancelled. */
  async dispose(): Promise<void> {
    if ('transport' in this.target) {
      await this.target.transport.close();
    }
  }

  /**
   * One rtc call, including the %2F fallback: a path-style request for an id containing '/'
   * that meets a 404 which is not the server's own RoomNotFound is sent again in query style.
   * That resend is safe even for writes, since a 404 means the request never reached the RTC
   * code. If the query-style answer differs, the server evidently refuses encoded slashes,
   * and later ids with '/' go query style directly.
   */
  private async rtc(
    call: RtcCall,
    scope: CallScope,
    roomId: string | undefined,
    body: string | undefined,
    signal?: AbortSignal,
    peekBody?: BodyPeek,
  ): Promise<unknown> {
    const idInUrl = RTC_ROUTES[call].idParam === undefined ? undefined : roomId;
    if (idInUrl === '') {
      throw new WorldClientError('badRequest', `Could not ${scope.what}: the room id is empty. Pick a room from the list.`);
    }
    const { prefix } = this.connected();
    const requestIn = (style: UrlStyle): Omit<OutgoingRequest, 'credentials' | 'what'> => ({
      method: RTC_ROUTES[call].method,
      path: rtcPath(prefix, call, style, idInUrl),
      body,
      retryable: RTC_ROUTES[call].method === 'GET',
      peekBody,
    });
    const style = this.styleFor(idInUrl);
    let reply = await this.exchange(requestIn(style), scope, true, signal);
    if (style === 'path' && idInUrl?.includes('/') && looksLikeUnroutedPath(reply)) {
      const queryReply = await this.exchange(requestIn('query'), scope, true, signal);
      if (!looksLikeUnroutedPath(queryReply) || queryReply.errorName !== reply.errorName) {
        this.encodedSlashRejected = true;
        this.info(
          `Fell back to query style for id ${quoteId(idInUrl)}: the server answered ${reply.status}${reply.errorName ? ` ${reply.errorName}` : ''} to it in path style, where the "/" is sent as %2F, ` +
            `as servers and proxies that refuse encoded slashes do. Ids containing "/" now use query style (?route=rtc&...&id=...) for this server.`,
        );
      }
      reply = queryReply;
    }
    return interpretReply(reply, { what: scope.what, roomId: scope.roomId } satisfies ReplyContext);
  }

  private styleFor(id: string | undefined): UrlStyle {
    if (this.config.urlStyle === 'query' || id === undefined) {
      return this.config.urlStyle;
    }
    // Dot segments would be collapsed by URL normalisation on the way, so they can only travel as a query value.
    return isDotSegment(id) || (this.encodedSlashRejected && id.includes('/')) ? 'query' : 'path';
  }

  /** Sends a request once (with retries for GETs inside the transport), and again with renewed credentials if the server hands them out. */
  private async exchange(
    request: Omit<OutgoingRequest, 'credentials' | 'what'>,
    scope: CallScope,
    needsSession: boolean,
    signal?: AbortSignal,
  ): Promise<ParsedReply> {
    const { transport } = this.connected();
    const credentials = needsSession ? this.requireCredentials(scope) : undefined;
    const secrets = scope.secrets.filter((secret): secret is string => secret !== undefined);
    const expectedStatuses = scope.expectedStatuses;
    const reply = parseReply(await transport.send({ ...request, credentials, what: scope.what, secrets, expectedStatuses }, signal), secrets);
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
    return parseReply(await transport.send({ ...request, credentials: renewed, what: scope.what, secrets: renewedSecrets, expectedStatuses }, signal), renewedSecrets);
  }

  private async signInRequest(
    endpoint: string,
    fields: Record<string, unknown>,
    secretFields: string[],
    scope: CallScope,
    signal?: AbortSignal,
    headers?: Record<string, string>,
  ): Promise<ParsedReply> {
    const request = {
      method: 'POST',
      path: apiPath(this.connected().prefix, endpoint),
      body: JSON.stringify(fields),
      logBody: redactJsonFields(fields, secretFields),
      retryable: false,
      headers,
    } as const;
    return this.exchange(request, scope, false, signal);
  }

  /**
   * The one-use login token some servers check at sign-in: a random `data` registered with
   * the server, which answers with a cookie; both go along with the sign-in. A server that
   * does not know the call answers with an error, and the sign-in goes ahead without. No
   * reply at all (network, timeout) fails the sign-in, as the sign-in itself would fail too.
   */
  private async loginToken(scope: CallScope, signal?: AbortSignal): Promise<{ data: string; headers?: Record<string, string> } | undefined> {
    const data = randomUUID();
    scope.secrets.push(data);
    // Not retried: each attempt would register another one-use token.
    const request = { method: 'GET', path: apiPath(this.connected().prefix, 'settings', { logon_settings: 'login_token', data }), retryable: false } as const;
    const reply = await this.exchange(request, scope, false, signal);
    if (reply.status < 200 || reply.status > 299 || reply.errorName !== undefined) {
      return undefined;
    }
    const cookie = cookieHeaderFrom(reply.setCookies);
    scope.secrets.push(cookie);
    return { data, headers: cookie === undefined ? undefined : { Cookie: cookie } };
  }

  private signInResult(reply: ParsedReply, user: string, scope: CallScope): SignInResult {
    const result = parseSignInReply(interpretReply(reply, { what: scope.what, signIn: true }), user, scope.what);
    if (result.kind === 'signedIn') {
      scope.secrets.push(result.credentials.session, result.credentials.csrfToken);
    }
    return result;
  }

  private requireCredentials(scope: CallScope): Credentials {
    const credentials = this.hooks.getCredentials();
    if (!credentials?.session) {
      throw new WorldClientError('notSignedIn', `Could not ${scope.what}: not signed in to ${this.config.baseUrl}. Sign in first.`);
    }
    scope.secrets.push(credentials.session, credentials.csrfToken);
    return credentials;
  }

  private connected(): { prefix: string; transport: HttpTransport } {
    if ('configError' in this.target) {
      throw new WorldClientError('badRequest', `${this.target.configError}. Fix the server URL setting.`);
    }
    return { prefix: this.target.server.prefix, transport: this.target.transport };
  }

  private info(message: string): void {
    try {
      this.hooks.onInfo?.(message);
    } catch {
      // Informational only.
    }
  }

  /** Runs one public call and makes sure whatever it throws is a WorldClientError free of secrets. */
  private async run<T>(scope: CallScope, action: (scope: CallScope) => Promise<T>): Promise<T> {
    try {
      return await action(scope);
    } catch (error) {
      throw toPublicError(error, scope, this.hooks.getCredentials());
    }
  }
}

/** Below this a whole room reply arrives and parses in a few milliseconds: a preview would only make the panel draw twice. */
const MIN_PREVIEW_REPLY_BYTES = 256 * 1024;

/** Feeds a big room reply's chunks to a preview reader until it has handed out its preview or given up. */
function previewPeek(size: number, onPreview: (preview: RoomPreview) => void): BodyPeek {
  const reader = new RoomPreviewReader(size);
  return (chunk, declaredBytes) => {
    if (declaredBytes !== undefined && declaredBytes < MIN_PREVIEW_REPLY_BYTES) {
      return false;
    }
    const preview = reader.push(chunk);
    if (preview) {
      onPreview(preview);
    }
    return !reader.done;
  };
}

function toPublicError(error: unknown, scope: CallScope, current: Credentials | undefined): WorldClientError {
  let publicError: WorldClientError;
  if (error instanceof WorldClientError) {
    publicError = error;
  } else if (error instanceof ShapeError) {
    publicError = new WorldClientError(
      'badShape',
      `Could not ${scope.what}: the server's reply does not have the expected shape at ${error.fieldPath || 'the top level'}: ${error.problem}. ` +
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

/** A 404 that is not the RTC code's own "no such room": the path itself was refused. */
function looksLikeUnroutedPath(reply: ParsedReply): boolean {
  return (reply.status === 404 || reply.errorName === 'NotFound') && reply.errorName !== 'RoomNotFound';
}

function exactMessage(message: RtcMessage): RtcMessage {
  return { id: message.id, salt: message.salt, data: message.data };
}
