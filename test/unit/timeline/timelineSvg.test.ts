import * as assert from 'node:assert/strict';
import { axisStep, axisTicks, barsExtent } from '../../../src/shared/timelineAxis';
import type { TimelineBar } from '../../../src/shared/timelineProtocol';
import { MAX_SVG_ROWS, timelineSvg, xmlText } from '../../../src/timeline/timelineSvg';

const HOUR = 3_600_000;
const T0 = Date.UTC(2025, 0, 1);

const bar = (label: string, start: number | null, end: number | null, extra: Partial<TimelineBar> = {}): TimelineBar => ({
  label,
  start,
  end,
  started: '',
  ended: '',
  members: '',
  hasMessages: true,
  problems: '',
  severity: 'none',
  ticks: [],
  ...extra,
});

function svgOf(bars: TimelineBar[], rows = 20): string {
  return timelineSvg({
    bars,
    view: { from: T0, to: T0 + 10 * HOUR, firstRow: 0, rows, width: 1000 },
    now: T0 + 5 * HOUR,
    title: 'Rooms Timeline',
    formatTick: (at) => new Date(at).toISOString().slice(11, 16),
    offsetMs: () => 0,
  });
}

describe('timeline picture (SVG)', () => {
  it('draws a bar per room, open rooms to now, ticks within the window, problem marks', () => {
    const svg = svgOf([
      bar('ended', T0 + HOUR, T0 + 2 * HOUR, { ticks: [T0 + 1.5 * HOUR, T0 + 20 * HOUR] }),
      bar('open', T0 + 3 * HOUR, null),
      bar('broken', T0, T0 + HOUR, { problems: '2', severity: 'error' }),
      bar('no-date', null, null),
    ]);
    const rects = [...svg.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/g)].map((match) => [Number(match[1]), Number(match[2])]);
    // Label column 200 px, 800 px for 10 hours: 80 px an hour.
    assert.deepEqual(rects, [
      [280, 80],
      [440, 160],
      [200, 80],
    ]);
    assert.equal((svg.match(/<line x1="320"/g) ?? []).length, 1, 'one tick inside the window, none outside');
    assert.match(svg, />⚠ 2 broken</);
    assert.match(svg, /stroke="#d13438"/);
    assert.match(svg, />no-date</);
    assert.match(svg, />03:00</, 'grid lines labelled by the formatter');
  });

  it('keeps every server value as text: markup escaped, lone surrogates replaced', () => {
    const svg = svgOf([bar('<script>"x" & \'y\'</script>\ud800', T0, null)]);
    assert.ok(svg.includes('&lt;script&gt;&quot;x&quot; &amp; &apos;y&apos;&lt;/script&gt;\ufffd'));
    assert.ok(!svg.includes('<script'));
    assert.equal(xmlText('a\ud83d\ude00b'), 'a\ud83d\ude00b', 'a whole pair stays');
  });

  it('holds at most the rows on screen, and never more than its bound', () => {
    const bars = Array.from({ length: 2000 }, (_, index) => bar(`room-${index}`, T0, T0 + HOUR));
    assert.equal((svgOf(bars, 10).match(/<rect x=/g) ?? []).length, 10);
    assert.equal((svgOf(bars, 100_000).match(/<rect x=/g) ?? []).length, MAX_SVG_ROWS);
  });
});

describe('timeline axis', () => {
  it('picks a step that leaves room for labels, and lines on local midnights for days', () => {
    assert.equal(axisStep(0, 10 * HOUR, 800), 3 * HOUR, '110 px apart at least: 1.4 hours, so every 3 hours');
    const offset = 2 * HOUR;
    const ticks = axisTicks(T0, T0 + 20 * 24 * HOUR, 400, () => offset);
    assert.ok(ticks.length >= 2 && ticks.length <= 5, `${ticks.length} lines`);
    for (const tick of ticks) {
      assert.equal((tick.at + offset) % (24 * HOUR), 0, 'a local midnight');
      assert.equal(tick.unit, 'day');
    }
    assert.deepEqual(axisTicks(5, 5, 100), [], 'an empty window has no lines');
    const years = axisTicks(new Date(2023, 1, 10).getTime(), new Date(2026, 11, 7).getTime(), 500);
    assert.deepEqual(
      years.map((tick) => [new Date(tick.at).getFullYear(), new Date(tick.at).getMonth(), new Date(tick.at).getDate(), tick.unit]),
      [2024, 2025, 2026].map((year) => [year, 0, 1, 'year']),
      'yearly lines on the first of January, local time',
    );
    const months = axisTicks(new Date(2025, 0, 15).getTime(), new Date(2025, 11, 15).getTime(), 1000);
    assert.ok(months.length >= 3 && months.every((tick) => new Date(tick.at).getDate() === 1), 'monthly lines on the first');
  });

  it('fits the bars, counting an end in the future as now', () => {
    const now = T0 + 10 * HOUR;
    const extent = barsExtent([bar('a', T0, T0 + HOUR), bar('b', T0 + 2 * HOUR, Date.UTC(2099, 0, 1)), bar('c', null, null)], now);
    assert.ok(extent.from < T0 && extent.from > T0 - HOUR);
    assert.ok(extent.to > now && extent.to < now + HOUR);
  });
});
