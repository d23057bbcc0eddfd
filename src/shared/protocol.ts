/**
 * The one message protocol between the room panel (extension host) and its webview. Both
 * sides import these schemas and check every message they receive with them: the webview
 * renders server data that may be hostile, and the host acts on what the webview asks, so
 * neither trusts the other's messages blindly. A message that does not fit is ignored and
 * logged by the receiver.
 *
 * Shape of the conversation: the webview says `ready`; the host answers with `state` (room
 * header, status, the current view and the rows around the last scroll position) and sends
 * a new `state` whenever anything changes. Rows beyond that come in pages the webview asks
 * for (`requestRows` → `rows`), so a 100,000-message room never travels in one message and
 * the webview only ever holds a bounded window of it. Positions are indexes into the current
 * view (all messages, or the search matches); every view has a `version`, and replies for an
 * older version are dropped.
 */
import { array, bool, int, nullable, object, oneOf, optional, str, tagged, validate, type Checked, type Infer } from './schema';
import { cutText } from './cutText';

export const ROOM_VIEW_TYPE = 'worldclientRtc.room';

/** Longest id/salt/data prefix a list row carries; rows show one line, so more is waste. */
export const ROW_PREVIEW_CHARS = 300;
/** Longest value the detail area receives; the full value stays reachable through Copy and Export. */
export const DETAIL_MAX_CHARS = 1_000_000;
/** Longest header field (members can be a long list); longer ones are cut with an ellipsis. */
export const HEADER_MAX_CHARS = 10_000;
/** Most rows one page (a `requestRows` answer) carries; the list asks page by page as it scrolls. */
export const MAX_ROWS_PER_PAGE = 500;
export const MAX_QUERY_CHARS = 1_000;
export const MAX_LOG_CHARS = 2_000;
/** Most contract problems a panel lists (room and messages each); the Problems panel has them all. */
export const MAX_PANEL_PROBLEMS = 200;

export type PanelAction =
  | 'refresh'
  | 'addMessages'
  | 'deleteMessages'
  | 'exportJson'
  | 'openJson'
  | 'compare'
  | 'copyRequest'
  | 'switchBack'
  | 'undoDelete'
  | 'close';
export type MessageField = 'id' | 'salt' | 'data';
/** 'elsewhere': the room is not on the server connected now, and the copy shown (if any) came from another. */
export type PanelStatus = 'loading' | 'ready' | 'error' | 'deleted' | 'elsewhere';
/** What the panel's banner offers: go back to the room's server, or undo its deletion while a saved copy lasts. */
export type PanelRemedy = 'none' | 'switchBack' | 'undo';
/** Why the room's actions that need the server are unavailable: 'none' when they are available. */
export type BlockedKind = 'none' | 'signedOut' | 'gone';

const panelAction = oneOf<PanelAction>(
  'refresh',
  'addMessages',
  'deleteMessages',
  'exportJson',
  'openJson',
  'compare',
  'copyRequest',
  'switchBack',
  'undoDelete',
  'close',
);
const messageField = oneOf<MessageField>('id', 'salt', 'data');

const roomHeader = object({
  id: str(HEADER_MAX_CHARS + 1),
  started: str(HEADER_MAX_CHARS + 1),
  ended: str(HEADER_MAX_CHARS + 1),
  members: str(HEADER_MAX_CHARS + 1),
  /** null while only the first messages of a big room have arrived. */
  messageCount: nullable(int()),
});

/** Epoch ms; `before`: already there when the room was first seen, at `firstSeen`. Hashes only, never content. */
const messageHistory = object({
  firstSeen: int(),
  before: bool,
  changedAt: nullable(int()),
  previousHash: nullable(str(64)),
});

export type MessageOrder = 'position' | 'firstSeen';
const messageOrder = object({ by: oneOf<MessageOrder>('position', 'firstSeen'), descending: bool });

/** One message as displayed. `*Length` is the full length, so `value.length < *Length` means cut. */
function messageRow(maxChars: number) {
  return object({
    position: int(),
    index: int(),
    id: str(maxChars),
    salt: str(maxChars),
    data: str(maxChars),
    idLength: int(),
    saltLength: int(),
    dataLength: int(),
    /** Decoded size in bytes; null when the value is not base64. */
    saltBytes: nullable(int()),
    dataBytes: nullable(int()),
    /** Arrived through Watch since the last load the user asked for. */
    isNew: bool,
    /** What the recorded history says of the message; null when nothing is recorded. */
    history: nullable(messageHistory),
  });
}

const listRow = messageRow(ROW_PREVIEW_CHARS);
const problemLine = object({ ruleId: str(80), message: str(HEADER_MAX_CHARS) });
const messageProblem = object({ index: int(), ruleId: str(80), message: str(HEADER_MAX_CHARS) });
const rowPage = object({ start: int(), rows: array(listRow, MAX_ROWS_PER_PAGE) });

export const hostMessageSchema = tagged({
  state: {
    header: nullable(roomHeader),
    status: oneOf<PanelStatus>('loading', 'ready', 'error', 'deleted', 'elsewhere'),
    /** What went wrong and what to do next, for 'error', 'deleted' and 'elsewhere'; '' otherwise. */
    statusText: str(HEADER_MAX_CHARS),
    /** The server the room shown comes from (or is asked of), as the user configured it; '' for none. */
    server: str(HEADER_MAX_CHARS),
    remedy: oneOf<PanelRemedy>('none', 'switchBack', 'undo'),
    watching: bool,
    watchIntervalSeconds: int(1),
    /** The actions that need the server are shown disabled, with `reason` as the why. */
    blocked: object({ kind: oneOf<BlockedKind>('none', 'signedOut', 'gone'), reason: str(HEADER_MAX_CHARS) }),
    /** ISO time of the last successful load or poll, '' before the first. */
    updatedAt: str(64),
    newCount: int(),
    view: object({ version: int(), total: int(), query: str(MAX_QUERY_CHARS), order: messageOrder }),
    page: rowPage,
    /** Where the list was scrolled before the webview was last torn down; null to keep the current position. */
    scrollTo: nullable(int()),
  },
  rows: { viewVersion: int(), page: rowPage },
  detail: { viewVersion: int(), row: messageRow(DETAIL_MAX_CHARS) },
  /** The room's contract problems: the room's own for the header, the messages' by index into the room. */
  problems: { room: array(problemLine, MAX_PANEL_PROBLEMS), messages: array(messageProblem, MAX_PANEL_PROBLEMS) },
});

export const webviewMessageSchema = tagged({
  ready: {},
  requestRows: { viewVersion: int(), start: int(), count: int(1, MAX_ROWS_PER_PAGE) },
  requestDetail: { viewVersion: int(), position: int() },
  search: { query: str(MAX_QUERY_CHARS) },
  /** The list's order: as the server sent it, or by First seen. */
  sort: { order: messageOrder },
  copy: { viewVersion: int(), position: int(), field: messageField },
  action: { action: panelAction },
  setWatch: { enabled: bool },
  /** After each render: what is on screen. Drives scroll restore and the test/benchmark seams. */
  rendered: { viewVersion: int(), firstPosition: int(), rowCount: int(), domRowCount: int() },
  log: { level: oneOf('info', 'warn', 'error'), message: str(MAX_LOG_CHARS) },
});

/** Widths in CSS pixels of the columns the user resized (the Data column takes the rest). */
export const MIN_COLUMN_PX = 24;
export const MAX_COLUMN_PX = 2000;
const columnWidth = nullable(int(MIN_COLUMN_PX, MAX_COLUMN_PX));
const columnWidths = object({ id: columnWidth, salt: columnWidth, size: columnWidth });

/** What `vscode.setState` keeps across reloads: the room id and column widths, never server data or anything secret. */
export const panelStateSchema = object({ roomId: str(HEADER_MAX_CHARS), columns: optional(columnWidths) });

export type RoomHeader = Infer<typeof roomHeader>;
export type MessageRow = Infer<typeof listRow>;
export type RowPage = Infer<typeof rowPage>;
export type HostMessage = Infer<typeof hostMessageSchema>;
export type WebviewMessage = Infer<typeof webviewMessageSchema>;
export type StateMessage = Extract<HostMessage, { type: 'state' }>;
export type ProblemsMessage = Extract<HostMessage, { type: 'problems' }>;
export type PanelState = Infer<typeof panelStateSchema>;
export type ColumnWidths = Infer<typeof columnWidths>;
export type MessageHistoryRow = Infer<typeof messageHistory>;
export type MessageOrderState = Infer<typeof messageOrder>;

export function checkHostMessage(value: unknown): Checked<HostMessage> {
  return validate(hostMessageSchema, value);
}

export function checkWebviewMessage(value: unknown): Checked<WebviewMessage> {
  return validate(webviewMessageSchema, value);
}

export function checkPanelState(value: unknown): Checked<PanelState> {
  return validate(panelStateSchema, value);
}

/** Cuts a header value for display; the "…" makes the cut visible. */
export function clipHeaderValue(value: string): string {
  return cutText(value, HEADER_MAX_CHARS);
}

/** For log lines about rejected messages: enough to recognise it, never a whole payload. */
export function summarizeForLog(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return cutText(text, 200);
}
