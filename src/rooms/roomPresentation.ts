import type { RoomSummary } from '../api/types';
import { isActive, memberList } from '../core/rooms/roomsQuery';
import type { RoomWords, TimeUnit } from './roomWords';

export type RoomIcon = 'active-with-messages' | 'active-empty' | 'ended-with-messages' | 'ended-empty';

/** The codicon of each state; an ended room without messages is not a fault, so nothing that reads as "forbidden". */
export const ROOM_CODICONS: Readonly<Record<RoomIcon, string>> = {
  'active-with-messages': 'comment-discussion',
  'active-empty': 'comment',
  'ended-with-messages': 'archive',
  'ended-empty': 'circle-large-outline',
};

/** Markdown for our own words, text for anything the server sent (escaped by the caller's renderer). */
export type TooltipPart = { markdown: string } | { text: string };

export function roomIcon(room: RoomSummary, now: number): RoomIcon {
  const state = isActive(room, now) ? 'active' : 'ended';
  return `${state}-${room.hasMessages ? 'with-messages' : 'empty'}`;
}

/** "3 members · 2 h ago": what a user scans the list by, in the user's language. */
export function roomDescription(room: RoomSummary, now: number, words: RoomWords): string {
  const members = words.members(memberList(room).length);
  const started = Date.parse(room.started);
  return `${members} · ${Number.isFinite(started) ? relativeTime(started, now, words) : words.phrases.startUnknown()}`;
}

export function relativeTime(time: number, now: number, words: RoomWords): string {
  const seconds = Math.round((now - time) / 1000);
  const future = seconds < 0;
  const span = Math.abs(seconds);
  const phrase = (amount: number, unit: TimeUnit) =>
    future ? words.phrases.inFuture(words.number(amount), unit) : words.phrases.ago(words.number(amount), unit);
  if (span < 45) {
    return future ? words.phrases.inAMoment() : words.phrases.justNow();
  }
  if (span < 3600) {
    return phrase(Math.round(span / 60), 'min');
  }
  if (span < 86_400) {
    return phrase(Math.round(span / 3600), 'h');
  }
  if (span < 30 * 86_400) {
    return phrase(Math.round(span / 86_400), 'd');
  }
  if (span < 365 * 86_400) {
    return phrase(Math.round(span / (30 * 86_400)), 'mo');
  }
  return phrase(Math.round(span / (365 * 86_400)), 'y');
}

export function roomTooltip(room: RoomSummary, now: number): TooltipPart[] {
  const parts: TooltipPart[] = [{ markdown: '**Room** ' }, { text: room.id }, { markdown: '\n\n' }];
  // The row's icon beside its meaning, so the tooltip is the icon's legend.
  const meaning = `${isActive(room, now) ? 'Active' : 'Ended'} · ${room.hasMessages ? 'has messages' : 'no messages'}`;
  parts.push({ markdown: `$(${ROOM_CODICONS[roomIcon(room, now)]}) ${meaning}\n\n` });
  parts.push({ markdown: '**Started:** ' }, { text: room.started || '—' }, { markdown: '  \n' });
  parts.push({ markdown: '**Ended:** ' }, { text: room.ended || '—' }, { markdown: '\n\n' });
  const members = memberList(room);
  parts.push({ markdown: members.length ? `**Members (${members.length}):**\n\n` : '**Members:** none' });
  for (const member of members) {
    parts.push({ markdown: '- ' }, { text: member }, { markdown: '\n' });
  }
  return parts;
}
