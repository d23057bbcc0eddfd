import type { Room, RtcMessage } from '../api/types';
import { base64ByteLength } from '../shared/base64';
import { DETAIL_MAX_CHARS, MAX_ROWS_PER_MESSAGE, ROW_PREVIEW_CHARS, clipHeaderValue, type MessageRow, type RoomHeader, type RowPage } from '../shared/protocol';

/**
 * The host's copy of one room and the view the webview scrolls through: all messages, or
 * the matches of a search. The webview asks for rows by position in that view; this turns
 * positions into rows. Messages are kept exactly as the server sent them (never altered);
 * rows carry cut copies for display only. No vscode import, so it is unit-tested directly.
 */
export class RoomModel {
  private room: Room | undefined;
  /** Indexes into room.messages of the search matches; undefined when not searching. */
  private matches: number[] | undefined;
  private query = '';
  private version = 0;
  /** Ids that arrived through Watch since the last load the user asked for. */
  private newIds = new Set<string>();

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
    return this.matches ? this.matches.length : (this.room?.messages.length ?? 0);
  }

  /** A full load (open, Refresh): replaces everything and forgets the "new" marks. */
  setRoom(room: Room): void {
    this.room = room;
    this.newIds = new Set();
    this.refilter();
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
    if (!this.room) {
      return null;
    }
    const { id, started, ended, members } = this.room;
    return {
      id: clipHeaderValue(id),
      started: clipHeaderValue(started),
      ended: clipHeaderValue(ended),
      members: clipHeaderValue(members),
      messageCount: this.room.messages.length,
    };
  }

  /** Rows [start, start + count) of the current view, cut to the list's preview length. */
  page(start: number, count: number): RowPage {
    const end = Math.min(this.total, start + Math.min(count, MAX_ROWS_PER_MESSAGE));
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
    return index === undefined ? undefined : this.room?.messages[index];
  }

  private indexAt(position: number): number | undefined {
    if (!Number.isInteger(position) || position < 0 || position >= this.total) {
      return undefined;
    }
    return this.matches ? this.matches[position] : position;
  }

  private row(position: number, maxChars: number): MessageRow {
    const index = this.indexAt(position) as number;
    const message = (this.room as Room).messages[index];
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
    };
  }

  private refilter(): void {
    this.version++;
    const messages = this.room?.messages ?? [];
    if (!this.query) {
      this.matches = undefined;
      return;
    }
    const needle = this.query;
    const lowerNeedle = needle.toLowerCase();
    const matches: number[] = [];
    for (let index = 0; index < messages.length; index++) {
      const message = messages[index];
      if (message.data.includes(needle) || message.id.toLowerCase().includes(lowerNeedle)) {
        matches.push(index);
      }
    }
    this.matches = matches;
  }
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
