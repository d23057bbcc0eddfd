/**
 * The message protocol between the Rooms Timeline panel (extension host) and its webview. As
 * with the room panel's protocol, both sides check every message they receive against these
 * schemas: the bars carry server text, and the host acts on what the page asks.
 *
 * Conversation: the page says `ready`; the host answers with `bars` (every room the Rooms
 * view's filter shows, in timeline order) and sends new `bars` whenever the list, the
 * problems or the recorded arrivals change. The page reports what it drew (`drawn`), asks to
 * open a room by its index in the current version, and asks for the picture to be copied or saved.
 */
import { array, bool, int, nullable, object, oneOf, str, tagged, validate, type Checked, type Infer } from './schema';

export const TIMELINE_VIEW_TYPE = 'worldclientRtc.timeline';
/** Most bars one message carries; the Rooms view's list of a server is held in memory anyway. */
export const MAX_TIMELINE_BARS = 200_000;
/** Longest text a bar carries (id, members, the raw time fields): one hover line each. */
export const TIMELINE_TEXT_CHARS = 300;
/** Most arrival ticks one bar carries: more would not be told apart on screen. */
export const MAX_TICKS_PER_BAR = 2_000;
/** The most ids a `drawn` report lists (the rows on screen, top to bottom). */
export const MAX_DRAWN_IDS = 200;
/** A PNG of a large window as a data URL; bigger is refused rather than held. */
export const MAX_PNG_DATA_URL_CHARS = 40_000_000;
export const MAX_TIMELINE_LOG_CHARS = 2_000;

export type ProblemSeverity = 'none' | 'warning' | 'error';
export type PictureAction = 'copySvg' | 'save';

/** Epoch milliseconds, negative before 1970. */
const time = int(Number.MIN_SAFE_INTEGER);
const text = str(TIMELINE_TEXT_CHARS);

const bar = object({
  /** The id as shown: cut, invisible characters made visible. */
  label: text,
  /** null when `started` is not a date: the room is listed without a bar. */
  start: nullable(time),
  /** null while the room is open: it runs to `now`. */
  end: nullable(time),
  started: text,
  ended: text,
  members: text,
  hasMessages: bool,
  /** The Rooms view's badge: the number of contract problems ('9+' past nine), '' for none. */
  problems: str(8),
  severity: oneOf<ProblemSeverity>('none', 'warning', 'error'),
  /** Recorded message arrivals, ascending. */
  ticks: array(time, MAX_TICKS_PER_BAR),
});

/** Every word the page shows, in the user's language (the host translates). */
const labels = object({
  title: text,
  empty: text,
  zoomIn: text,
  zoomOut: text,
  fit: text,
  copySvg: text,
  save: text,
  started: text,
  ended: text,
  stillOpen: text,
  members: text,
  messages: text,
  noMessages: text,
  problems: text,
  notADate: text,
  canvas: text,
  keys: text,
});

export const timelineHostSchema = tagged({
  bars: {
    version: int(),
    now: time,
    /** A BCP 47 tag for dates and numbers (VS Code's display language); the time zone is the machine's. */
    locale: str(64),
    bars: array(bar, MAX_TIMELINE_BARS),
    labels,
  },
});

const viewWindow = object({ from: time, to: time, firstRow: int(), rows: int(0, 100_000), width: int(1, 100_000) });

export const timelineWebviewSchema = tagged({
  ready: {},
  open: { version: int(), index: int() },
  picture: {
    action: oneOf<PictureAction>('copySvg', 'save'),
    version: int(),
    view: viewWindow,
    /** The canvas as drawn, `data:image/png;base64,…`, for Save as PNG; '' for Copy as SVG. */
    png: str(MAX_PNG_DATA_URL_CHARS),
  },
  /** After each draw: what is on screen, for the tests and the benchmark. */
  drawn: {
    version: int(),
    barCount: int(),
    firstRow: int(),
    ids: array(text, MAX_DRAWN_IDS),
    focused: nullable(int()),
    from: time,
    to: time,
    drawMs: int(),
  },
  log: { level: oneOf('info', 'warn', 'error'), message: str(MAX_TIMELINE_LOG_CHARS) },
});

export type TimelineBar = Infer<typeof bar>;
export type TimelineLabels = Infer<typeof labels>;
export type TimelineView = Infer<typeof viewWindow>;
export type TimelineHostMessage = Infer<typeof timelineHostSchema>;
export type TimelineWebviewMessage = Infer<typeof timelineWebviewSchema>;
export type BarsMessage = Extract<TimelineHostMessage, { type: 'bars' }>;
export type DrawnMessage = Extract<TimelineWebviewMessage, { type: 'drawn' }>;

export function checkTimelineHostMessage(value: unknown): Checked<TimelineHostMessage> {
  return validate(timelineHostSchema, value);
}

export function checkTimelineWebviewMessage(value: unknown): Checked<TimelineWebviewMessage> {
  return validate(timelineWebviewSchema, value);
}
