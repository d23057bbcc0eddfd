/**
 * The Rooms Timeline's geometry and time axis, shared by the page (canvas) and the host (the
 * SVG picture), so both draw the same thing. Pure: no DOM, no Node, no VS Code.
 */

export const TIMELINE_LAYOUT = {
  rowHeight: 22,
  barHeight: 14,
  labelWidth: 200,
  axisHeight: 28,
  tickHeight: 6,
} as const;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Steps a grid line may take, in increasing size; months and years are approximated by days. */
const STEPS: readonly number[] = [
  SECOND,
  5 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  5 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
  14 * DAY,
  30 * DAY,
  91 * DAY,
  182 * DAY,
  365 * DAY,
];

export type AxisUnit = 'second' | 'minute' | 'day' | 'year';

export interface AxisTick {
  at: number;
  /** How much of the date its label needs: seconds for short steps, the year for the longest. */
  unit: AxisUnit;
}

/** The smallest step that leaves at least `minGapPx` between grid lines (a multiple of a year past the last). */
export function axisStep(from: number, to: number, widthPx: number, minGapPx = 110): number {
  const span = Math.max(1, to - from);
  const wanted = (span * minGapPx) / Math.max(1, widthPx);
  for (const step of STEPS) {
    if (step >= wanted) {
      return step;
    }
  }
  const years = Math.ceil(wanted / (365 * DAY));
  return years * 365 * DAY;
}

function unitOf(step: number): AxisUnit {
  return step < MINUTE ? 'second' : step < DAY ? 'minute' : step < 365 * DAY ? 'day' : 'year';
}

/**
 * Grid lines between `from` and `to`, on multiples of the step in the local time zone for steps
 * of a day or more (midnight, not 00:00 UTC): `offsetMs(t)` is the zone's offset at t.
 */
export function axisTicks(from: number, to: number, widthPx: number, offsetMs: (at: number) => number = () => 0): AxisTick[] {
  if (!(to > from) || !Number.isFinite(from) || !Number.isFinite(to)) {
    return [];
  }
  const step = axisStep(from, to, widthPx);
  const unit = unitOf(step);
  if (step >= 30 * DAY) {
    return calendarTicks(from, to, step, unit);
  }
  const ticks: AxisTick[] = [];
  const local = (at: number): number => (step >= HOUR ? offsetMs(at) : 0);
  let at = Math.ceil((from + local(from)) / step) * step - local(from);
  // Bounded by the step's choice: at most widthPx / minGapPx + 1 lines.
  for (let guard = 0; at <= to && guard < 1000; guard++) {
    ticks.push({ at, unit });
    at += step;
  }
  return ticks;
}

/** Steps of a month or more fall on the first of a month (of a year) in the local time zone: months differ in length. */
function calendarTicks(from: number, to: number, step: number, unit: AxisUnit): AxisTick[] {
  const years = Math.max(1, Math.round(step / (365 * DAY)));
  const months = step < 91 * DAY ? 1 : step < 182 * DAY ? 3 : step < 365 * DAY ? 6 : 12 * years;
  const date = new Date(from);
  date.setHours(0, 0, 0, 0);
  date.setDate(1);
  if (months >= 12) {
    date.setMonth(0);
    date.setFullYear(Math.floor(date.getFullYear() / years) * years);
  } else {
    date.setMonth(Math.floor(date.getMonth() / months) * months);
  }
  const ticks: AxisTick[] = [];
  for (let guard = 0; date.getTime() <= to && guard < 1000; guard++) {
    if (date.getTime() >= from) {
      ticks.push({ at: date.getTime(), unit });
    }
    date.setMonth(date.getMonth() + months);
  }
  return ticks;
}

/** x in pixels of a time, within a plot that starts at `left` and is `width` wide. */
export function timeToX(at: number, from: number, to: number, left: number, width: number): number {
  return left + ((at - from) / Math.max(1, to - from)) * width;
}

/**
 * What "fit" shows: the earliest start to the latest end (open rooms end now), with a margin. An end
 * in the future (some servers write 2099) counts as now, so it does not squeeze every other bar.
 */
export function barsExtent(bars: readonly { start: number | null; end: number | null }[], now: number): { from: number; to: number } {
  let from = Infinity;
  let to = -Infinity;
  for (const bar of bars) {
    if (bar.start === null) {
      continue;
    }
    const end = Math.min(bar.end ?? now, Math.max(now, bar.start));
    from = Math.min(from, bar.start);
    to = Math.max(to, end);
  }
  if (from === Infinity) {
    return { from: now - DAY, to: now };
  }
  const margin = Math.max(MINUTE, (to - from) * 0.02);
  return { from: from - margin, to: to + margin };
}

/** A grid line's label, on the page and in the SVG picture alike: the user's locale, this machine's time zone. */
export function tickFormatter(requested: string): (at: number, unit: AxisUnit) => string {
  const locale = supportedLocale(requested);
  const formats: Record<AxisUnit, Intl.DateTimeFormat> = {
    second: new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' }),
    minute: new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }),
    day: new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric' }),
    year: new Intl.DateTimeFormat(locale, { year: 'numeric' }),
  };
  return (at, unit) => formats[unit].format(at);
}

/** The machine's time zone offset at `at`, in ms to add to UTC (Date's offset has the opposite sign). */
export function localOffsetMs(at: number): number {
  return -new Date(at).getTimezoneOffset() * 60_000;
}

/** The locale if Intl knows it, else the runtime's default (a malformed tag would throw). */
export function supportedLocale(requested: string): string | undefined {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([requested])[0];
  } catch {
    return undefined;
  }
}
