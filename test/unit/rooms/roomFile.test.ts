import * as assert from 'node:assert/strict';
import type { Room } from '../../../src/api/types';
import { checkRoom, parseRoomFile, serializeRoomFile } from '../../../src/rooms/roomFile';
import { normalizeMembers, validateEnded, validateIsoDate, validateMembers, validateRoomId } from '../../../src/rooms/roomFields';
import { roomIdsFromArguments } from '../../../src/core/rooms/roomArgument';

const ROOM: Room = {
  id: 'a/b <x>',
  started: '2026-01-01T00:00:00Z',
  ended: '',
  members: 'a@x.com',
  hasMessages: true,
  messages: [{ id: 'm1', salt: 'c2FsdA==', data: '\u0000\u00ff<script>' }],
};

describe('room files', () => {
  it('round-trips an export byte for byte', () => {
    const text = serializeRoomFile('http://127.0.0.1:1', [ROOM], new Date('2026-11-24T00:00:00Z'));
    const parsed = parseRoomFile(text);
    assert.deepEqual(parsed.skipped, []);
    assert.deepEqual(parsed.rooms, [
      { id: ROOM.id, started: ROOM.started, ended: ROOM.ended, members: ROOM.members, messages: ROOM.messages },
    ]);
  });

  it('accepts a bare array and a single room object', () => {
    assert.equal(parseRoomFile(JSON.stringify([ROOM, { ...ROOM, id: 'b' }])).rooms.length, 2);
    assert.equal(parseRoomFile(JSON.stringify(ROOM)).rooms[0].id, ROOM.id);
  });

  it('skips invalid and duplicate rooms with a reason each', () => {
    const parsed = parseRoomFile(JSON.stringify([ROOM, { id: '' }, { id: 'x', members: 3 }, { id: 'y', messages: [{ id: 1 }] }, ROOM]));
    assert.deepEqual(
      parsed.skipped.map((skip) => [skip.index, skip.reason]),
      [
        [1, '"id" must be a non-empty string'],
        [2, '"members" must be a string'],
        [3, 'messages[0] must have string "id", "salt" and "data"'],
        [4, 'the file holds this room id twice; the first one is used'],
      ],
    );
  });

  it('says what is wrong with a file that is not JSON or holds no rooms', () => {
    assert.throws(() => parseRoomFile('<html>'), /not valid JSON/);
    assert.throws(() => parseRoomFile('{"foo": 1}'), /holds no rooms/);
    assert.equal(checkRoom(null), 'not an object');
  });
});

describe('room fields', () => {
  it('validates ids, members and dates', () => {
    assert.equal(validateRoomId('x'), undefined);
    assert.match(String(validateRoomId(' x')), /spaces/);
    assert.equal(validateMembers('a@x.com, b@y.org'), undefined);
    assert.equal(validateMembers('a@x.com, nope'), 'Not an email address: “nope”. Members are email addresses separated by commas (,).');
    assert.equal(
      validateMembers('a@x.com; b@y.org'),
      '“a@x.com; b@y.org” holds more than one address: separate members with commas (,), e.g. a@x.org, b@y.org.',
    );
    assert.match(String(validateMembers('c@z.net, a@x.com b@y.org')), /^“a@x\.com b@y\.org” holds more than one address/);
    assert.match(String(validateMembers(' , ')), /at least one/);
    assert.equal(normalizeMembers(' a@x.com ,, b@y.org ,'), 'a@x.com,b@y.org');
    assert.equal(validateIsoDate('2026-11-24T10:00:00Z', false), undefined);
    assert.match(String(validateIsoDate('tomorrow', false)), /ISO-8601/);
    assert.equal(validateIsoDate('', true), undefined);
    assert.equal(validateEnded('2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z'), 'The end lies before the start.');
  });
});

describe('room arguments', () => {
  it('reads tree nodes, selections and plain ids', () => {
    const node = { kind: 'room', room: { id: 'a' } };
    assert.deepEqual(roomIdsFromArguments(node, [node, { kind: 'room', room: { id: 'b' } }]), ['a', 'b']);
    assert.deepEqual(roomIdsFromArguments('x#y'), ['x#y']);
    assert.deepEqual(roomIdsFromArguments(undefined, ['a', 'a', 'b']), ['a', 'b']);
    assert.deepEqual(roomIdsFromArguments({ kind: 'loadMore' }), []);
  });
});
