import * as assert from 'node:assert/strict';
import type { RoomSummary } from '../../../src/api/types';
import { MAX_TICKS_PER_BAR, checkTimelineHostMessage } from '../../../src/shared/timelineProtocol';
import { parseTime, timelineRows, type BarSources } from '../../../src/timeline/timelineBars';

const room = (id: string, started: string, ended = '', extra: Partial<RoomSummary> = {}): RoomSummary => ({
  id,
  started,
  ended,
  members: 'a@example.com',
  hasMessages: false,
  ...extra,
});

const NONE: BarSources = { problems: () => ({ badge: '', severity: 'none' }), arrivals: () => [] };

describe('timeline bars', () => {
  it('orders rooms by start, then id, with rooms whose start is not a date last', () => {
    const rows = timelineRows(
      [
        room('late', '2025-06-02T08:30:00Z'),
        room('no-date', 'yesterday'),
        room('b-same', '2025-01-01T00:00:00Z'),
        room('a-same', '2025-01-01T00:00:00Z'),
      ],
      NONE,
    );
    assert.deepEqual(rows.roomIds, ['a-same', 'b-same', 'late', 'no-date']);
    assert.equal(rows.bars[3].start, null);
    assert.equal(rows.bars[3].started, 'yesterday', 'the raw value stays for the hover');
  });

  it('runs open rooms to now (end null) and ends ended ones at their end', () => {
    const [open, ended] = timelineRows(
      [room('open', '2025-01-01T00:00:00Z'), room('ended', '2025-02-01T00:00:00Z', '2025-02-01T01:00:00Z')],
      NONE,
    ).bars;
    assert.equal(open.end, null);
    assert.equal(ended.end, Date.parse('2025-02-01T01:00:00Z'));
  });

  it('takes ticks from the recorded arrivals (a fake reader), ascending, the newest kept past the limit', () => {
    const asked: [string, number][] = [];
    const many = Array.from({ length: MAX_TICKS_PER_BAR + 10 }, (_, index) => 1_000_000 - index);
    const sources: BarSources = {
      ...NONE,
      arrivals: (roomId, limit) => {
        asked.push([roomId, limit]);
        return roomId === 'busy' ? many : [30, 10, Number.NaN, 20.4];
      },
    };
    const rows = timelineRows([room('quiet', '2025-01-01T00:00:00Z'), room('busy', '2025-01-02T00:00:00Z')], sources);
    assert.deepEqual(rows.bars[0].ticks, [10, 20, 30]);
    assert.equal(rows.bars[1].ticks.length, MAX_TICKS_PER_BAR);
    assert.equal(rows.bars[1].ticks.at(-1), 1_000_000);
    assert.deepEqual(asked, [
      ['quiet', MAX_TICKS_PER_BAR],
      ['busy', MAX_TICKS_PER_BAR],
    ]);
  });

  it('marks problems and makes server text visible and short; the message fits the protocol', () => {
    const sources: BarSources = {
      ...NONE,
      problems: (roomId) => (roomId.startsWith('bad') ? { badge: '9+', severity: 'error' } : NONE.problems(roomId)),
    };
    const hostile = room('bad\u202e<b>', '2025-01-01T00:00:00Z', '', { members: 'x'.repeat(5000) });
    const { bars } = timelineRows([hostile], sources);
    assert.equal(bars[0].label, 'bad⟨U+202E⟩<b>');
    assert.equal(bars[0].severity, 'error');
    assert.equal(bars[0].problems, '9+');
    assert.ok(bars[0].members.length <= 300 && bars[0].members.endsWith('…'));
    const labels = Object.fromEntries(
      ['title', 'empty', 'zoomIn', 'zoomOut', 'fit', 'copySvg', 'save', 'started', 'ended', 'stillOpen', 'members', 'messages']
        .concat(['noMessages', 'problems', 'notADate', 'canvas', 'keys'])
        .map((key) => [key, key]),
    );
    const message = { type: 'bars', version: 1, now: Date.now(), locale: 'en', bars, labels };
    assert.deepEqual(checkTimelineHostMessage(message), { ok: true, value: message });
  });

  it('reads ISO times and refuses what is not a date without parsing huge strings', () => {
    assert.equal(parseTime('2025-06-02T08:30:00.000Z'), Date.UTC(2025, 5, 2, 8, 30));
    assert.equal(parseTime(''), null);
    assert.equal(parseTime('never'), null);
    assert.equal(parseTime(`2025-06-02T08:30:00Z${' '.repeat(1_000_000)}`), null);
  });

  it('orders 10,000 rooms by their start (the time it takes is in npm run bench:timeline)', () => {
    const rooms = Array.from({ length: 10_000 }, (_, index) =>
      room(`room-${index}`, new Date(Date.UTC(2025, 0, 1) + ((index * 7919) % 10_000) * 60_000).toISOString()),
    );
    const rows = timelineRows(rooms, NONE);
    assert.equal(rows.bars.length, 10_000);
    const starts = rows.bars.map((bar) => bar.start ?? Number.NaN);
    assert.ok(
      starts.every((start, index) => index === 0 || starts[index - 1] <= start),
      'earliest start first',
    );
  });
});
