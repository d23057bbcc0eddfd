import * as assert from 'node:assert/strict';
import type { RoomSummary } from '../../../src/api/types';
import { escapeMarkdownText } from '../../../src/rooms/markdownText';
import { relativeTime, roomDescription, roomIcon, roomTooltip } from '../../../src/rooms/roomPresentation';

const NOW = Date.parse('2026-11-24T12:00:00Z');
const HOUR = 3_600_000;

describe('roomPresentation', () => {
  it('describes rooms as "N members · when"', () => {
    const room: RoomSummary = { id: 'r', started: new Date(NOW - 2 * HOUR).toISOString(), ended: '', members: 'a@x.com,b@x.com,c@x.com', hasMessages: true };
    assert.equal(roomDescription(room, NOW), '3 members · 2 h ago');
    assert.equal(roomDescription({ ...room, members: 'a@x.com' }, NOW), '1 member · 2 h ago');
    assert.equal(roomDescription({ ...room, started: '' }, NOW), '3 members · start unknown');
  });

  it('phrases relative times in the past and the future', () => {
    assert.equal(relativeTime(NOW - 10_000, NOW), 'just now');
    assert.equal(relativeTime(NOW - 5 * 60_000, NOW), '5 min ago');
    assert.equal(relativeTime(NOW - 3 * 24 * HOUR, NOW), '3 d ago');
    assert.equal(relativeTime(NOW + 2 * HOUR, NOW), 'in 2 h');
    assert.equal(relativeTime(NOW - 400 * 24 * HOUR, NOW), '1 y ago');
  });

  it('picks one of four icons from state and messages', () => {
    const base: RoomSummary = { id: 'r', started: '2026-01-01T00:00:00Z', ended: '', members: '', hasMessages: true };
    assert.equal(roomIcon(base, NOW), 'active-with-messages');
    assert.equal(roomIcon({ ...base, hasMessages: false }, NOW), 'active-empty');
    assert.equal(roomIcon({ ...base, ended: '2026-01-02T00:00:00Z' }, NOW), 'ended-with-messages');
    assert.equal(roomIcon({ ...base, ended: '2026-01-02T00:00:00Z', hasMessages: false }, NOW), 'ended-empty');
  });

  it('keeps every server value of the tooltip as text, one member per line', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const parts = roomTooltip({ id: hostile, started: hostile, ended: '', members: `${hostile},b@x.com`, hasMessages: false }, NOW);
    const texts = parts.filter((part) => 'text' in part).map((part) => (part as { text: string }).text);
    assert.deepEqual(texts, [hostile, hostile, '—', hostile, 'b@x.com']);
    const markdown = parts.filter((part) => 'markdown' in part).map((part) => (part as { markdown: string }).markdown).join('');
    assert.ok(!markdown.includes('<img'), 'no server value is ever markdown');
    assert.match(markdown, /\*\*Members \(2\):\*\*/);
  });
});

describe('escapeMarkdownText', () => {
  it('turns markup and markdown syntax into literal text', () => {
    assert.equal(escapeMarkdownText('<img src=x onerror=alert(1)>'), '&lt;img src=x onerror=alert\\(1\\)&gt;');
    assert.equal(escapeMarkdownText('[click](javascript:alert(1)) *x* `y`'), '\\[click\\]\\(javascript\\:alert\\(1\\)\\) \\*x\\* \\`y\\`');
    assert.equal(escapeMarkdownText('a&amp;b\nc'), 'a&amp;amp;b c');
    assert.equal(escapeMarkdownText('$(alert)'), '\\$\\(alert\\)');
  });
});
