import * as assert from 'node:assert/strict';
import { BASIC, LOGOUT, TWO_FA, base64Json, call, creds, roomsUrl, withSandbox } from './testkit';

// Signing in to the sandbox: basic, login token, terms of use, two-factor.

describe('sandbox sign-in', () => {
  it('signs in with JSON, form and base64 bodies; the session works; no csrf_token when CSRF is off', async () => {
    await withSandbox({}, async (sb) => {
      const replies = [
        await call(sb, BASIC, { method: 'POST', json: creds }),
        await call(sb, BASIC, { method: 'POST', form: { ...creds, remember_user: 'true' } }),
        await call(sb, `${BASIC}?request=${encodeURIComponent(base64Json({ ...creds, user: 'DEV@example.com' }))}`, { method: 'POST' }),
      ];
      for (const [i, res] of replies.entries()) {
        assert.equal(res.status, 200);
        assert.equal(res.body?.authed, true);
        assert.equal(res.body?.user, 'dev@example.com');
        assert.equal(res.body?.remembered, i === 1);
        assert.equal('csrf_token' in (res.body ?? {}), false);
        const session = res.body?.session as string;
        assert.match(session, /^[0-9a-f]{32}$/);
        assert.equal((await call(sb, roomsUrl('path', undefined), { bearer: session })).status, 200);
      }
    });
  });

  it('400 InvalidUserOrPassword and MissingParameter', async () => {
    await withSandbox({}, async (sb) => {
      const wrong = await call(sb, BASIC, { method: 'POST', json: { ...creds, password: 'nope' } });
      assert.deepEqual([wrong.status, wrong.body], [400, { error: 'InvalidUserOrPassword' }]);
      const unknown = await call(sb, BASIC, { method: 'POST', json: { ...creds, user: 'eve@example.com' } });
      assert.deepEqual([unknown.status, unknown.body], [400, { error: 'InvalidUserOrPassword' }]);
      const missing = await call(sb, BASIC, { method: 'POST', json: { user: creds.user } });
      assert.deepEqual([missing.status, missing.body], [400, { error: 'MissingParameter', parameter: 'password' }]);
    });
  });

  it('custom credentials from the options', async () => {
    await withSandbox({ user: 'ops@corp.test', password: 'pw' }, async (sb) => {
      const res = await call(sb, BASIC, { method: 'POST', json: { user: 'ops@corp.test', password: 'pw' } });
      assert.equal(res.body?.authed, true);
    });
  });

  it('logout answers success and the session stops working', async () => {
    await withSandbox({}, async (sb) => {
      const session = (await call(sb, BASIC, { method: 'POST', json: creds })).body?.session as string;
      const out = await call(sb, LOGOUT, { method: 'POST', bearer: session });
      assert.deepEqual([out.status, out.body], [200, { success: true }]);
      const after = await call(sb, roomsUrl('path', session));
      assert.deepEqual([after.status, after.body], [401, { error: 'InvalidSession' }]);
      assert.equal((await call(sb, '/WorldClientAPI/ping', { bearer: sb.session })).status, 200, 'other sessions live on');
    });
  });

  it('OldPassword when the password has expired: no session', async () => {
    await withSandbox({ passwordExpired: true }, async (sb) => {
      const res = await call(sb, BASIC, { method: 'POST', json: creds });
      assert.equal(res.status, 200);
      assert.deepEqual(Object.keys(res.body ?? {}).sort(), ['authed', 'token', 'warning']);
      assert.equal(res.body?.authed, false);
      assert.equal(res.body?.warning, 'OldPassword');
      const misuse = await call(sb, roomsUrl('path', res.body?.token as string));
      assert.equal(misuse.body?.error, 'InvalidSession');
    });
  });

  it('login token: needs the data and its cookie, each token once; a server without the option does not know the call', async () => {
    const TOKEN = (data: string): string => `/WorldClientAPI/settings?logon_settings=login_token&data=${data}`;
    await withSandbox({ requireLoginToken: true }, async (sb) => {
      const issued = await call(sb, TOKEN('abc-123'));
      assert.deepEqual([issued.status, issued.body], [200, { success: true }]);
      assert.match(issued.headers.get('set-cookie') ?? '', /^WCLoginToken=abc-123; Path=\/WorldClientAPI; HttpOnly/);
      const cookie = { Cookie: 'other=1; WCLoginToken=abc-123' };
      const refused = [
        await call(sb, BASIC, { method: 'POST', json: creds }),
        await call(sb, BASIC, { method: 'POST', json: { ...creds, data: 'abc-123' } }),
        await call(sb, BASIC, { method: 'POST', json: creds, headers: cookie }),
      ];
      assert.deepEqual(
        refused.map((reply) => [reply.status, reply.body?.error]),
        [
          [403, 'Forbidden'],
          [403, 'Forbidden'],
          [403, 'Forbidden'],
        ],
      );
      await call(sb, TOKEN('abc-123'));
      const yes = await call(sb, BASIC, { method: 'POST', json: { ...creds, data: 'abc-123' }, headers: cookie });
      assert.equal(yes.body?.authed, true);
      const again = await call(sb, BASIC, { method: 'POST', json: { ...creds, data: 'abc-123' }, headers: cookie });
      assert.equal(again.status, 403, 'a token works once');
      assert.equal((await call(sb, '/WorldClientAPI/settings?logon_settings=login_token')).body?.error, 'MissingParameter');
    });
    await withSandbox({}, async (sb) => {
      assert.deepEqual((await call(sb, TOKEN('abc'))).body, { error: 'InvalidParameter', parameter: 'logon_settings' });
      assert.equal((await call(sb, BASIC, { method: 'POST', json: creds })).body?.authed, true);
    });
  });

  it('MustAcceptTermsOfUse until terms_of_use_acknowledged is true', async () => {
    await withSandbox({ requireTermsOfUse: true }, async (sb) => {
      const refused = await call(sb, BASIC, { method: 'POST', json: creds });
      assert.deepEqual([refused.status, refused.body], [400, { error: 'MustAcceptTermsOfUse' }]);
      const no = await call(sb, BASIC, { method: 'POST', json: { ...creds, terms_of_use_acknowledged: false } });
      assert.equal(no.body?.error, 'MustAcceptTermsOfUse');
      const yes = await call(sb, BASIC, { method: 'POST', json: { ...creds, terms_of_use_acknowledged: true } });
      assert.equal(yes.body?.authed, true);
      const form = await call(sb, BASIC, { method: 'POST', form: { ...creds, terms_of_use_acknowledged: 'true' } });
      assert.equal(form.body?.authed, true);
    });
  });
});

describe('sandbox two-factor sign-in', () => {
  it('TwoFactorAuthRequired, send_code, 401 AuthRefused for a wrong code or token, success with the right code', async () => {
    await withSandbox({ twoFactor: true, csrf: true }, async (sb) => {
      const first = await call(sb, BASIC, { method: 'POST', json: { ...creds, remember_user: true } });
      assert.equal(first.status, 200);
      assert.equal(first.body?.authed, false);
      assert.equal(first.body?.warning, 'TwoFactorAuthRequired');
      assert.equal(first.body?.user, 'dev@example.com');
      assert.equal(first.body?.partial, true);
      assert.equal('session' in (first.body ?? {}), false);
      const token = first.body?.token as string;

      const sent = await call(sb, `${TWO_FA}?${new URLSearchParams({ user: creds.user, token, send_code: '1' })}`);
      assert.deepEqual([sent.status, sent.body], [200, { success: true }]);
      const sentBadToken = await call(sb, `${TWO_FA}?${new URLSearchParams({ user: creds.user, token: 'x', send_code: '1' })}`);
      assert.deepEqual([sentBadToken.status, sentBadToken.body], [401, { error: 'AuthRefused' }]);

      const wrongCode = await call(sb, TWO_FA, { method: 'POST', json: { user: creds.user, token, one_time_password: '000000' } });
      assert.deepEqual([wrongCode.status, wrongCode.body], [401, { error: 'AuthRefused' }]);
      const wrongToken = await call(sb, TWO_FA, {
        method: 'POST',
        json: { user: creds.user, token: 'bogus', one_time_password: '123456' },
      });
      assert.deepEqual([wrongToken.status, wrongToken.body], [401, { error: 'AuthRefused' }]);
      const missing = await call(sb, TWO_FA, { method: 'POST', json: { user: creds.user, token } });
      assert.deepEqual([missing.status, missing.body?.error], [400, 'MissingParameter']);

      const done = await call(sb, TWO_FA, { method: 'POST', form: { user: creds.user, token, one_time_password: '123456' } });
      assert.equal(done.status, 200);
      assert.equal(done.body?.authed, true);
      assert.equal(done.body?.remembered, true);
      assert.match(done.body?.csrf_token as string, /^[0-9a-f]{32}$/);
      const ping = await call(sb, '/WorldClientAPI/ping', { bearer: done.body?.session as string });
      assert.deepEqual(ping.body, { pong: true });

      const reused = await call(sb, TWO_FA, { method: 'POST', json: { user: creds.user, token, one_time_password: '123456' } });
      assert.equal(reused.body?.error, 'AuthRefused', 'the token is single-use');
    });
  });

  it('accepts a custom one-time password', async () => {
    await withSandbox({ twoFactor: true, oneTimePassword: '999000' }, async (sb) => {
      const token = (await call(sb, BASIC, { method: 'POST', json: creds })).body?.token as string;
      const res = await call(sb, TWO_FA, { method: 'POST', json: { user: creds.user, token, one_time_password: '999000' } });
      assert.equal(res.body?.authed, true);
    });
  });
});
