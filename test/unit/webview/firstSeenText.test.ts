import * as assert from 'node:assert/strict';
import { compactTime, firstSeenText } from '../../../src/webview/firstSeenText';

const NOW = new Date(2026, 11, 7, 15, 30).getTime();

describe('First seen cell', () => {
  it('says when a message already there was first seen as briefly as a cell allows: the time today, else the day', () => {
    const today = new Date(2026, 11, 7, 9, 45).getTime();
    const earlierThisYear = new Date(2026, 2, 3, 9, 45).getTime();
    const lastYear = new Date(2025, 11, 31, 23, 0).getTime();
    assert.equal(compactTime(today, NOW), new Date(today).toLocaleTimeString(undefined, { timeStyle: 'short' }));
    assert.equal(
      compactTime(earlierThisYear, NOW),
      new Date(earlierThisYear).toLocaleDateString(undefined, { month: 'short', day: 'numeric' }),
    );
    assert.equal(compactTime(lastYear, NOW), new Date(lastYear).toLocaleDateString(undefined, { dateStyle: 'short' }));
    for (const at of [today, earlierThisYear, lastYear]) {
      assert.ok(compactTime(at, NOW).length <= 12, compactTime(at, NOW));
    }
  });

  it('"before" the first sighting in the cell, the exact time in the tooltip; an arrival as a relative time', () => {
    const at = new Date(2026, 11, 7, 9, 45).getTime();
    const before = firstSeenText({ firstSeen: at, before: true, changedAt: null, previousHash: null }, NOW);
    assert.equal(before.text, `before ${compactTime(at, NOW)}`);
    assert.match(before.title, /^Already there when the room was first seen, /);
    const arrived = firstSeenText({ firstSeen: NOW - 5 * 60_000, before: false, changedAt: null, previousHash: null }, NOW);
    assert.match(arrived.text, /5 minutes ago/);
    assert.match(arrived.title, /^First seen /);
  });
});
