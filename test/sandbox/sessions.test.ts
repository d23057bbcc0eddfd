import * as assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from './server';
import { BASIC, LOGOUT, call, creds, messagesUrl, roomsUrl, withSandbox } from './testkit';

// The sandbox's sessions: how they travel, expire and are renewed.

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
