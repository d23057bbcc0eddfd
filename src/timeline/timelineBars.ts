import type { RoomSummary } from '../api/types';
import { cutText } from '../shared/cutText';
import { visible, visibleId } from '../shared/inertText';
import { MAX_TICKS_PER_BAR, TIMELINE_TEXT_CHARS, type ProblemSeverity, type TimelineBar } from '../shared/timelineProtocol';

/** A room's contract problems as the Rooms view badges them: the badge text ('' for none) and the worst severity. */
export interface RoomProblems {
  badge: string;
  severity: ProblemSeverity;
}

export interface BarSources {
  problems(roomId: string): RoomProblems;
  /** Recorded arrivals (epoch ms), any order; at most `limit`. */
  arrivals(roomId: string, limit: number): readonly number[];
}

export interface TimelineRows {
  bars: TimelineBar[];
  /** The real id of each bar, by index: the page asks to open a room by index, never by its text. */
  roomIds: string[];
}

/** ISO-8601 (what the contract asks for) to epoch ms; null for anything Date.parse cannot read. */
export function parseTime(value: string): number | null {
  // The length check keeps Date.parse off megabyte strings: no date is that long.
  if (value.length === 0 || value.length > 64) {
    return null;
  }
  const parsed = Date.parse(value);
  return Number.isFinite(parsed) ? parsed : null;
}

function shown(value: string): string {
  return visible(cutText(value, TIMELINE_TEXT_CHARS));
}

/** The newest `limit` of the arrivals, ascending, whole milliseconds. */
function ticks(arrivals: readonly number[]): number[] {
  const finite = arrivals.filter((at) => Number.isFinite(at)).map((at) => Math.round(at));
  finite.sort((a, b) => a - b);
  return finite.length > MAX_TICKS_PER_BAR ? finite.slice(finite.length - MAX_TICKS_PER_BAR) : finite;
}

/**
 * The rooms as bars, in timeline order: by start, rooms that started together by id, rooms whose
 * `started` is not a date last. Text is cut and made visible here; the page draws it as text.
 */
export function timelineRows(rooms: readonly RoomSummary[], sources: BarSources): TimelineRows {
  const rows = rooms.map((room) => {
    const start = parseTime(room.started);
    const end = room.ended === '' ? null : parseTime(room.ended);
    const problems = sources.problems(room.id);
    const bar: TimelineBar = {
      label: cutText(visibleId(room.id), TIMELINE_TEXT_CHARS),
      start,
      // An end that is not a date is drawn as open; the hover shows the raw value.
      end,
      started: shown(room.started),
      ended: shown(room.ended),
      members: shown(room.members),
      hasMessages: room.hasMessages === true,
      problems: problems.badge,
      severity: problems.severity,
      ticks: ticks(sources.arrivals(room.id, MAX_TICKS_PER_BAR)),
    };
    return { id: room.id, bar };
  });
  rows.sort((a, b) => {
    const left = a.bar.start ?? Infinity;
    const right = b.bar.start ?? Infinity;
    if (left !== right) {
      return left < right ? -1 : 1;
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
  return { bars: rows.map((row) => row.bar), roomIds: rows.map((row) => row.id) };
}
