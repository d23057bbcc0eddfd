import * as assert from 'node:assert/strict';
import { messageHash } from '../../../src/core/history/messageDiff';
import type { MessageHistory, RoomHistory } from '../../../src/core/history/serverHistory';
import { recordedPoints, roomAsRecorded, roomNowHashed } from '../../../src/compare/recordedRoom';

const fields = { started: '2026-12-01T10:00:00Z', ended: '', members: 'a@example.com', hasMessages: true };
const content = (data: string) => ({ salt: 'c2FsdA==', data });

function history(messages: [string, MessageHistory][]): RoomHistory {
  return { firstSeen: 1_000, newCount: 0, fields: [{ at: 1_000, ...fields }], messages: new Map(messages) };
}

describe('Compare with the room as recorded', () => {
  const old = messageHash({ id: 'm2', ...content('b2xk') });
  const room = history([
    ['m1', { hash: messageHash({ id: 'm1', ...content('YQ==') }), firstSeen: 1_000, before: true }],
    ['m2', { hash: messageHash({ id: 'm2', ...content('bmV3') }), firstSeen: 1_000, before: true, changedAt: 3_000, previousHash: old }],
    ['m3', { hash: messageHash({ id: 'm3', ...content('Yw==') }), firstSeen: 2_000, before: false }],
    ['gone', { hash: 'ffffffffffffffff', firstSeen: 1_000, before: true, vanishedAt: 2_000 }],
  ]);

  it('offers one point per observation, newest first, with the messages first seen then', () => {
    assert.deepEqual(recordedPoints(room, 10), [
      { at: 2_000, firstSeen: 1 },
      { at: 1_000, firstSeen: 3 },
    ]);
    assert.equal(recordedPoints(room, 1).length, 1);
  });

  it('lays the room out as it was then: later arrivals left out, vanished ones kept until they vanished, old content hashes', () => {
    const then = roomAsRecorded('r', room, 1_000);
    assert.match(then, /"id": "m1"/);
    assert.match(then, new RegExp(`"id": "m2", "hash": "${old}"`), 'the content before it changed');
    assert.match(then, /"id": "gone"/);
    assert.doesNotMatch(then, /"id": "m3"/);
    const later = roomAsRecorded('r', room, 2_500);
    assert.match(later, /"id": "m3"/);
    assert.doesNotMatch(later, /"id": "gone"/);
  });

  it('the server now in the same layout: what changed since is the only line that differs', () => {
    const now = roomNowHashed({
      id: 'r',
      ...fields,
      messages: [
        { id: 'm1', ...content('YQ==') },
        { id: 'm2', ...content('bmV3') },
        { id: 'm3', ...content('Yw==') },
      ],
    });
    assert.equal(roomAsRecorded('r', room, 3_500), now, 'after the change, the record and the server agree');
    const before = roomAsRecorded('r', room, 2_500).split('\n');
    const changed = now.split('\n').filter((line) => !before.includes(line));
    assert.equal(changed.length, 1, changed.join('\n'));
    assert.match(changed[0], /^ {2}, \{"id": "m2", "hash": "[0-9a-f]{16}"\}$/);
  });
});
