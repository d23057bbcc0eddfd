import type { MessageHistoryRow } from '../shared/protocol';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Infinity],
];

/** "3 minutes ago", in the page's locale. */
export function relativeTime(ms: number, now: number): string {
  let amount = (ms - now) / 1000;
  for (const [unit, size] of UNITS) {
    if (Math.abs(amount) < size) {
      return new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }).format(Math.round(amount), unit);
    }
    amount /= size;
  }
  return exactTime(ms);
}

/** The exact time, in the user's locale and time zone. */
export function exactTime(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

/**
 * A moment as short as a cell allows, in the page's locale: the time if it was today, else the day
 * ("Dec 7"), with the year only when it is not this year's. The tooltip has the exact time.
 */
export function compactTime(ms: number, now: number): string {
  const at = new Date(ms);
  const today = new Date(now);
  if (at.toDateString() === today.toDateString()) {
    return at.toLocaleTimeString(undefined, { timeStyle: 'short' });
  }
  if (at.getFullYear() === today.getFullYear()) {
    return at.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
  }
  return at.toLocaleDateString(undefined, { dateStyle: 'short' });
}

/** The First seen cell: its text, its tooltip and what a screen reader hears. */
export function firstSeenText(history: MessageHistoryRow | null, now: number): { text: string; title: string; spoken: string } {
  if (!history) {
    return { text: '', title: 'Not recorded yet', spoken: '' };
  }
  const exact = exactTime(history.firstSeen);
  const seen = history.before ? `before ${compactTime(history.firstSeen, now)}` : relativeTime(history.firstSeen, now);
  const title = history.before ? `Already there when the room was first seen, ${exact}` : `First seen ${exact}`;
  const changed = history.changedAt === null ? '' : `changed ${relativeTime(history.changedAt, now)}`;
  return {
    text: changed ? `${seen} · ${changed}` : seen,
    title: changed ? `${title}\nContent changed ${exactTime(history.changedAt as number)}` : title,
    spoken: `, first seen ${seen}${changed ? `, ${changed}` : ''}`,
  };
}

/** The detail area's line: First seen, and the earlier hash of a message whose content changed. */
export function historyDetail(history: MessageHistoryRow | null): string {
  if (!history) {
    return '';
  }
  const seen = history.before
    ? `Already there when the room was first seen (${exactTime(history.firstSeen)}).`
    : `First seen ${exactTime(history.firstSeen)}.`;
  if (history.changedAt === null) {
    return seen;
  }
  const earlier = history.previousHash ? ` Earlier content hash: ${history.previousHash}.` : '';
  return `${seen} Content changed under the same id ${exactTime(history.changedAt)}.${earlier}`;
}
