import * as assert from 'node:assert/strict';
import { bulkRooms, createPrng, HOSTILE_PAYLOADS, ODD_IDS, sampleRooms, seedRooms } from './seed';
import { startSandbox, type Sandbox } from './server';
import { call, messagesUrl, roomsUrl } from './testkit';

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('sandbox seed data', () => {
  it('is deterministic', () => {
    assert.deepEqual(
      seedRooms({ sample: true, oddIds: true, hostile: true, rooms: 20, messagesPerRoom: 3 }),
      seedRooms({ sample: true, oddIds: true, hostile: true, rooms: 20, messagesPerRoom: 3 }),
    );
    const next = createPrng(42);
    assert.deepEqual([next(), next(), next()], [2581720956, 1925393290, 3661312704]);
  });

  it('bulk rooms have exact, stable values whatever else is seeded', () => {
    const rooms = bulkRooms(8, 2);
    assert.deepEqual(
      rooms.map((r) => r.id),
      ['room-00001', 'room-00002', 'room-00003', 'room-00004', 'room-00005', 'room-00006', 'room-00007', 'room-00008'],
    );
    assert.equal(rooms[0].started, '2025-01-06T09:00:00.000Z');
    assert.equal(rooms[1].started, '2025-01-06T09:37:00.000Z');
    assert.equal(rooms[0].ended, '', 'active, empty end');
    assert.ok(rooms[1].ended.startsWith('2099-'), 'active, ends in the future');
    assert.ok(rooms[2].ended < '2026' && rooms[2].ended > rooms[2].started, 'ended');
    assert.deepEqual(
      seedRooms({ sample: true, rooms: 8, messagesPerRoom: 2 }).find((r) => r.id === 'room-00005'),
      rooms[4],
    );
    assert.deepEqual(bulkRooms(100, 2)[4], rooms[4]);
    assert.equal(bulkRooms(123_456, 0)[0].id, 'room-000001', 'ids widen past 99,999');
  });

  it('every room has ISO dates, email members and base64 salt/data', () => {
    for (const room of [...sampleRooms(), ...bulkRooms(50, 3)]) {
      assert.match(room.started, ISO);
      assert.ok(room.ended === '' || ISO.test(room.ended), room.ended);
      for (const member of room.members === '' ? [] : room.members.split(',')) {
        assert.match(member, /^[a-z]+@example\.com$/);
      }
      for (const m of room.messages) {
        assert.match(m.salt, BASE64);
        assert.match(m.data, BASE64);
        assert.equal(Buffer.from(m.salt, 'base64').length, 16);
      }
    }
  });

  it('sample: a dozen rooms, active and ended, with and without messages', () => {
    const rooms = sampleRooms();
    assert.equal(rooms.length, 12);
    assert.ok(rooms.some((r) => r.ended === ''));
    assert.ok(rooms.some((r) => r.ended.startsWith('2099')));
    assert.ok(rooms.some((r) => r.ended !== '' && r.ended < '2026'));
    assert.ok(rooms.some((r) => r.messages.length === 0));
    assert.ok(rooms.some((r) => r.messages.length > 100));
    assert.equal(rooms.find((r) => r.id === 'incident-4711')?.messages.length, 250);
  });

  it('odd ids and hostile payloads are present as the contract lists them', () => {
    for (const id of ['a/b', 'x#y', 'q?r=1', '100%', 'a&b', 'a+b', '<b>x</b>', 'with space']) {
      assert.ok(ODD_IDS.includes(id), id);
    }
    assert.deepEqual(
      seedRooms({ oddIds: true }).map((r) => r.id),
      [...ODD_IDS],
    );
    const [first] = seedRooms({ hostile: true });
    const texts = [first.id, first.members, ...first.messages.flatMap((m) => [m.id, m.salt, m.data])].join(' ');
    for (const payload of Object.values(HOSTILE_PAYLOADS)) {
      assert.ok(texts.includes(payload), payload);
    }
    assert.equal(first.id, HOSTILE_PAYLOADS.img);
  });
});

describe('sandbox at scale: 10,000 rooms and a 100,000-message room', function () {
  this.timeout(30_000);
  let sb: Sandbox;

  // How fast is for `npm run bench` to measure; these check what is served, at that scale.
  it('seeds 10,000 rooms and a 100,000-message room', async () => {
    const rooms = seedRooms({ rooms: 10_000, bigRoom: { id: 'big', messages: 100_000 } });
    assert.equal(rooms.length, 10_001);
    assert.equal(rooms[9_999].id, 'room-10000');
    assert.equal(rooms[10_000].messages.length, 100_000);
    sb = await startSandbox({ seed: { rooms: 10_000, bigRoom: { id: 'big', messages: 100_000 } } });
  });

  it('serves the 10,000-room list', async () => {
    const res = await call(sb, roomsUrl('path', undefined), { bearer: sb.session });
    const rooms = res.body?.rooms as { id: string; hasMessages: boolean }[];
    assert.equal(rooms.length, 10_001);
    assert.equal(rooms[0].id, 'room-00001');
  });

  it('serves the 100,000-message room, in both calls and styles', async () => {
    for (const path of [roomsUrl('path', sb.session, 'big'), messagesUrl('query', sb.session, 'big')]) {
      const res = await call(sb, path);
      assert.equal((res.body?.messages as unknown[]).length, 100_000);
    }
  });

  after(async () => {
    await sb?.stop();
  });
});
