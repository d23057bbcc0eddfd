import * as assert from 'node:assert/strict';
import { WorldClientError } from '../../../src/api/errors';
import { redactJsonFields, redactSecrets } from '../../../src/api/redact';
import { ShapeError } from '../../../src/api/shapes';
import { parseSignInReply } from '../../../src/api/signInReply';

describe('api/signInReply and api/redact', () => {
  it('reads every sign-in answer of the session notes', () => {
    assert.deepEqual(parseSignInReply({ authed: true, session: 's', csrf_token: 'c', user: 'U@x', remembered: false }, 'u@x', 'sign in'), {
      kind: 'signedIn',
      credentials: { session: 's', csrfToken: 'c' },
      user: 'U@x',
      twoFactorSetupPending: false,
    });
    assert.deepEqual(parseSignInReply({ authed: true, session: 's', warning: 'TwoFactorAuthSetupRequired' }, 'u@x', 'sign in'), {
      kind: 'signedIn',
      credentials: { session: 's', csrfToken: undefined },
      user: 'u@x',
      twoFactorSetupPending: true,
    });
    assert.deepEqual(
      parseSignInReply({ authed: false, warning: 'TwoFactorAuthRequired', token: 't', user: 'u@x', partial: true }, 'u@x', 'sign in'),
      {
        kind: 'twoFactorRequired',
        user: 'u@x',
        token: 't',
      },
    );
    assert.deepEqual(parseSignInReply({ authed: false, warning: 'OldPassword', token: 't' }, 'u@x', 'sign in'), {
      kind: 'passwordExpired',
    });
  });

  it('refuses answers it cannot use', () => {
    assert.throws(
      () => parseSignInReply({ authed: true }, 'u', 'sign in'),
      (error) => error instanceof ShapeError && error.fieldPath === 'session',
    );
    assert.throws(
      () => parseSignInReply({ authed: false, warning: 'TwoFactorAuthRequired' }, 'u', 'sign in'),
      (error) => error instanceof ShapeError && error.fieldPath === 'token',
    );
    assert.throws(
      () => parseSignInReply({ authed: false, warning: 'Locked' }, 'u', 'sign in'),
      (error) => error instanceof WorldClientError && error.kind === 'signInRefused' && /Locked/.test(error.message),
    );
  });

  it('redacts secrets in text, raw and percent-encoded, and named JSON fields', () => {
    assert.equal(redactSecrets('a s3cr/et b s3cr%2Fet', ['s3cr/et', undefined, 'x']), 'a REDACTED b REDACTED');
    assert.equal(
      redactJsonFields({ user: 'u', password: 'p', extra: 1 }, ['password', 'missing']),
      '{"user":"u","password":"REDACTED","extra":1}',
    );
  });
});
