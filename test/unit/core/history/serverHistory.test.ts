import * as assert from 'node:assert/strict';
import { ServerHistory, type HistoryRecord } from '../../../../src/core/history/serverHistory';

const SERVER = 'https://mail.example.com';

function recorded(): ServerHistory {
  const history = new ServerHistory(SERVER);
  const records: HistoryRecord[] = [
    { k: 'f', r: 'room', at: 1_000, s: '2026-12-01T10:00:00Z', e: '', m: 'a@example.com', h: true },
    {
      k: 'm',
      r: 'room',
      at: 1_000,
      first: 1,
      set: [
        ['usual', 'h1'],
        ['changes', 'h2'],
        ['vanishes', 'h3'],
      ],
    },
    { k: 'o', r: 'room', at: 1_500 },
    {
      k: 'm',
      r: 'room',
      at: 2_000,
      set: [
        ['arrived', 'h4'],
        ['changes', 'h5'],
      ],
      gone: ['vanishes'],
    },
  ];
  records.forEach((record) => history.apply(record));
  return history;
}

/** The rooms as plain data: a field left undefined and a field never set read the same. */
function plain(history: ServerHistory): unknown {
  return JSON.parse(JSON.stringify([...history.rooms].map(([id, room]) => [id, { ...room, messages: [...room.messages] }])));
}

describe('ServerHistory snapshots (the records a rewritten log holds)', () => {
  it('rebuild the same history: usual, arrived, changed and vanished messages, fields and openings', () => {
    const original = recorded();
    const rebuilt = new ServerHistory(SERVER);
    original.snapshot().forEach((record) => rebuilt.apply(record));
    assert.deepEqual(plain(rebuilt), plain(original));
    assert.equal(rebuilt.rooms.get('room')?.newCount, 1);
  });

  it('keep only id and hash for a message there at the first sighting and untouched since', () => {
    const [, room] = recorded().snapshot();
    assert.equal(room.k, 'R');
    const byId = new Map((room as Extract<HistoryRecord, { k: 'R' }>).ms.map((entry) => [entry[0], entry]));
    assert.deepEqual(byId.get('usual'), ['usual', 'h1']);
    assert.deepEqual(byId.get('changes'), ['changes', 'h5', 1_000, 1, 2_000, 'h2', 0]);
    assert.deepEqual(byId.get('vanishes'), ['vanishes', 'h3', 1_000, 1, 0, '', 2_000]);
    assert.deepEqual(byId.get('arrived'), ['arrived', 'h4', 2_000, 0, 0, '', 0]);
  });
});
