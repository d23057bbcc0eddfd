import { randomUUID } from 'node:crypto';
import { cookieHeaderFrom } from './cookies';
import { isSessionExpired } from './errors';
import { redactJsonFields } from './redact';
import { interpretReply, type ParsedReply } from './replies';
import { ApiRequestCore, type CallScope, type ClientTuning } from './requestCore';
import type { ReplyBudget } from './replyBudget';
import { RtcCalls } from './rtcCalls';
import { checkPong, checkSuccess, parseVersion } from './shapes';
import { parseSignInReply } from './signInReply';
import type { ClientHooks, NewRoom, Room, RoomSummary, RtcMessage, ServerConfig, SignInOptions, SignInResult } from './types';
import type { RoomPreview } from './roomPreview';
import { apiPath } from './urls';

export type { ClientTuning } from './requestCore';

/**
 * The WorldClient API for one server: the seven rtc calls (rtcCalls.ts), and here the
 * sign-in and session calls. Stateless apart from the connection pool and one learned fact
 * (whether the server refuses %2F in paths); credentials are asked from the hooks on every
 * call. The request core (requestCore.ts) it holds sends every request; the rtc calls share it.
 */
export class WorldClientApi {
  private readonly core: ApiRequestCore;
  private readonly rtc: RtcCalls;

  constructor(config: ServerConfig, hooks: ClientHooks, tuning: ClientTuning = {}, budget?: ReplyBudget) {
    this.core = new ApiRequestCore(config, hooks, tuning, budget);
    this.rtc = new RtcCalls(this.core);
  }

  /** Closes the connection pool; calls made afterwards fail as cancelled. */
  dispose(): Promise<void> {
    return this.core.dispose();
  }

  listRooms(signal?: AbortSignal): Promise<RoomSummary[]> {
    return this.rtc.listRooms(signal);
  }

  /** See RtcCalls.getRoom: `preview` receives the first messages of a big room while the rest arrives. */
  getRoom(id: string, signal?: AbortSignal, preview?: { size: number; onPreview(preview: RoomPreview): void }): Promise<Room> {
    return this.rtc.getRoom(id, signal, preview);
  }

  saveRoomReply(id: string, write: (chunk: Uint8Array) => Promise<void>, signal?: AbortSignal): Promise<number> {
    return this.rtc.saveRoomReply(id, write, signal);
  }

  roomExists(id: string, signal?: AbortSignal): Promise<boolean> {
    return this.rtc.roomExists(id, signal);
  }

  getRoomMessages(roomId: string, signal?: AbortSignal): Promise<RtcMessage[]> {
    return this.rtc.getRoomMessages(roomId, signal);
  }

  addRoom(room: NewRoom, signal?: AbortSignal): Promise<void> {
    return this.rtc.addRoom(room, signal);
  }

  addMessages(roomId: string, messages: RtcMessage[], signal?: AbortSignal): Promise<void> {
    return this.rtc.addMessages(roomId, messages, signal);
  }

  deleteRoom(id: string, signal?: AbortSignal): Promise<void> {
    return this.rtc.deleteRoom(id, signal);
  }

  deleteRoomMessages(roomId: string, signal?: AbortSignal): Promise<void> {
    return this.rtc.deleteRoomMessages(roomId, signal);
  }

  signInBasic(user: string, password: string, signal?: AbortSignal, options: SignInOptions = {}): Promise<SignInResult> {
    const fields: Record<string, unknown> = { user, password };
    if (options.rememberUser) {
      fields.remember_user = true;
    }
    if (options.acceptTermsOfUse) {
      fields.terms_of_use_acknowledged = true;
    }
    return this.core.run({ what: 'sign in', secrets: [password] }, async (scope) => {
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
    return this.core.run({ what: 'check the one-time password', secrets: [token, oneTimePassword] }, async (scope) =>
      this.signInResult(await this.signInRequest('authenticate/2fa', fields, ['token', 'one_time_password'], scope, signal), user, scope),
    );
  }

  sendTwoFactorCode(user: string, token: string, signal?: AbortSignal): Promise<void> {
    return this.core.run({ what: 'send a one-time password', secrets: [token] }, async (scope) => {
      const { prefix } = this.core.connected();
      // Not retried although a GET: each attempt mails the user another code.
      const request = {
        method: 'GET',
        path: apiPath(prefix, 'authenticate/2fa', { user, token, send_code: '1' }),
        retryable: false,
      } as const;
      checkSuccess(interpretReply(await this.core.exchange(request, scope, false, signal), { what: scope.what, signIn: true }));
    });
  }

  logout(signal?: AbortSignal): Promise<void> {
    return this.core.run({ what: 'sign out', secrets: [] }, async (scope) => {
      const request = { method: 'POST', path: apiPath(this.core.connected().prefix, 'authenticate/logout'), retryable: false } as const;
      try {
        checkSuccess(interpretReply(await this.core.exchange(request, scope, true, signal), { what: scope.what }));
      } catch (error) {
        // The goal of signing out is a dead session; one that already expired needs nothing more.
        if (!isSessionExpired(error)) {
          throw error;
        }
      }
    });
  }

  /** Checks the session without extending it (where the server honours X-No-Keep-Alive): a check is not activity. */
  ping(signal?: AbortSignal): Promise<void> {
    return this.core.run({ what: 'check the session (ping)', secrets: [] }, async (scope) => {
      const path = apiPath(this.core.connected().prefix, 'ping');
      const request = { method: 'GET', path, retryable: true, headers: { 'X-No-Keep-Alive': 'true' } } as const;
      checkPong(interpretReply(await this.core.exchange(request, scope, true, signal), { what: scope.what }));
    });
  }

  serverVersion(signal?: AbortSignal): Promise<string> {
    return this.core.run({ what: 'read the server version', secrets: [] }, async (scope) => {
      const path = apiPath(this.core.connected().prefix, 'settings', { logon_settings: 'version' });
      const request = { method: 'GET', path, retryable: true } as const;
      return parseVersion(interpretReply(await this.core.exchange(request, scope, false, signal), { what: scope.what }));
    });
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
      path: apiPath(this.core.connected().prefix, endpoint),
      body: JSON.stringify(fields),
      logBody: redactJsonFields(fields, secretFields),
      retryable: false,
      headers,
    } as const;
    return this.core.exchange(request, scope, false, signal);
  }

  /**
   * The one-use login token some servers check at sign-in: a random `data` registered with
   * the server, which answers with a cookie; both go along with the sign-in. A server that
   * does not know the call answers with an error, and the sign-in goes ahead without. No
   * reply at all (network, timeout) fails the sign-in, as the sign-in itself would fail too.
   */
  private async loginToken(
    scope: CallScope,
    signal?: AbortSignal,
  ): Promise<{ data: string; headers?: Record<string, string> } | undefined> {
    const data = randomUUID();
    scope.secrets.push(data);
    // Not retried: each attempt would register another one-use token.
    const path = apiPath(this.core.connected().prefix, 'settings', { logon_settings: 'login_token', data });
    const request = { method: 'GET', path, retryable: false } as const;
    const reply = await this.core.exchange(request, scope, false, signal);
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
}
