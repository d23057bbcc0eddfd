import * as assert from 'node:assert/strict';
import type { RoomSummary } from '../../../../src/api/types';
import { arrangeRooms, isActive, matchesFilter, memberList } from '../../../../src/core/rooms/roomsQuery';

const NOW = Date.parse('2026-11-24T12:00:00Z');
const room = (id: string, started: string, ended = '', members = 'a@x.com'): RoomSummary => ({
  id,
  started,
  ended,
  members,
  hasMessages: false,
});

describe('roomsQuery', () => {
  it('treats a room with no end, or an end in the future, as active', () => {
    assert.equal(isActive(room('a', '2026-01-01T00:00:00Z'), NOW), true);
    assert.equal(isActive(room('a', '2026-01-01T00:00:00Z', '2099-01-01T00:00:00Z'), NOW), true);
    assert.equal(isActive(room('a', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z'), NOW), false);
    assert.equal(isActive(room('a', '2026-01-01T00:00:00Z', 'garbage'), NOW), false);
  });

  it('splits members on commas and ignores blanks', () => {
    assert.deepEqual(memberList({ members: ' a@x.com, ,b@y.com,' }), ['a@x.com', 'b@y.com']);
    assert.deepEqual(memberList({ members: '' }), []);
  });

  it('matches the filter on id or member, case-insensitively', () => {
    const r = room('Weekly-Standup', '2026-01-01T00:00:00Z', '', 'Ann@Example.com');
    assert.equal(matchesFilter(r, 'standup'), true);
    assert.equal(matchesFilter(r, 'ann@'), true);
    assert.equal(matchesFilter(r, 'zzz'), false);
    assert.equal(matchesFilter(r, '  '), true);
  });

  it('sorts newest first, oldest first, by id and by member count; unreadable dates sort last', () => {
    const rooms = [
      room('b', '2026-02-01T00:00:00Z', '', 'a@x.com'),
      room('a', 'not a date', '', 'a@x.com,b@x.com,c@x.com'),
      room('c', '2026-03-01T00:00:00Z', '', ''),
    ];
    const ids = (sortBy: 'newest' | 'oldest' | 'id' | 'members') =>
      arrangeRooms(rooms, { filter: '', sortBy, groupByState: false }, NOW)[0].rooms.map((r) => r.id);
    assert.deepEqual(ids('newest'), ['c', 'b', 'a']);
    assert.deepEqual(ids('oldest'), ['a', 'b', 'c']);
    assert.deepEqual(ids('id'), ['a', 'b', 'c']);
    assert.deepEqual(ids('members'), ['a', 'b', 'c']);
  });

  it('groups into Active and Ended after filtering', () => {
    const rooms = [
      room('open', '2026-01-01T00:00:00Z'),
      room('done', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z'),
      room('other', '2026-01-01T00:00:00Z'),
    ];
    const groups = arrangeRooms(rooms, { filter: 'o', sortBy: 'id', groupByState: true }, NOW);
    assert.deepEqual(
      groups.map((g) => [g.key, g.rooms.map((r) => r.id)]),
      [
        ['active', ['open', 'other']],
        ['ended', ['done']],
      ],
    );
  });
});
