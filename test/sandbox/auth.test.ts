import * as assert from 'node:assert/strict';
import { startSandbox, type Sandbox, type SandboxOptions } from './server';
import { base64Json, call, messagesUrl, roomsUrl } from './testkit';

const BASIC = '/WorldClientAPI/authenticate/basic';
const TWO_FA = '/WorldClientAPI/authenticate/2fa';
const LOGOUT = '/WorldClientAPI/authenticate/logout';
const creds = { user: 'dev@example.com', password: 'sandbox' };

/** Runs `body` against a fresh sandbox and always stops it. */
async function withSandbox(options: SandboxOptions, body: (sb: Sandbox) => Promise<void>): Promise<void> {
  const sb = await startSandbox({ seed: { sample: true }, ...options });
  try {
    await body(sb);
  } finally {
    await sb.stop();
  }
}

describe('sandbox sessions', () => {
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ seed: { sample: true }, session: 'fixed-session-token' });
  });
  after(async () => {
    await sb.stop();
  });

  it('uses the fixed initial session from the options', () => {
    assert.equal(sb.session, 'fixed-session-token');
    assert.match(sb.csrfToken, /^[0-9a-f]{32}$/);
  });

  it('accepts the session as a query parameter and as a Bearer header', async () => {
    const viaQuery = await call(sb, roomsUrl('path', sb.session));
    assert.equal(viaQuery.status, 200);
    const viaHeader = await call(sb, roomsUrl('path', undefined), { bearer: sb.session });
    assert.equal(viaHeader.status, 200);
    assert.deepEqual(viaHeader.body, viaQuery.body);
    const queryStyle = await call(sb, roomsUrl('query', undefined), { bearer: sb.session });
    assert.equal(queryStyle.status, 200);
  });

  it('401 Unauthorized without a session, 401 InvalidSession with a wrong one', async () => {
    const none = await call(sb, roomsUrl('path', undefined));
    assert.deepEqual([none.status, none.body], [401, { error: 'Unauthorized' }]);
    const wrong = await call(sb, roomsUrl('query', 'not-a-session'));
    assert.deepEqual([wrong.status, wrong.body], [401, { error: 'InvalidSession' }]);
    const wrongHeader = await call(sb, messagesUrl('path', undefined, 'weekly-standup'), { bearer: 'nope' });
    assert.deepEqual([wrongHeader.status, wrongHeader.body], [401, { error: 'InvalidSession' }]);
  });

  it('ping answers {"pong":true} with a session and 401 without, in both URL styles', async () => {
    for (const path of ['/WorldClientAPI/ping', '/WorldClientAPI?route=ping']) {
      const pong = await call(sb, path, { bearer: sb.session, headers: { 'X-No-Keep-Alive': 'true' } });
      assert.deepEqual([pong.status, pong.body], [200, { pong: true }]);
      const refused = await call(sb, path);
      assert.deepEqual([refused.status, refused.body], [401, { error: 'Unauthorized' }]);
    }
  });

  it('reports the version without a session', async () => {
    for (const path of ['/WorldClientAPI/settings?logon_settings=version', '/WorldClientAPI?route=settings&logon_settings=version']) {
      const res = await call(sb, path);
      assert.deepEqual([res.status, res.body], [200, { version: '25.0.0' }]);
    }
    await withSandbox({ version: '24.5.1' }, async (other) => {
      const res = await call(other, '/WorldClientAPI/settings?logon_settings=version');
      assert.deepEqual(res.body, { version: '24.5.1' });
    });
  });

  it('expireSessions invalidates every issued session; issueSession gives a working new one', async () => {
    const extra = sb.issueSession();
    assert.notEqual(extra.session, sb.session);
    assert.equal((await call(sb, roomsUrl('path', extra.session))).status, 200);
    sb.expireSessions();
    for (const token of [sb.session, extra.session]) {
      const res = await call(sb, roomsUrl('path', undefined), { bearer: token });
      assert.deepEqual([res.status, res.body], [401, { error: 'InvalidSession' }]);
    }
    const fresh = sb.issueSession();
    assert.equal((await call(sb, roomsUrl('query', fresh.session))).status, 200);
  });

  it('keeps two sandboxes in one process apart', async () => {
    await withSandbox({}, async (other) => {
      assert.notEqual(other.port, sb.port);
      const crossed = await call(other, roomsUrl('path', undefined), { bearer: sb.issueSession().session });
      assert.equal(crossed.body?.error, 'InvalidSession');
      other.store.delete('weekly-standup');
      assert.ok(sb.store.get('weekly-standup'));
    });
  });
});

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
      assert.deepEqual(refused.map((reply) => [reply.status, reply.body?.error]), [[403, 'Forbidden'], [403, 'Forbidden'], [403, 'Forbidden']]);
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
      const wrongToken = await call(sb, TWO_FA, { method: 'POST', json: { user: creds.user, token: 'bogus', one_time_password: '123456' } });
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

describe('sandbox CSRF', () => {
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ csrf: true, csrfToken: 'fixed-csrf', seed: { sample: true } });
  });
  after(async () => {
    await sb.stop();
  });

  it('reads need no token', async () => {
    assert.equal((await call(sb, roomsUrl('path', sb.session))).status, 200);
    assert.equal(sb.csrfToken, 'fixed-csrf');
  });

  it('403 Forbidden for a PUT or DELETE without or with a wrong token; success with the session\'s own', async () => {
    const room = { id: 'csrf-room', started: '', ended: '', members: '', messages: [] };
    const refused: Record<string, string>[] = [{}, { 'X-CSRF-Token': 'wrong' }, { 'X-CSRF-Token': sb.issueSession().csrfToken }];
    for (const headers of refused) {
      const put = await call(sb, roomsUrl('path', sb.session), { method: 'PUT', json: room, headers });
      assert.deepEqual([put.status, put.body], [403, { error: 'Forbidden' }]);
      const del = await call(sb, roomsUrl('query', sb.session, 'weekly-standup'), { method: 'DELETE', headers });
      assert.deepEqual([del.status, del.body], [403, { error: 'Forbidden' }]);
    }
    assert.equal(sb.store.get('csrf-room'), undefined);
    assert.ok(sb.store.get('weekly-standup'));
    const ok = { 'X-CSRF-Token': sb.csrfToken };
    assert.equal((await call(sb, roomsUrl('path', sb.session), { method: 'PUT', json: room, headers: ok })).status, 200);
    assert.equal((await call(sb, messagesUrl('path', sb.session, 'csrf-room'), { method: 'PUT', json: { data: [] }, headers: ok })).status, 200);
    assert.equal((await call(sb, roomsUrl('query', sb.session, 'weekly-standup'), { method: 'DELETE', headers: ok })).status, 200);
  });

  it('sign-in replies carry a csrf_token that belongs to their session; logout needs it', async () => {
    const signIn = await call(sb, BASIC, { method: 'POST', json: creds });
    const session = signIn.body?.session as string;
    const csrf = signIn.body?.csrf_token as string;
    assert.match(csrf, /^[0-9a-f]{32}$/);
    const put = await call(sb, messagesUrl('path', undefined, 'one-on-one'), { method: 'PUT', bearer: session, json: { data: [] }, headers: { 'X-CSRF-Token': csrf } });
    assert.equal(put.status, 200);
    const noToken = await call(sb, LOGOUT, { method: 'POST', bearer: session });
    assert.deepEqual([noToken.status, noToken.body], [403, { error: 'Forbidden' }]);
    const out = await call(sb, LOGOUT, { method: 'POST', bearer: session, headers: { 'X-CSRF-Token': csrf } });
    assert.deepEqual(out.body, { success: true });
  });
});

describe('sandbox remembered-session renewal', () => {
  it('renews an expired remembered session once, with the same replacement on repeat; not a plain or logged-out one', async () => {
    await withSandbox({ renewRememberedSessions: true, csrf: true }, async (sb) => {
      const remembered = (await call(sb, BASIC, { method: 'POST', json: { ...creds, remember_user: true } })).body?.session as string;
      const plain = (await call(sb, BASIC, { method: 'POST', json: creds })).body?.session as string;
      sb.expireSessions();

      const renewed = await call(sb, roomsUrl('path', undefined), { bearer: remembered });
      assert.equal(renewed.status, 401);
      assert.equal(renewed.body?.error, 'InvalidSession');
      const newSession = renewed.body?.new_session as string;
      assert.match(newSession, /^[0-9a-f]{32}$/);
      assert.match(renewed.body?.csrf_token as string, /^[0-9a-f]{32}$/);
      const works = await call(sb, roomsUrl('path', undefined), { bearer: newSession });
      assert.equal(works.status, 200);
      const repeat = await call(sb, '/WorldClientAPI/ping', { bearer: remembered });
      assert.equal(repeat.body?.new_session, newSession);

      for (const token of [plain, sb.session]) {
        const res = await call(sb, roomsUrl('path', token));
        assert.deepEqual([res.status, res.body], [401, { error: 'InvalidSession' }]);
      }
      await call(sb, LOGOUT, { method: 'POST', bearer: newSession, headers: { 'X-CSRF-Token': renewed.body?.csrf_token as string } });
      const loggedOut = await call(sb, roomsUrl('path', newSession));
      assert.deepEqual(loggedOut.body, { error: 'InvalidSession' });
    });
  });

  it('does not renew unless the option is on', async () => {
    await withSandbox({}, async (sb) => {
      const remembered = (await call(sb, BASIC, { method: 'POST', json: { ...creds, remember_user: true } })).body?.session as string;
      sb.expireSessions();
      const res = await call(sb, roomsUrl('path', remembered));
      assert.deepEqual(res.body, { error: 'InvalidSession' });
    });
  });
});
