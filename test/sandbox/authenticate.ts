// The `authenticate` route: basic sign-in, the two-factor step, and logout, with the warnings
// documented in the session notes (TwoFactorAuthRequired, OldPassword) and their errors.

import type { Body } from './body';
import { boolField, stringField } from './body';
import { ApiError, ok, success, type JsonReply } from './reply';
import { newToken, type Session, type SessionRegistry } from './sessions';

export interface SignInSettings {
  user: string;
  password: string;
  oneTimePassword: string;
  twoFactor: boolean;
  passwordExpired: boolean;
  requireTermsOfUse: boolean;
  requireLoginToken: boolean;
}

const LOGIN_TOKEN_COOKIE = 'WCLoginToken';

interface PendingSignIn {
  user: string;
  remembered: boolean;
}

export class Authenticator {
  /** Half-finished sign-ins waiting for their one-time password, by the token basic sign-in handed out. */
  private readonly pending = new Map<string, PendingSignIn>();
  /** Login tokens handed out and not used yet (requireLoginToken). */
  private readonly loginTokens = new Set<string>();

  constructor(
    private readonly settings: SignInSettings,
    private readonly sessions: SessionRegistry,
  ) {}

  /** The settings call's second job; null when this sandbox plays a server that does not know it. */
  issueLoginToken(data: string | null): JsonReply | null {
    if (!this.settings.requireLoginToken) {
      return null;
    }
    if (!data) {
      throw new ApiError('MissingParameter', { parameter: 'data' });
    }
    this.loginTokens.add(data);
    return {
      ...success(),
      headers: { 'Set-Cookie': `${LOGIN_TOKEN_COOKIE}=${encodeURIComponent(data)}; Path=/WorldClientAPI; HttpOnly; SameSite=Strict` },
    };
  }

  basic(body: Body, cookieHeader: string | undefined): JsonReply {
    const user = stringField(body, 'user');
    const password = stringField(body, 'password');
    if (!user || !password) {
      throw new ApiError('MissingParameter', { parameter: !user ? 'user' : 'password' });
    }
    if (this.settings.requireLoginToken) {
      this.useLoginToken(stringField(body, 'data'), cookieHeader);
    }
    if (!this.isUser(user) || password !== this.settings.password) {
      throw new ApiError('InvalidUserOrPassword');
    }
    if (this.settings.requireTermsOfUse && !boolField(body, 'terms_of_use_acknowledged')) {
      throw new ApiError('MustAcceptTermsOfUse');
    }
    if (this.settings.passwordExpired) {
      // The token only lets webmail change the password; it is not a session.
      return ok({ authed: false, warning: 'OldPassword', token: newToken() });
    }
    const remembered = boolField(body, 'remember_user');
    if (this.settings.twoFactor) {
      const token = newToken();
      this.pending.set(token, { user: this.settings.user, remembered });
      return ok({ authed: false, warning: 'TwoFactorAuthRequired', token, user: this.settings.user, partial: true });
    }
    return this.signedIn(remembered);
  }

  /** GET authenticate/2fa?user=&token=&send_code=1: "mails" a code (the code is fixed by the options). */
  sendCode(query: URLSearchParams): JsonReply {
    const user = query.get('user');
    const token = query.get('token');
    if (!user || !token || query.get('send_code') !== '1') {
      throw new ApiError('MissingParameter', { parameter: !user ? 'user' : !token ? 'token' : 'send_code' });
    }
    this.requirePending(user, token);
    return success();
  }

  /** POST authenticate/2fa {user, token, one_time_password}. A wrong code leaves the token usable for another try. */
  finishTwoFactor(body: Body): JsonReply {
    const user = stringField(body, 'user');
    const token = stringField(body, 'token');
    const code = stringField(body, 'one_time_password');
    if (!user || !token || !code) {
      throw new ApiError('MissingParameter', { parameter: !user ? 'user' : !token ? 'token' : 'one_time_password' });
    }
    const pending = this.requirePending(user, token);
    if (code !== this.settings.oneTimePassword) {
      throw new ApiError('AuthRefused');
    }
    this.pending.delete(token);
    return this.signedIn(pending.remembered);
  }

  logout(session: Session): JsonReply {
    this.sessions.logout(session);
    return success();
  }

  private signedIn(remembered: boolean): JsonReply {
    const session = this.sessions.issue(this.settings.user, remembered);
    return ok({ authed: true, ...this.sessions.signInFields(session), user: session.user, remembered });
  }

  /** Both halves must match a token handed out and not used yet; either way it is used up. */
  private useLoginToken(data: string | undefined, cookieHeader: string | undefined): void {
    const cookie = (cookieHeader ?? '')
      .split(';')
      .map((pair) => pair.trim())
      .find((pair) => pair.startsWith(`${LOGIN_TOKEN_COOKIE}=`));
    const fromCookie = cookie === undefined ? undefined : safeDecode(cookie.slice(LOGIN_TOKEN_COOKIE.length + 1));
    const known = data !== undefined && this.loginTokens.delete(data);
    if (!known || fromCookie !== data) {
      throw new ApiError('Forbidden', { detail: 'LoginTokenRequired' });
    }
  }

  private requirePending(user: string, token: string): PendingSignIn {
    const pending = this.pending.get(token);
    if (!pending || !this.isUser(user)) {
      throw new ApiError('AuthRefused');
    }
    return pending;
  }

  private isUser(user: string): boolean {
    // Mail addresses: the server compares them without regard to case.
    return user.toLowerCase() === this.settings.user.toLowerCase();
  }
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
