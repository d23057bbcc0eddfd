import type { RoomPreview } from '../api/roomPreview';
import type { Room, RoomSummary, RtcMessage } from '../api/types';
import { base64ByteLength } from '../shared/base64';
import {
  DETAIL_MAX_CHARS,
  MAX_ROWS_PER_PAGE,
  ROW_PREVIEW_CHARS,
  clipHeaderValue,
  type MessageHistoryRow,
  type MessageOrderState,
  type MessageRow,
  type RoomHeader,
  type RowPage,
} from '../shared/protocol';

/**
 * The host's copy of one room and the view the webview scrolls through: all messages, or
 * the matches of a search. The webview asks for rows by position in that view; this turns
 * positions into rows. Messages are kept exactly as the server sent them (never altered);
 * rows carry cut copies for display only. No vscode import, so it is unit-tested directly.
 */
export class RoomPanelData {
  private room: Room | undefined;
  /** The first messages of a big room still loading; shown, but never taken for the room (export, watch). */
  private preview: (RoomPreview & { roomId: string }) | undefined;
  /** Indexes into room.messages of the search matches; undefined when not searching. */
  private matches: number[] | undefined;
  private query = '';
  private version = 0;
  /** Ids that arrived through Watch since the last load the user asked for. */
  private newIds = new Set<string>();
  private listOrder: MessageOrderState = { by: 'position', descending: false };

  /** What the recorded history says of a message (First seen, changes); none until the panel is given it. */
  constructor(private readonly historyOf: (id: string) => MessageHistoryRow | null = () => null) {}

  get order(): MessageOrderState {
    return this.listOrder;
  }

  /** Orders the list as the server sent it or by First seen; a search keeps its matches in that order. */
  sort(order: MessageOrderState): void {
    this.listOrder = order;
    this.refilter();
  }

  /** The history changed (e.g. after a Watch poll was recorded): rows and a First seen order are rebuilt. */
  historyChanged(): void {
    this.refilter();
  }

  get loaded(): Room | undefined {
    return this.room;
  }

  get viewVersion(): number {
    return this.version;
  }

  get searchQuery(): string {
    return this.query;
  }

  get newCount(): number {
    return this.newIds.size;
  }

  get total(): number {
    return this.matches ? this.matches.length : this.messages.length;
  }

  /** A full load (open, Refresh): replaces everything and forgets the "new" marks. */
  setRoom(room: Room): void {
    this.room = room;
    this.preview = undefined;
    this.newIds = new Set();
    this.refilter();
  }

  /** The first messages of the first load, shown until the whole room is there. Ignored once a room is loaded. */
  setPreview(roomId: string, preview: RoomPreview): void {
    if (this.room) {
      return;
    }
    this.preview = { ...preview, roomId };
    this.refilter();
  }

  /**
   * A load failed: when the room is too big to hold, its fields from the room list are shown (as
   * a preview, never taken for the room: export, watch). Returns whether it was too big.
   */
  showListedIfTooBig(error: unknown, roomId: string, listed: RoomSummary | undefined): boolean {
    const tooBig = (error as { kind?: unknown } | undefined)?.kind === 'tooBig';
    if (tooBig && listed) {
      const { id, started, ended, members } = listed;
      this.setPreview(roomId, { fields: { id, started, ended, members }, messages: [] });
    }
    return tooBig;
  }

  /** The load the preview belonged to failed: its messages are not shown as if they were the room. */
  dropPreview(): void {
    if (this.preview) {
      this.preview = undefined;
      this.refilter();
    }
  }

  /**
   * A Watch poll: the messages as they are now on the server. Messages whose id was not
   * there before are marked new. An unchanged list keeps the view (and its version), so the
   * webview does not refetch its rows every few seconds for nothing.
   */
  updateMessages(messages: RtcMessage[]): { arrived: number; changed: boolean } {
    if (!this.room) {
      return { arrived: 0, changed: false };
    }
    const before = this.room.messages;
    if (sameMessages(before, messages)) {
      return { arrived: 0, changed: false };
    }
    const known = new Set<string>();
    for (const message of before) {
      known.add(message.id);
    }
    let arrived = 0;
    for (const message of messages) {
      if (!known.has(message.id)) {
        this.newIds.add(message.id);
        arrived++;
      }
    }
    this.room = { ...this.room, messages, hasMessages: messages.length > 0 };
    this.refilter();
    return { arrived, changed: true };
  }

  /** Matches the id ignoring case (people retype ids) and the data exactly (base64 is case-sensitive). */
  search(query: string): void {
    this.query = query;
    this.refilter();
  }

  header(): RoomHeader | null {
    if (this.room) {
      return headerOf(this.room, this.room.messages.length);
    }
    if (this.preview) {
      const { fields, roomId } = this.preview;
      // The count is not known until the whole reply is in.
      return headerOf(
        { id: fields.id ?? roomId, started: fields.started ?? '', ended: fields.ended ?? '', members: fields.members ?? '' },
        null,
      );
    }
    return null;
  }

  /** Rows [start, start + count) of the current view, cut to the list's preview length. */
  page(start: number, count: number): RowPage {
    const end = Math.min(this.total, start + Math.min(count, MAX_ROWS_PER_PAGE));
    const rows: MessageRow[] = [];
    for (let position = start; position < end; position++) {
      rows.push(this.row(position, ROW_PREVIEW_CHARS));
    }
    return { start, rows };
  }

  /** One row with (nearly) full values, for the detail area. */
  detail(position: number): MessageRow | undefined {
    return position < this.total ? this.row(position, DETAIL_MAX_CHARS) : undefined;
  }

  /** The message exactly as the server sent it, for Copy. */
  messageAt(position: number): RtcMessage | undefined {
    const index = this.indexAt(position);
    return index === undefined ? undefined : this.messages[index];
  }

  private get messages(): readonly RtcMessage[] {
    return this.room?.messages ?? this.preview?.messages ?? [];
  }

  private indexAt(position: number): number | undefined {
    if (!Number.isInteger(position) || position < 0 || position >= this.total) {
      return undefined;
    }
    return this.matches ? this.matches[position] : position;
  }

  private row(position: number, maxChars: number): MessageRow {
    const index = this.indexAt(position) as number;
    const message = this.messages[index];
    return {
      position,
      index,
      id: message.id.slice(0, maxChars),
      salt: message.salt.slice(0, maxChars),
      data: message.data.slice(0, maxChars),
      idLength: message.id.length,
      saltLength: message.salt.length,
      dataLength: message.data.length,
      saltBytes: base64ByteLength(message.salt),
      dataBytes: base64ByteLength(message.data),
      isNew: this.newIds.has(message.id),
      history: this.historyOf(message.id),
    };
  }

  private refilter(): void {
    this.version++;
    const messages = this.messages;
    const byFirstSeen = this.listOrder.by === 'firstSeen';
    if (!this.query && !byFirstSeen) {
      this.matches = undefined;
      return;
    }
    const needle = this.query;
    const lowerNeedle = needle.toLowerCase();
    const matches: number[] = [];
    for (let index = 0; index < messages.length; index++) {
      const message = messages[index];
      if (!needle || message.data.includes(needle) || message.id.toLowerCase().includes(lowerNeedle)) {
        matches.push(index);
      }
    }
    this.matches = byFirstSeen ? this.byFirstSeen(matches, this.listOrder.descending) : matches;
  }

  /**
   * The indexes grouped by First seen (one group per recorded sighting, so few groups), the
   * groups in time order, server order within each; messages without a record come last.
   */
  private byFirstSeen(indexes: number[], descending: boolean): number[] {
    const groups = new Map<number, number[]>();
    const unrecorded: number[] = [];
    for (const index of indexes) {
      const seen = this.historyOf(this.messages[index].id)?.firstSeen;
      if (seen === undefined) {
        unrecorded.push(index);
      } else {
        const group = groups.get(seen);
        if (group) {
          group.push(index);
        } else {
          groups.set(seen, [index]);
        }
      }
    }
    const times = [...groups.keys()].sort((a, b) => (descending ? b - a : a - b));
    return [...times.flatMap((time) => groups.get(time) as number[]), ...unrecorded];
  }
}

function headerOf(room: Pick<Room, 'id' | 'started' | 'ended' | 'members'>, messageCount: number | null): RoomHeader {
  return {
    id: clipHeaderValue(room.id),
    started: clipHeaderValue(room.started),
    ended: clipHeaderValue(room.ended),
    members: clipHeaderValue(room.members),
    messageCount,
  };
}

function sameMessages(a: readonly RtcMessage[], b: readonly RtcMessage[]): boolean {
  if (a.length !== b.length) {
    return false;
  }
  for (let index = 0; index < a.length; index++) {
    if (a[index].id !== b[index].id || a[index].salt !== b[index].salt || a[index].data !== b[index].data) {
      return false;
    }
  }
  return true;
}
