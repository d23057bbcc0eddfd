import * as assert from 'node:assert/strict';
import { toCurl } from '../../../src/api/curl';
import { WorldClientError } from '../../../src/api/errors';
import type { SignInResult } from '../../../src/api/types';
import { Harness, newRoom, rejectsWith, sampleMessages, type TestClient } from './harness';

const USER = 'dev@example.com';

function signedIn(result: SignInResult): Extract<SignInResult, { kind: 'signedIn' }> {
  assert.equal(result.kind, 'signedIn', JSON.stringify(result));
  return result as Extract<SignInResult, { kind: 'signedIn' }>;
}

describe('api client: signing in, sessions, ping and version', () => {
  const h = new Harness();
  afterEach(() => h.stop());

  describe('basic sign-in', () => {
    it('signs in and the credentials work, CSRF token included', async () => {
      await h.start({ csrf: true, seed: { sample: true } });
      const client = h.client({}, { credentials: null });
      const result = signedIn(await client.api.signInBasic(USER, 'sandbox'));
      assert.equal(result.user, USER);
      assert.equal(result.twoFactorSetupPending, false);
      assert.ok(result.credentials.session && result.credentials.csrfToken);
      client.credentials = result.credentials;
      await client.api.deleteRoom('weekly-standup');
      const [signIn] = h.requestsTo('authenticate');
      assert.equal(signIn.method, 'POST');
      assert.equal(signIn.path, '/WorldClientAPI/authenticate/basic');
      assert.equal(signIn.headers['content-type'], 'application/json');
      assert.equal(signIn.headers.authorization, undefined);
      assert.equal(signIn.headers.cookie, undefined, 'no login token cookie from a server that has none');
      assert.deepEqual(
        client.log.map((entry) => [entry.method, entry.url.replace(h.sandbox.url, ''), entry.status]),
        [
          ['GET', '/WorldClientAPI/settings?logon_settings=login_token&data=REDACTED', 400],
          ['POST', '/WorldClientAPI/authenticate/basic', 200],
          ['DELETE', '/WorldClientAPI/rtc/rooms/weekly-standup', 200],
        ],
      );
      assert.equal(
        client.log[1].requestBody,
        JSON.stringify({ user: USER, password: 'REDACTED' }),
        'no login token was offered, so none is sent',
      );
    });

    it('fetches the one-use login token first and sends it back, as data and as its cookie', async () => {
      await h.start({ requireLoginToken: true });
      const client = h.client({}, { credentials: null });
      signedIn(await client.api.signInBasic(USER, 'sandbox'));
      const [tokenRequest] = h.requestsTo('settings');
      const data = tokenRequest.query.data;
      assert.match(data, /^[0-9a-f-]{36}$/, 'a random UUID');
      const [signIn] = h.requestsTo('authenticate');
      assert.equal(signIn.headers.cookie, `WCLoginToken=${data}`);
      assert.equal(client.log[1].requestBody, JSON.stringify({ user: USER, password: 'REDACTED', data: 'REDACTED' }));
      assert.equal(client.log[1].headers.Cookie, 'REDACTED');
      signedIn(await client.api.signInBasic(USER, 'sandbox'));
      assert.notEqual(h.requestsTo('settings')[1].query.data, data, 'a new token for every sign-in');
    });

    it('does not sign in when there is no answer to the login token call (the sign-in would get none either)', async () => {
      await h.start();
      h.sandbox.addFault({ kind: 'reset', route: 'settings' });
      await rejectsWith(h.client({}, { credentials: null }).api.signInBasic(USER, 'sandbox'), 'network');
      assert.equal(h.requestsTo('settings').length, 1, 'not retried: each try would register another token');
      assert.equal(h.requestsTo('authenticate').length, 0);
    });

    it('refuses a wrong password and a missing one as signInRefused, without retrying', async () => {
      await h.start();
      const { api } = h.client({}, { credentials: null });
      h.sandbox.addFault({ kind: 'delay', delayMs: 0, route: 'authenticate' });
      const wrong = await rejectsWith(api.signInBasic(USER, 'nope-nope'), 'signInRefused', /user name or password is wrong/);
      assert.equal(wrong.serverError, 'InvalidUserOrPassword');
      assert.ok(!wrong.message.includes('nope-nope'));
      await rejectsWith(api.signInBasic(USER, ''), 'signInRefused', /missing/);
      assert.equal(h.requestsTo('authenticate').length, 2);
    });

    it('a sign-in answered 503 is not retried (a POST)', async () => {
      await h.start();
      h.sandbox.addFault({ kind: 'status', status: 503, route: 'authenticate' });
      await rejectsWith(h.client({}, { credentials: null }).api.signInBasic(USER, 'sandbox'), 'serverError');
      assert.equal(h.requestsTo('authenticate').length, 1);
    });

    it('reports an expired password', async () => {
      await h.start({ passwordExpired: true });
      assert.deepEqual(await h.client({}, { credentials: null }).api.signInBasic(USER, 'sandbox'), { kind: 'passwordExpired' });
    });

    it('asks for the terms of use, then signs in once they are accepted', async () => {
      await h.start({ requireTermsOfUse: true });
      const { api, log } = h.client({}, { credentials: null });
      assert.deepEqual(await api.signInBasic(USER, 'sandbox'), { kind: 'termsOfUseRequired' });
      signedIn(await api.signInBasic(USER, 'sandbox', undefined, { acceptTermsOfUse: true }));
      assert.equal(log[3].requestBody, JSON.stringify({ user: USER, password: 'REDACTED', terms_of_use_acknowledged: true }));
    });
  });

  describe('two-factor sign-in', () => {
    beforeEach(() => h.start({ twoFactor: true, csrf: true }));

    it('asks for a code, sends one by mail, refuses a wrong one and accepts the right one', async () => {
      const { api, log } = h.client({}, { credentials: null });
      const first = await api.signInBasic(USER, 'sandbox');
      assert.equal(first.kind, 'twoFactorRequired');
      const { token, user } = first as Extract<SignInResult, { kind: 'twoFactorRequired' }>;
      assert.equal(user, USER);
      await api.sendTwoFactorCode(user, token);
      const sent = h.requestsTo('authenticate').at(-1);
      assert.deepEqual(sent?.query, { user, token, send_code: '1' });
      assert.equal(sent?.method, 'GET');
      assert.match(log.at(-1)?.url ?? '', /token=REDACTED&send_code=1$/);
      const wrong = await rejectsWith(api.signInTwoFactor(user, token, '000000'), 'signInRefused', /one-time password was not accepted/);
      assert.equal(wrong.status, 401);
      const result = signedIn(await api.signInTwoFactor(user, token, '123456'));
      assert.ok(result.credentials.csrfToken);
      assert.equal(log.at(-1)?.requestBody, JSON.stringify({ user, token: 'REDACTED', one_time_password: 'REDACTED' }));
    });

    it('sending a code is never retried, though it is a GET (each try mails a code)', async () => {
      const { api } = h.client({}, { credentials: null });
      const { token } = (await api.signInBasic(USER, 'sandbox')) as Extract<SignInResult, { kind: 'twoFactorRequired' }>;
      h.sandbox.addFault({ kind: 'status', status: 503, route: 'authenticate', method: 'GET' });
      await rejectsWith(api.sendTwoFactorCode(USER, token), 'serverError');
      assert.equal(h.requestsTo('authenticate').filter((request) => request.method === 'GET').length, 1);
    });
  });

  describe('logout, ping and version', () => {
    for (const sessionTransport of ['header', 'query'] as const) {
      it(`logout ends the session; ping tells good from bad sessions (session in the ${sessionTransport})`, async () => {
        await h.start({ csrf: true });
        const { api } = h.client({ sessionTransport });
        await api.ping();
        const pingRequest = h.requestsTo('ping')[0];
        assert.equal(pingRequest.path, '/WorldClientAPI/ping');
        assert.equal(pingRequest.headers['x-no-keep-alive'], 'true', 'a check asks not to extend the session');
        await api.logout();
        const logoutRequest = h.requestsTo('authenticate').at(-1);
        assert.equal(logoutRequest?.method, 'POST');
        assert.equal(logoutRequest?.headers['x-csrf-token'], h.sandbox.csrfToken);
        await rejectsWith(api.ping(), 'sessionExpired', /Sign in again/);
        await rejectsWith(api.listRooms(), 'sessionExpired');
        await api.logout(); // an already dead session needs no sign-out
      });
    }

    it('ping of an unknown session is sessionExpired', async () => {
      await h.start();
      await rejectsWith(h.client({}, { credentials: { session: 'not-a-session' } }).api.ping(), 'sessionExpired');
    });

    it('reads the server version without sending the session', async () => {
      await h.start({ version: '24.5.1' });
      for (const sessionTransport of ['header', 'query'] as const) {
        assert.equal(await h.client({ sessionTransport }).api.serverVersion(), '24.5.1');
      }
      for (const request of h.requestsTo('settings')) {
        assert.deepEqual(request.query, { logon_settings: 'version' });
        assert.equal(request.headers.authorization, undefined);
      }
    });
  });

  describe('remembered-session renewal', () => {
    for (const sessionTransport of ['header', 'query'] as const) {
      it(`stores the new session and retries once with it, for reads and writes (session in the ${sessionTransport})`, async () => {
        await h.start({ renewRememberedSessions: true, csrf: true, seed: { sample: true } });
        const client = h.client({ sessionTransport }, { credentials: null });
        const first = signedIn(await client.api.signInBasic(USER, 'sandbox', undefined, { rememberUser: true }));
        client.credentials = first.credentials;
        h.sandbox.expireSessions();
        h.sandbox.requests.length = 0;
        assert.ok((await client.api.listRooms()).length > 0);
        assert.equal(client.renewed.length, 1);
        const renewed = client.renewed[0];
        assert.notEqual(renewed.session, first.credentials.session);
        assert.ok(renewed.csrfToken);
        const [expired, retried] = h.requestsTo('rtc');
        const sessionOf = (request: typeof expired): string | undefined =>
          sessionTransport === 'header' ? request.headers.authorization?.toString().replace('Bearer ', '') : request.query.session;
        assert.equal(sessionOf(expired), first.credentials.session);
        assert.equal(sessionOf(retried), renewed.session);

        // A write: the retry must carry the renewed session's own CSRF token.
        h.sandbox.expireSessions();
        await client.api.deleteRoom('weekly-standup');
        assert.equal(client.renewed.length, 2);
        assert.equal(h.requestsTo('rtc').at(-1)?.headers['x-csrf-token'], client.renewed[1].csrfToken);
        assert.equal(h.sandbox.store.get('weekly-standup'), undefined);
      });
    }

    it('without remember_user an expired session just fails', async () => {
      await h.start({ renewRememberedSessions: true });
      const client = h.client({}, { credentials: null });
      client.credentials = signedIn(await client.api.signInBasic(USER, 'sandbox')).credentials;
      h.sandbox.expireSessions();
      await rejectsWith(client.api.listRooms(), 'sessionExpired');
      assert.deepEqual(client.renewed, []);
    });
  });

  describe('no secret leaks', () => {
    const PASSWORD = 'Correct-Horse-Battery-Staple-9';
    const CODE = '987654';

    for (const sessionTransport of ['header', 'query'] as const) {
      it(`no log entry, curl command, error or info line holds a secret (session in the ${sessionTransport})`, async function () {
        this.timeout(30_000);
        await h.start({
          csrf: true,
          twoFactor: true,
          renewRememberedSessions: true,
          rejectEncodedSlashInPath: true,
          password: PASSWORD,
          oneTimePassword: CODE,
          seed: { sample: true, oddIds: true },
        });
        const client = h.client({ sessionTransport, timeoutMs: 400 }, { credentials: null });
        const { api } = client;
        const secrets = new Set<string>([PASSWORD, CODE, h.sandbox.session, h.sandbox.csrfToken]);
        const errors: WorldClientError[] = [];
        const expectFailure = async (promise: Promise<unknown>): Promise<void> => {
          try {
            await promise;
          } catch (error) {
            assert.ok(error instanceof WorldClientError, String(error));
            errors.push(error);
            return;
          }
          assert.fail('expected a failure');
        };

        await expectFailure(api.signInBasic(USER, `${PASSWORD}-wrong`));
        const partial = await api.signInBasic(USER, PASSWORD, undefined, { rememberUser: true });
        assert.equal(partial.kind, 'twoFactorRequired');
        const { token } = partial as Extract<SignInResult, { kind: 'twoFactorRequired' }>;
        secrets.add(token);
        await api.sendTwoFactorCode(USER, token);
        await expectFailure(api.signInTwoFactor(USER, token, '000000'));
        const result = signedIn(await api.signInTwoFactor(USER, token, CODE));
        secrets.add(result.credentials.session).add(result.credentials.csrfToken ?? '');
        client.credentials = result.credentials;

        await exerciseEveryCall(client);
        await expectFailure(api.getRoom('no-such-room'));
        h.sandbox.addFault({ kind: 'html', times: 1 });
        await expectFailure(api.listRooms());
        h.sandbox.addFault({ kind: 'truncatedJson', times: 1 });
        await expectFailure(api.getRoomMessages('a&b'));
        h.sandbox.addFault({ kind: 'delay', delayMs: 1000, times: 1 });
        await expectFailure(api.listRooms());
        h.sandbox.addFault({ kind: 'reset', times: 1, method: 'DELETE' });
        await expectFailure(api.deleteRoom('a+b'));
        const noCsrf = h.client({ sessionTransport }, { credentials: { session: result.credentials.session } });
        await expectFailure(noCsrf.api.deleteRoom('a+b'));

        h.sandbox.expireSessions();
        await api.listRooms();
        assert.equal(client.renewed.length, 1);
        secrets.add(client.renewed[0].session).add(client.renewed[0].csrfToken ?? '');
        await api.logout();
        await expectFailure(api.listRooms());

        assert.ok(errors.length >= 9, `${errors.length} failures`);
        const texts = [
          ...client.log.map((entry) => JSON.stringify(entry)),
          ...noCsrf.log.map((entry) => JSON.stringify(entry)),
          ...client.log.map((entry) => toCurl(entry)),
          ...errors.map((error) => `${error.message} ${error.serverError ?? ''} ${String(error.stack)}`),
          ...client.infos,
        ];
        assert.ok(client.log.length >= 20, `${client.log.length} log entries`);
        for (const secret of secrets) {
          assert.ok(secret.length >= 6, 'every secret is long enough to be found');
          for (const form of [secret, encodeURIComponent(secret)]) {
            const leak = texts.find((text) => text.includes(form));
            assert.equal(leak, undefined, `a secret leaked into: ${leak}`);
          }
        }
      });
    }
  });
});

async function exerciseEveryCall({ api }: TestClient): Promise<void> {
  await api.serverVersion();
  await api.ping();
  const rooms = await api.listRooms();
  assert.ok(rooms.length > 0);
  await api.getRoom('a/b'); // query style, whatever the setting
  await api.getRoom(rooms[0].id);
  await api.getRoomMessages(rooms[0].id);
  await api.addRoom(newRoom('leak/check'));
  await api.addMessages('leak/check', sampleMessages);
  await api.deleteRoomMessages('leak/check');
  await api.deleteRoom('leak/check');
}
