import * as assert from 'node:assert/strict';
import type { RoomSummary } from '../../../src/api/types';
import { escapeMarkdownText } from '../../../src/rooms/markdownText';
import { ROOM_CODICONS, relativeTime, roomDescription, roomIcon, roomTooltip } from '../../../src/rooms/roomPresentation';
import { RoomWords, type RoomPhrases } from '../../../src/rooms/roomWords';

const NOW = Date.parse('2026-11-24T12:00:00Z');
const HOUR = 3_600_000;

/** The English phrases of l10n/bundle.l10n.json's keys, as vscode.l10n.t gives them without a translation. */
const ENGLISH_PHRASES: RoomPhrases = {
  rooms: (count, one) => `${count} room${one ? '' : 's'}`,
  members: (count, one) => `${count} member${one ? '' : 's'}`,
  ago: (amount, unit) => `${amount} ${unit} ago`,
  inFuture: (amount, unit) => `in ${amount} ${unit}`,
  justNow: () => 'just now',
  inAMoment: () => 'in a moment',
  startUnknown: () => 'start unknown',
};
const ENGLISH = new RoomWords(ENGLISH_PHRASES, 'en');

/** What a German bundle would give. */
const GERMAN_PHRASES: RoomPhrases = {
  rooms: (count, one) => `${count} ${one ? 'Raum' : 'Räume'}`,
  members: (count, one) => `${count} ${one ? 'Mitglied' : 'Mitglieder'}`,
  ago: (amount, unit) => `vor ${amount} ${{ min: 'Min.', h: 'Std.', d: 'T.', mo: 'Mon.', y: 'J.' }[unit]}`,
  inFuture: (amount, unit) => `in ${amount} ${{ min: 'Min.', h: 'Std.', d: 'T.', mo: 'Mon.', y: 'J.' }[unit]}`,
  justNow: () => 'gerade eben',
  inAMoment: () => 'gleich',
  startUnknown: () => 'Beginn unbekannt',
};

describe('roomPresentation', () => {
  it('describes rooms as "N members · when"', () => {
    const room: RoomSummary = {
      id: 'r',
      started: new Date(NOW - 2 * HOUR).toISOString(),
      ended: '',
      members: 'a@x.com,b@x.com,c@x.com',
      hasMessages: true,
    };
    assert.equal(roomDescription(room, NOW, ENGLISH), '3 members · 2 h ago');
    assert.equal(roomDescription({ ...room, members: 'a@x.com' }, NOW, ENGLISH), '1 member · 2 h ago');
    assert.equal(roomDescription({ ...room, started: '' }, NOW, ENGLISH), '3 members · start unknown');
  });

  it('phrases relative times in the past and the future', () => {
    assert.equal(relativeTime(NOW - 10_000, NOW, ENGLISH), 'just now');
    assert.equal(relativeTime(NOW - 5 * 60_000, NOW, ENGLISH), '5 min ago');
    assert.equal(relativeTime(NOW - 3 * 24 * HOUR, NOW, ENGLISH), '3 d ago');
    assert.equal(relativeTime(NOW + 2 * HOUR, NOW, ENGLISH), 'in 2 h');
    assert.equal(relativeTime(NOW - 400 * 24 * HOUR, NOW, ENGLISH), '1 y ago');
  });

  it("speaks the user's language: its words, its number format and its plural rules", () => {
    const many = Array.from({ length: 1234 }, (_, index) => `m${index}@x.com`).join(',');
    const room: RoomSummary = { id: 'r', started: new Date(NOW - 2 * HOUR).toISOString(), ended: '', members: many, hasMessages: true };
    const german = new RoomWords(GERMAN_PHRASES, 'de');
    assert.equal(roomDescription(room, NOW, german), '1.234 Mitglieder · vor 2 Std.');
    assert.equal(german.rooms(1), '1 Raum');
    assert.equal(german.rooms(12_000), '12.000 Räume');
    assert.equal(new RoomWords(ENGLISH_PHRASES, 'en-US').rooms(12_000), '12,000 rooms');
    // French says "0 salle" with the singular, English "0 rooms".
    assert.equal(new RoomWords(ENGLISH_PHRASES, 'fr').isOne(0), true);
    assert.equal(ENGLISH.rooms(0), '0 rooms');
    assert.equal(new RoomWords(ENGLISH_PHRASES, 'not a locale!').rooms(2), '2 rooms', 'an unknown locale falls back, it does not throw');
  });

  it('picks one of four icons from state and messages', () => {
    const base: RoomSummary = { id: 'r', started: '2026-01-01T00:00:00Z', ended: '', members: '', hasMessages: true };
    assert.equal(roomIcon(base, NOW), 'active-with-messages');
    assert.equal(roomIcon({ ...base, hasMessages: false }, NOW), 'active-empty');
    assert.equal(roomIcon({ ...base, ended: '2026-01-02T00:00:00Z' }, NOW), 'ended-with-messages');
    assert.equal(roomIcon({ ...base, ended: '2026-01-02T00:00:00Z', hasMessages: false }, NOW), 'ended-empty');
  });

  it('says in the tooltip what each of the four icons means, beside the icon; no icon of an ended room reads as an error', () => {
    const base: RoomSummary = { id: 'r', started: '2026-01-01T00:00:00Z', ended: '', members: '', hasMessages: true };
    const ended = '2026-01-02T00:00:00Z';
    const legend = (room: RoomSummary): string => {
      const markdown = roomTooltip(room, NOW).filter((part) => 'markdown' in part);
      return (markdown as { markdown: string }[]).map((part) => part.markdown).find((text) => text.startsWith('$(')) ?? '';
    };
    assert.equal(legend(base), '$(comment-discussion) Active · has messages\n\n');
    assert.equal(legend({ ...base, hasMessages: false }), '$(comment) Active · no messages\n\n');
    assert.equal(legend({ ...base, ended }), '$(archive) Ended · has messages\n\n');
    assert.equal(legend({ ...base, ended, hasMessages: false }), '$(circle-large-outline) Ended · no messages\n\n');
    assert.ok(!Object.values(ROOM_CODICONS).some((id) => /slash|error|warning|alert|close|stop/.test(id)), 'no icon looks like a fault');
  });

  it('keeps every server value of the tooltip as text, one member per line', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const parts = roomTooltip({ id: hostile, started: hostile, ended: '', members: `${hostile},b@x.com`, hasMessages: false }, NOW);
    const texts = parts.filter((part) => 'text' in part).map((part) => (part as { text: string }).text);
    assert.deepEqual(texts, [hostile, hostile, '—', hostile, 'b@x.com']);
    const markdown = parts
      .filter((part) => 'markdown' in part)
      .map((part) => (part as { markdown: string }).markdown)
      .join('');
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
