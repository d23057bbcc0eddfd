// Sessions of one sandbox: issuing, checking, expiring, renewing, and their CSRF tokens.
// Sessions never time out on their own; tests expire them explicitly with expireAll(), so no
// test depends on the clock.

import type { IncomingHttpHeaders } from 'node:http';
import { randomBytes } from 'node:crypto';
import { ApiError } from './reply';

export interface Session {
  readonly token: string;
  readonly csrfToken: string;
  readonly user: string;
  readonly remembered: boolean;
  state: 'valid' | 'expired' | 'loggedOut';
  /** The session handed out in place of this expired one, so repeated or concurrent uses get the same replacement. */
  renewedTo?: Session;
}

export const newToken = (): string => randomBytes(16).toString('hex');

export class SessionRegistry {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly settings: { csrf: boolean; renewRememberedSessions: boolean }) {}

  issue(user: string, remembered: boolean, token = newToken(), csrfToken = newToken()): Session {
    const session: Session = { token, csrfToken, user, remembered, state: 'valid' };
    this.sessions.set(token, session);
    return session;
  }

  expireAll(): void {
    for (const session of this.sessions.values()) {
      if (session.state === 'valid') {
        session.state = 'expired';
      }
    }
  }

  logout(session: Session): void {
    session.state = 'loggedOut';
  }

  /** The fields a sign-in reply carries; csrf_token only when the server uses CSRF tokens, as real servers do. */
  signInFields(session: Session): Record<string, unknown> {
    return this.settings.csrf ? { session: session.token, csrf_token: session.csrfToken } : { session: session.token };
  }

  /** The valid session for `token`, or throws the error a real server gives. */
  require(token: string | undefined): Session {
    if (token === undefined) {
      throw new ApiError('Unauthorized', {}, { 'WWW-Authenticate': 'Bearer' });
    }
    const session = this.sessions.get(token);
    if (session?.state === 'valid') {
      return session;
    }
    if (session?.state === 'expired' && session.remembered && this.settings.renewRememberedSessions) {
      const replacement = session.renewedTo?.state === 'valid' ? session.renewedTo : this.issue(session.user, true);
      session.renewedTo = replacement;
      const fields = this.signInFields(replacement);
      throw new ApiError('InvalidSession', { new_session: fields.session, ...withoutSession(fields), user: replacement.user });
    }
    throw new ApiError('InvalidSession', {}, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
  }

  /** Writes must echo the session's own CSRF token (when the server uses them). */
  requireCsrf(session: Session, method: string, headers: IncomingHttpHeaders): void {
    if (!this.settings.csrf || !['POST', 'PUT', 'DELETE', 'PATCH'].includes(method)) {
      return;
    }
    if (headers['x-csrf-token'] !== session.csrfToken) {
      throw new ApiError('Forbidden');
    }
  }
}

function withoutSession(fields: Record<string, unknown>): Record<string, unknown> {
  const rest = { ...fields };
  delete rest.session;
  return rest;
}

/** The Bearer header wins over the query parameter: it is the transport that keeps tokens out of logs. */
export function sessionTokenOf(headers: IncomingHttpHeaders, query: URLSearchParams): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
  if (match) {
    return match[1];
  }
  return query.get('session') || undefined;
}
