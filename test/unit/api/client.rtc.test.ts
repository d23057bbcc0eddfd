import * as assert from 'node:assert/strict';
import { Harness, newRoom, rejectsWith, sampleMessages } from './harness';
import { ODD_IDS } from '../../sandbox/seed';

describe('api client: the seven rtc calls against the sandbox', () => {
  const h = new Harness();
  afterEach(() => h.stop());

  for (const urlStyle of ['path', 'query'] as const) {
    for (const sessionTransport of ['header', 'query'] as const) {
      describe(`${urlStyle} style, session in the ${sessionTransport}`, () => {
        beforeEach(() => h.start({ seed: { sample: true }, csrf: true }));

        it('lists, gets, adds, appends, clears and deletes', async () => {
          const { api } = h.client({ urlStyle, sessionTransport });
          const stored = h.sandbox.store.list();
          const rooms = await api.listRooms();
          assert.deepEqual(
            rooms.map((room) => room.id),
            stored.map((room) => room.id),
          );
          assert.deepEqual(rooms[0], {
            id: stored[0].id,
            started: stored[0].started,
            ended: stored[0].ended,
            members: stored[0].members,
            hasMessages: stored[0].messages.length > 0,
          });

          const withMessages = stored.find((room) => room.messages.length > 0);
          assert.ok(withMessages);
          const room = await api.getRoom(withMessages.id);
          assert.deepEqual(room, {
            id: withMessages.id,
            started: withMessages.started,
            ended: withMessages.ended,
            members: withMessages.members,
            hasMessages: true,
            messages: withMessages.messages,
          });
          assert.deepEqual(await api.getRoomMessages(withMessages.id), withMessages.messages);

          await api.addRoom(newRoom('fresh'));
          assert.deepEqual(h.sandbox.store.get('fresh'), newRoom('fresh'));
          await api.addMessages('fresh', [{ id: 'm3', salt: 'x', data: 'y' }]);
          assert.deepEqual(h.sandbox.store.get('fresh')?.messages, [...sampleMessages, { id: 'm3', salt: 'x', data: 'y' }]);
          await api.deleteRoomMessages('fresh');
          assert.deepEqual(h.sandbox.store.get('fresh')?.messages, []);
          await api.deleteRoom('fresh');
          assert.equal(h.sandbox.store.get('fresh'), undefined);
        });

        it('sends exactly the documented request, the session only one way, CSRF only on writes', async () => {
          const { api } = h.client({ urlStyle, sessionTransport });
          await api.getRoom('weekly-standup');
          await api.deleteRoomMessages('weekly-standup');
          const [get, del] = h.requestsTo('rtc');
          if (urlStyle === 'path') {
            assert.equal(get.path, '/WorldClientAPI/rtc/rooms/weekly-standup');
            assert.equal(del.path, '/WorldClientAPI/rtc/messages/weekly-standup');
          } else {
            assert.equal(get.path, '/WorldClientAPI');
            const withoutSession = (query: Record<string, string>): Record<string, string> =>
              Object.fromEntries(Object.entries(query).filter(([name]) => name !== 'session'));
            assert.deepEqual(withoutSession(get.query), { route: 'rtc', rooms: '1', id: 'weekly-standup' });
            assert.deepEqual(withoutSession(del.query), { route: 'rtc', messages: '1', room_id: 'weekly-standup' });
          }
          for (const request of [get, del]) {
            if (sessionTransport === 'header') {
              assert.equal(request.headers.authorization, `Bearer ${h.sandbox.session}`);
              assert.equal(request.query.session, undefined);
            } else {
              assert.equal(request.query.session, h.sandbox.session);
              assert.equal(request.headers.authorization, undefined);
            }
          }
          assert.equal(get.headers['x-csrf-token'], undefined);
          assert.equal(del.headers['x-csrf-token'], h.sandbox.csrfToken);
        });

        it('maps RoomNotFound, RoomExists, MissingParameter and an expired session', async () => {
          const { api } = h.client({ urlStyle, sessionTransport });
          const notFound = await rejectsWith(api.getRoom('no-such-room'), 'notFound', /"no-such-room" does not exist/);
          assert.equal(notFound.status, 404);
          assert.equal(notFound.serverError, 'RoomNotFound');
          await rejectsWith(api.addMessages('no-such-room', sampleMessages), 'notFound');
          await rejectsWith(api.deleteRoom('no-such-room'), 'notFound');
          await rejectsWith(api.addRoom(newRoom('weekly-standup')), 'conflict', /already exists \(409 RoomExists\)/);
          await rejectsWith(api.addRoom(newRoom('')), 'badRequest', /400 MissingParameter/);
          h.sandbox.expireSessions();
          await rejectsWith(api.listRooms(), 'sessionExpired', /Sign in again/);
        });
      });
    }
  }

  describe('odd room ids', () => {
    beforeEach(() => h.start({ seed: { oddIds: true } }));

    for (const urlStyle of ['path', 'query'] as const) {
      it(`round-trip in ${urlStyle} style: / # ? % & + < > space, quotes, Unicode`, async () => {
        const { api, infos } = h.client({ urlStyle });
        const listed = (await api.listRooms()).map((room) => room.id);
        assert.deepEqual(listed, [...ODD_IDS]);
        for (const id of ODD_IDS) {
          assert.equal((await api.getRoom(id)).id, id);
          assert.deepEqual(await api.getRoomMessages(id), h.sandbox.store.get(id)?.messages);
        }
        const made = 'new/ # ? % & + <x> y';
        await api.addRoom(newRoom(made));
        await api.addMessages(made, [{ id: 'n', salt: 's', data: 'd' }]);
        assert.equal(h.sandbox.store.get(made)?.messages.length, 3);
        await api.deleteRoomMessages(made);
        assert.equal(h.sandbox.store.get(made)?.messages.length, 0);
        await api.deleteRoom(made);
        assert.equal(h.sandbox.store.get(made), undefined);
        assert.ok(
          h.requestsTo('rtc').every((request) => !request.path.includes('%2F')),
          'an id with "/" is never in the path',
        );
        assert.deepEqual(infos, []);
      });
    }

    it('refuses an empty id without sending anything (it would address the whole collection)', async () => {
      const { api } = h.client();
      await rejectsWith(api.getRoom(''), 'badRequest', /room id is empty/);
      await rejectsWith(api.deleteRoom(''), 'badRequest');
      assert.equal(h.sandbox.requests.length, 0);
    });

    it('sends "." and ".." in query style, where URL normalisation cannot eat them', async () => {
      const { api } = h.client();
      await api.addRoom(newRoom('..'));
      assert.equal((await api.getRoom('..')).id, '..');
      await api.deleteRoom('..');
      assert.equal(h.requestsTo('rtc').at(-1)?.query.id, '..');
    });
  });

  describe('ids a proxy could rewrite (issue 21 §6)', () => {
    it('sends ids with "/" or "\\" in query style always, so a proxy decoding %2F cannot turn a/../victim into victim', async () => {
      await h.start({ seed: { sample: true }, rejectEncodedSlashInPath: true });
      const { api, infos } = h.client({ urlStyle: 'path' });
      for (const id of ['a/../weekly-standup', 'b\\..\\weekly-standup']) {
        await api.addRoom(newRoom(id));
        await api.addMessages(id, sampleMessages);
        assert.equal((await api.getRoom(id)).id, id);
        await api.deleteRoomMessages(id);
        await api.deleteRoom(id);
        assert.equal(h.sandbox.store.get(id), undefined);
      }
      assert.ok(h.sandbox.store.get('weekly-standup')?.messages.length, 'the room the ids look like is untouched');
      const withId = h.requestsTo('rtc').filter((request) => request.method !== 'PUT' || request.query.messages === '1');
      assert.ok(
        withId.every((request) => request.path === '/WorldClientAPI'),
        JSON.stringify(withId.map((request) => request.path)),
      );
      await api.getRoom('weekly-standup');
      assert.equal(h.requestsTo('rtc').at(-1)?.path, '/WorldClientAPI/rtc/rooms/weekly-standup', 'other ids keep the path style');
      assert.deepEqual(infos, []);
    });

    it('reports notFound for a missing room with "/"', async () => {
      await h.start({ seed: { oddIds: true } });
      const { api } = h.client();
      await rejectsWith(api.deleteRoom('no/such'), 'notFound', /"no\/such" does not exist/);
      assert.equal(h.requestsTo('rtc').length, 1);
    });
  });

  describe('CSRF', () => {
    beforeEach(() => h.start({ seed: { sample: true }, csrf: true }));

    it('gets 403 without the token (forbidden, mentioning CSRF) and succeeds with it', async () => {
      const client = h.client({}, { credentials: { session: h.sandbox.session } });
      const error = await rejectsWith(client.api.deleteRoom('weekly-standup'), 'forbidden', /CSRF token/);
      assert.equal(error.status, 403);
      assert.ok(h.sandbox.store.get('weekly-standup'));
      assert.equal(h.requestsTo('rtc').length, 1, 'a 403 write is not retried');
      client.credentials = { session: h.sandbox.session, csrfToken: h.sandbox.csrfToken };
      await client.api.deleteRoom('weekly-standup');
      assert.equal(h.sandbox.store.get('weekly-standup'), undefined);
    });

    it('says the token is missing, and what to do, when a pasted session has none', async () => {
      const client = h.client({}, { credentials: { session: h.sandbox.session } });
      const error = await rejectsWith(client.api.deleteRoom('weekly-standup'), 'forbidden');
      assert.match(error.message, /: the server refused the change as forbidden: the CSRF token is missing \(the session was pasted/);
      assert.match(error.message, /\(403 Forbidden\)\./);
      assert.match(error.message, /Paste the CSRF token with the session, or sign in with the password, which gets one\.$/);
      const wrong = h.client({}, { credentials: { session: h.sandbox.session, csrfToken: 'not-the-token' } });
      const other = await rejectsWith(wrong.api.deleteRoom('weekly-standup'), 'forbidden');
      assert.match(other.message, /does not belong to the session \(403 Forbidden\)\. Sign in again/, 'a wrong token reads as before');
    });
  });

  describe('errors answered with HTTP 200 (errorStyle ok200)', () => {
    beforeEach(() => h.start({ seed: { sample: true }, errorStyle: 'ok200', csrf: true }));

    it('are failures all the same, with the same kinds', async () => {
      const { api } = h.client();
      const notFound = await rejectsWith(api.getRoom('no-such-room'), 'notFound');
      assert.equal(notFound.status, 200);
      await rejectsWith(api.addRoom(newRoom('weekly-standup')), 'conflict');
      await rejectsWith(api.addRoom(newRoom('')), 'badRequest');
      const forbidden = h.client({}, { credentials: { session: h.sandbox.session } });
      await rejectsWith(forbidden.api.deleteRoom('weekly-standup'), 'forbidden');
      await rejectsWith(h.client({}, { credentials: { session: 'bogus' } }).api.listRooms(), 'sessionExpired');
      h.sandbox.expireSessions();
      await rejectsWith(api.ping(), 'sessionExpired');
    });
  });

  describe('previews of a big room', () => {
    beforeEach(() => h.start({ seed: { sample: true, bigRoom: { id: 'big', messages: 5000 } } }));

    it('hands out the first messages while the rest of the reply is on its way, then the whole room', async () => {
      const { api } = h.client();
      const stored = h.sandbox.store.get('big');
      assert.ok(stored);
      h.sandbox.addFault({ kind: 'slowBody', firstBytes: 20_000, delayMs: 500, times: 1 });
      let roomArrived = false;
      const previews: { messages: unknown[]; fields: unknown; roomArrived: boolean }[] = [];
      const room = await api
        .getRoom('big', undefined, { size: 40, onPreview: (preview) => previews.push({ ...preview, roomArrived }) })
        .finally(() => {
          roomArrived = true;
        });
      assert.equal(previews.length, 1);
      assert.equal(previews[0].roomArrived, false);
      assert.deepEqual(previews[0].messages, stored.messages.slice(0, 40));
      assert.deepEqual(previews[0].fields, { id: stored.id, started: stored.started, ended: stored.ended, members: stored.members });
      assert.deepEqual(room.messages, stored.messages, 'the room itself is the whole reply');
    });

    it('gives none for a small reply or an error, and a cut reply still fails after its preview', async () => {
      const { api } = h.client();
      const previews: unknown[] = [];
      const onPreview = (preview: unknown): number => previews.push(preview);
      const small = await api.getRoom('incident-4711', undefined, { size: 40, onPreview });
      assert.ok(small.messages.length > 40, 'more messages than the preview would hold');
      await rejectsWith(api.getRoom('no-such-room', undefined, { size: 40, onPreview }), 'notFound');
      assert.deepEqual(previews, [], 'a reply that arrives at once needs no preview');
      h.sandbox.addFault({ kind: 'truncatedJson', times: 1 });
      await rejectsWith(api.getRoom('big', undefined, { size: 40, onPreview }), 'notJson');
      assert.equal(previews.length, 1, 'the preview came, and the failure still came after it');
    });
  });

  describe('without credentials', () => {
    it('fails as notSignedIn without sending anything', async () => {
      await h.start();
      const { api } = h.client({}, { credentials: null });
      await rejectsWith(api.listRooms(), 'notSignedIn', /Sign in first/);
      await rejectsWith(api.ping(), 'notSignedIn');
      assert.equal(h.sandbox.requests.length, 0);
    });
  });
});
