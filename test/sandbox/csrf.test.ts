import * as assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from './server';
import { BASIC, LOGOUT, call, creds, messagesUrl, roomsUrl } from './testkit';

// The sandbox's CSRF check on writes.

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

  it("403 Forbidden for a PUT or DELETE without or with a wrong token; success with the session's own", async () => {
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
    assert.equal(
      (await call(sb, messagesUrl('path', sb.session, 'csrf-room'), { method: 'PUT', json: { data: [] }, headers: ok })).status,
      200,
    );
    assert.equal((await call(sb, roomsUrl('query', sb.session, 'weekly-standup'), { method: 'DELETE', headers: ok })).status, 200);
  });

  it('sign-in replies carry a csrf_token that belongs to their session; logout needs it', async () => {
    const signIn = await call(sb, BASIC, { method: 'POST', json: creds });
    const session = signIn.body?.session as string;
    const csrf = signIn.body?.csrf_token as string;
    assert.match(csrf, /^[0-9a-f]{32}$/);
    const put = await call(sb, messagesUrl('path', undefined, 'one-on-one'), {
      method: 'PUT',
      bearer: session,
      json: { data: [] },
      headers: { 'X-CSRF-Token': csrf },
    });
    assert.equal(put.status, 200);
    const noToken = await call(sb, LOGOUT, { method: 'POST', bearer: session });
    assert.deepEqual([noToken.status, noToken.body], [403, { error: 'Forbidden' }]);
    const out = await call(sb, LOGOUT, { method: 'POST', bearer: session, headers: { 'X-CSRF-Token': csrf } });
    assert.deepEqual(out.body, { success: true });
  });
});
