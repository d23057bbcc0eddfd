import { WorldClientError } from './errors';
import { ShapeError } from './shapes';
import type { SignInResult } from './types';

/**
 * Reads a 200 answer of authenticate/basic or authenticate/2fa (failures with an `error`
 * key never get here). `user` is what was typed, used when the server does not echo it.
 */
export function parseSignInReply(reply: unknown, user: string, what: string): SignInResult {
  if (typeof reply !== 'object' || reply === null || Array.isArray(reply)) {
    throw new ShapeError('', 'expected an object');
  }
  const body = reply as Record<string, unknown>;
  const echoedUser = typeof body.user === 'string' && body.user !== '' ? body.user : user;
  if (body.authed === true) {
    if (typeof body.session !== 'string' || body.session === '') {
      throw new ShapeError('session', 'expected the new session, got none');
    }
    if (body.csrf_token !== undefined && body.csrf_token !== null && typeof body.csrf_token !== 'string') {
      throw new ShapeError('csrf_token', `expected a string, got a ${typeof body.csrf_token}`);
    }
    return {
      kind: 'signedIn',
      credentials: {
        session: body.session,
        csrfToken: typeof body.csrf_token === 'string' && body.csrf_token !== '' ? body.csrf_token : undefined,
      },
      user: echoedUser,
      twoFactorSetupPending: body.warning === 'TwoFactorAuthSetupRequired',
    };
  }
  switch (body.warning) {
    case 'TwoFactorAuthRequired':
      if (typeof body.token !== 'string' || body.token === '') {
        throw new ShapeError('token', 'expected the two-factor token, got none');
      }
      return { kind: 'twoFactorRequired', user: echoedUser, token: body.token };
    case 'OldPassword':
      return { kind: 'passwordExpired' };
    default: {
      const warning = typeof body.warning === 'string' ? ` (${body.warning.slice(0, 60)})` : '';
      throw new WorldClientError(
        'signInRefused',
        `Could not ${what}: the server did not sign you in${warning}. Try signing in to webmail to see why.`,
      );
    }
  }
}
