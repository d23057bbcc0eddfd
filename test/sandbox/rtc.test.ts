import * as assert from 'node:assert/strict';
import { HOSTILE_PAYLOADS, ODD_IDS } from './seed';
import { startSandbox, type Sandbox, type StoredRoom } from './server';
import { base64Json, call, messagesUrl, roomsUrl } from './testkit';

const newRoom = (id: string): StoredRoom => ({
  id,
  started: '2025-06-01T10:00:00.000Z',
  ended: '',
  members: 'alice@example.com,bob@example.com',
  messages: [{ id: 'm1', salt: 'c2FsdA==', data: 'ZGF0YQ==' }],
});

describe('sandbox rtc route', () => {
  let sb: Sandbox;
  beforeEach(async () => {
    sb = await startSandbox({ seed: { sample: true, oddIds: true, hostile: true } });
  });
  afterEach(async () => {
    await sb.stop();
  });

  for (const style of ['path', 'query'] as const) {
    describe(`${style} style`, () => {
      it('lists rooms with hasMessages and without messages', async () => {
        const res = await call(sb, roomsUrl(style, sb.session));
        assert.equal(res.status, 200);
        const rooms = res.body?.rooms as Record<string, unknown>[];
        assert.deepEqual(
          rooms.map((r) => r.id),
          sb.store.list().map((r) => r.id),
        );
        const standup = rooms.find((r) => r.id === 'weekly-standup');
        const stored = sb.store.get('weekly-standup');
        assert.ok(stored);
        assert.deepEqual(standup, {
          id: stored.id,
          started: stored.started,
          ended: stored.ended,
          members: stored.members,
          hasMessages: true,
        });
        assert.equal(rooms.find((r) => r.id === 'customer-call-acme')?.hasMessages, false);
      });

      it('gets one room with its messages, and 404 RoomNotFound for an unknown id', async () => {
        const res = await call(sb, roomsUrl(style, sb.session, 'incident-4711'));
        assert.equal(res.status, 200);
        const stored = sb.store.get('incident-4711');
        assert.deepEqual(res.body, {
          id: 'incident-4711',
          started: stored?.started,
          ended: stored?.ended,
          members: stored?.members,
          hasMessages: true,
          messages: stored?.messages,
        });
        const missing = await call(sb, roomsUrl(style, sb.session, 'no-such-room'));
        assert.equal(missing.status, 404);
        assert.deepEqual(missing.body, { error: 'RoomNotFound' });
      });

      it("gets a room's messages", async () => {
        const res = await call(sb, messagesUrl(style, sb.session, 'design-review-2025-03'));
        assert.equal(res.status, 200);
        assert.deepEqual(res.body, { room_id: 'design-review-2025-03', messages: sb.store.get('design-review-2025-03')?.messages });
        assert.equal((res.body?.messages as unknown[]).length, 40);
      });

      it('adds a room (PUT), refuses a duplicate with 409 and a missing id with 400', async () => {
        const room = newRoom('new-room');
        const res = await call(sb, roomsUrl(style, sb.session), { method: 'PUT', json: room });
        assert.equal(res.status, 200);
        assert.deepEqual(res.body, { success: true });
        assert.deepEqual(sb.store.get('new-room'), room);
        const again = await call(sb, roomsUrl(style, sb.session), { method: 'PUT', json: room });
        assert.equal(again.status, 409);
        assert.deepEqual(again.body, { error: 'RoomExists' });
        const noId = await call(sb, roomsUrl(style, sb.session), { method: 'PUT', json: { started: '' } });
        assert.equal(noId.status, 400);
        assert.equal(noId.body?.error, 'MissingParameter');
      });

      it('adds messages (PUT), 404 for an unknown room', async () => {
        const before = sb.store.get('one-on-one')?.messages.length;
        assert.equal(before, 0);
        const data = [
          { id: 'x1', salt: 'AAAA', data: 'BBBB' },
          { id: 'x2', salt: 'CCCC', data: 'DDDD' },
        ];
        const res = await call(sb, messagesUrl(style, sb.session, 'one-on-one'), { method: 'PUT', json: { data } });
        assert.deepEqual([res.status, res.body], [200, { success: true }]);
        assert.deepEqual(sb.store.get('one-on-one')?.messages, data);
        const missing = await call(sb, messagesUrl(style, sb.session, 'nope'), { method: 'PUT', json: { data } });
        assert.deepEqual([missing.status, missing.body], [404, { error: 'RoomNotFound' }]);
      });

      it('deletes all messages of a room, 404 for an unknown room', async () => {
        const res = await call(sb, messagesUrl(style, sb.session, 'weekly-standup'), { method: 'DELETE' });
        assert.deepEqual([res.status, res.body], [200, { success: true }]);
        assert.deepEqual(sb.store.get('weekly-standup')?.messages, []);
        const list = await call(sb, roomsUrl(style, sb.session));
        assert.equal(
          (list.body?.rooms as { id: string; hasMessages: boolean }[]).find((r) => r.id === 'weekly-standup')?.hasMessages,
          false,
        );
        const missing = await call(sb, messagesUrl(style, sb.session, 'nope'), { method: 'DELETE' });
        assert.deepEqual([missing.status, missing.body], [404, { error: 'RoomNotFound' }]);
      });

      it('deletes a room, then 404 for it', async () => {
        const res = await call(sb, roomsUrl(style, sb.session, 'release-planning'), { method: 'DELETE' });
        assert.deepEqual([res.status, res.body], [200, { success: true }]);
        assert.equal(sb.store.get('release-planning'), undefined);
        const again = await call(sb, roomsUrl(style, sb.session, 'release-planning'), { method: 'DELETE' });
        assert.deepEqual([again.status, again.body], [404, { error: 'RoomNotFound' }]);
      });

      it('round-trips every odd and hostile id through every call', async () => {
        for (const id of [...ODD_IDS, ...Object.values(HOSTILE_PAYLOADS)]) {
          const room = await call(sb, roomsUrl(style, sb.session, id));
          assert.equal(room.status, 200, `GET room ${id}`);
          assert.equal(room.body?.id, id);
          const msgs = await call(sb, messagesUrl(style, sb.session, id));
          assert.equal(msgs.body?.room_id, id);
          const put = await call(sb, messagesUrl(style, sb.session, id), {
            method: 'PUT',
            json: { data: [{ id: `${id}-m`, salt: id, data: id }] },
          });
          assert.equal(put.status, 200, `PUT messages ${id}`);
          assert.deepEqual(sb.store.get(id)?.messages.at(-1), { id: `${id}-m`, salt: id, data: id });
          const clear = await call(sb, messagesUrl(style, sb.session, id), { method: 'DELETE' });
          assert.equal(clear.status, 200, `DELETE messages ${id}`);
          const del = await call(sb, roomsUrl(style, sb.session, id), { method: 'DELETE' });
          assert.equal(del.status, 200, `DELETE room ${id}`);
          assert.equal(sb.store.get(id), undefined);
          const add = await call(sb, roomsUrl(style, sb.session), { method: 'PUT', json: newRoom(id) });
          assert.equal(add.status, 200, `PUT room ${id}`);
          assert.equal(sb.store.get(id)?.id, id);
        }
      });
    });
  }

  describe('query style room id parameter', () => {
    for (const param of ['id', 'room_id'] as const) {
      it(`accepts ${param} for every call that takes a room id`, async () => {
        const room = await call(sb, roomsUrl('query', sb.session, 'a&b', param));
        assert.equal(room.body?.id, 'a&b');
        const msgs = await call(sb, messagesUrl('query', sb.session, 'a&b', param));
        assert.equal(msgs.body?.room_id, 'a&b');
        const put = await call(sb, messagesUrl('query', sb.session, 'a&b', param), { method: 'PUT', json: { data: [] } });
        assert.equal(put.status, 200);
        const clear = await call(sb, messagesUrl('query', sb.session, 'a&b', param), { method: 'DELETE' });
        assert.equal(clear.status, 200);
        const del = await call(sb, roomsUrl('query', sb.session, 'a&b', param), { method: 'DELETE' });
        assert.equal(del.status, 200);
        assert.equal(sb.store.get('a&b'), undefined);
      });
    }

    it('answers 400 MissingParameter for messages without an id, and for neither rooms=1 nor messages=1', async () => {
      const noId = await call(sb, `/WorldClientAPI?route=rtc&messages=1&session=${sb.session}`);
      assert.deepEqual([noId.status, noId.body?.error], [400, 'MissingParameter']);
      const neither = await call(sb, `/WorldClientAPI?route=rtc&session=${sb.session}`);
      assert.deepEqual([neither.status, neither.body?.error], [400, 'MissingParameter']);
      const delNoId = await call(sb, `/WorldClientAPI?route=rtc&rooms=1&session=${sb.session}`, { method: 'DELETE' });
      assert.deepEqual([delNoId.status, delNoId.body?.error], [400, 'MissingParameter']);
    });
  });

  describe('request bodies', () => {
    it('accepts a form-encoded room with JSON-encoded messages', async () => {
      const room = newRoom('from-form');
      const form = {
        id: room.id,
        started: room.started,
        ended: room.ended,
        members: room.members,
        messages: JSON.stringify(room.messages),
      };
      const res = await call(sb, roomsUrl('path', sb.session), { method: 'PUT', form });
      assert.deepEqual([res.status, res.body], [200, { success: true }]);
      assert.deepEqual(sb.store.get('from-form'), room);
    });

    it('accepts form-encoded messages', async () => {
      const data = [{ id: 'f1', salt: 'c2FsdA==', data: 'ZA==' }];
      const res = await call(sb, messagesUrl('query', sb.session, 'one-on-one'), { method: 'PUT', form: { data: JSON.stringify(data) } });
      assert.equal(res.status, 200);
      assert.deepEqual(sb.store.get('one-on-one')?.messages, data);
    });

    it('accepts base64 JSON in the request query parameter, in both styles', async () => {
      const room = newRoom('from-base64 + /?#');
      const put = await call(
        sb,
        `/WorldClientAPI?route=rtc&rooms=1&session=${sb.session}&request=${encodeURIComponent(base64Json(room))}`,
        { method: 'PUT' },
      );
      assert.deepEqual([put.status, put.body], [200, { success: true }]);
      assert.deepEqual(sb.store.get(room.id), room);
      const data = [{ id: 'b1', salt: 'AA==', data: 'Ag==' }];
      const url = `${messagesUrl('path', sb.session, room.id)}&request=${encodeURIComponent(base64Json({ data }))}`;
      const add = await call(sb, url, { method: 'PUT' });
      assert.equal(add.status, 200);
      assert.deepEqual(sb.store.get(room.id)?.messages.at(-1), data[0]);
    });

    it('rejects invalid JSON, malformed messages and unknown media types with 400/415', async () => {
      const empty = await call(sb, roomsUrl('path', sb.session), { method: 'PUT', headers: { 'Content-Type': 'application/json' } });
      assert.deepEqual([empty.status, empty.body?.error], [400, 'MissingParameter']);
      const res = await fetch(`${sb.url}${roomsUrl('path', sb.session)}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: '{"id":',
      });
      assert.deepEqual([res.status, await res.json()], [400, { error: 'InvalidRequest', detail: 'body is not valid JSON' }]);
      const shape = await call(sb, messagesUrl('path', sb.session, 'one-on-one'), {
        method: 'PUT',
        json: { data: [{ id: 'x', salt: 1, data: 'y' }] },
      });
      assert.deepEqual([shape.status, shape.body], [400, { error: 'InvalidParameter', parameter: 'data[0].salt' }]);
      const media = await fetch(`${sb.url}${roomsUrl('path', sb.session)}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/xml' },
        body: '<room/>',
      });
      assert.equal(media.status, 415);
      assert.equal(sb.store.get('one-on-one')?.messages.length, 0);
    });
  });

  describe('unknown paths and methods', () => {
    for (const path of [
      '/',
      '/WorldClientAPI/nope',
      '/WorldClientAPI?route=nope',
      '/WorldClientAPI',
      '/WorldClientAPI/rtc',
      '/WorldClientAPI/rtc/rooms/a/b',
      '/WorldClientAPI/rtc/other',
      '/worldclientapi/rtc/rooms',
    ]) {
      it(`404 NotFound for ${path}`, async () => {
        const res = await call(sb, path, { bearer: sb.session });
        assert.deepEqual([res.status, res.body], [404, { error: 'NotFound' }]);
      });
    }

    it('405 MethodNotAllowed with an Allow header', async () => {
      const post = await call(sb, roomsUrl('path', sb.session), { method: 'POST', json: newRoom('p') });
      assert.deepEqual([post.status, post.body], [405, { error: 'MethodNotAllowed' }]);
      assert.equal(post.headers.get('allow'), 'GET, PUT, DELETE');
      const putOne = await call(sb, roomsUrl('path', sb.session, 'x'), { method: 'PUT', json: newRoom('x') });
      assert.equal(putOne.status, 405);
      assert.equal(putOne.headers.get('allow'), 'GET, DELETE');
      const patch = await call(sb, '/WorldClientAPI/ping', { method: 'PATCH', bearer: sb.session });
      assert.equal(patch.status, 405);
      assert.equal(sb.store.get('p'), undefined);
    });

    it('400 InvalidParameter for a path segment that is not valid percent-encoding', async () => {
      const res = await call(sb, '/WorldClientAPI/rtc/rooms/100%', { bearer: sb.session });
      assert.deepEqual([res.status, res.body], [400, { error: 'InvalidParameter', parameter: 'id' }]);
    });
  });
});

describe('sandbox rejectEncodedSlashInPath', () => {
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ rejectEncodedSlashInPath: true, seed: { oddIds: true } });
  });
  after(async () => {
    await sb.stop();
  });

  it('answers 404 NotFound to %2F in a path segment (either case), but not in the query style', async () => {
    for (const path of ['/WorldClientAPI/rtc/rooms/a%2Fb', '/WorldClientAPI/rtc/messages/a%2fb']) {
      const res = await call(sb, path, { bearer: sb.session });
      assert.deepEqual([res.status, res.body], [404, { error: 'NotFound' }]);
    }
    const query = await call(sb, roomsUrl('query', sb.session, 'a/b'));
    assert.equal(query.body?.id, 'a/b');
  });

  it('still serves other odd ids in the path style (a literal "%2F" id is sent as %252F)', async () => {
    for (const id of ODD_IDS.filter((i) => !i.includes('/'))) {
      const res = await call(sb, roomsUrl('path', sb.session, id));
      assert.equal(res.body?.id, id);
    }
  });
});

describe('sandbox errorStyle', () => {
  const styles: { style: 'status' | 'ok200'; expect: (status: number) => number }[] = [
    { style: 'status', expect: (s) => s },
    { style: 'ok200', expect: () => 200 },
  ];
  for (const { style, expect } of styles) {
    it(`'${style}' answers every error with ${style === 'status' ? 'its own status' : 'HTTP 200'} and an {"error"} body`, async () => {
      const sb = await startSandbox({ errorStyle: style, seed: { sample: true } });
      try {
        const cases: [string, Parameters<typeof call>[2], number, string][] = [
          [roomsUrl('path', sb.session, 'nope'), {}, 404, 'RoomNotFound'],
          [roomsUrl('path', undefined), {}, 401, 'Unauthorized'],
          [roomsUrl('query', 'bogus'), {}, 401, 'InvalidSession'],
          [roomsUrl('path', sb.session), { method: 'PUT', json: { id: 'weekly-standup' } }, 409, 'RoomExists'],
          [roomsUrl('path', sb.session), { method: 'PUT', json: {} }, 400, 'MissingParameter'],
          ['/WorldClientAPI/nope', {}, 404, 'NotFound'],
          [roomsUrl('path', sb.session), { method: 'POST' }, 405, 'MethodNotAllowed'],
        ];
        for (const [path, options, status, error] of cases) {
          const res = await call(sb, path, options);
          assert.equal(res.status, expect(status), `${error} status`);
          assert.equal(res.body?.error, error);
        }
        const good = await call(sb, roomsUrl('path', sb.session));
        assert.equal(good.status, 200);
        assert.ok(Array.isArray(good.body?.rooms));
        sb.addFault({ kind: 'status', status: 503, times: 1 });
        const fault = await call(sb, roomsUrl('path', sb.session));
        assert.deepEqual([fault.status, fault.body], [503, { error: 'ServerError' }]);
      } finally {
        await sb.stop();
      }
    });
  }
});
