/**
 * What was observed of one server's rooms, in memory, and the records that rebuild it: the
 * room fields each time they changed, and per message its content hash, when it was first
 * seen, when its content last changed (and the hash before) and when it vanished. Never the
 * session, the salt or the data. No vscode import.
 */

export interface MessageHistory {
  hash: string;
  firstSeen: number;
  /** Already there the first time the room's messages were seen: it arrived before `firstSeen`. */
  before: boolean;
  changedAt?: number;
  previousHash?: string;
  vanishedAt?: number;
}

export interface FieldsEntry {
  at: number;
  started: string;
  ended: string;
  members: string;
  hasMessages: boolean;
}

export interface RoomHistory {
  /** First time the room was seen at all (list or room): eviction removes the smallest first. */
  firstSeen: number;
  /** First time its messages were seen: what "before" refers to. */
  firstMessagesAt?: number;
  /** Last time the user opened the room; messages first seen after it are "new". */
  openedAt?: number;
  /** Messages first seen after `openedAt` (after the first sighting if never opened), kept as records apply. */
  newCount: number;
  fields: FieldsEntry[];
  messages: Map<string, MessageHistory>;
}

/** [id, hash] of a message seen with this content. */
export type SeenMessage = [string, string];

export type HistoryRecord =
  | { k: 'h'; server: string }
  | { k: 'f'; r: string; at: number; s: string; e: string; m: string; h: boolean }
  | { k: 'm'; r: string; at: number; first?: 1; set?: SeenMessage[]; gone?: string[] }
  | { k: 'o'; r: string; at: number }
  | { k: 'R'; r: string; fs: number; fm?: number; o?: number; f: [number, string, string, string, boolean][]; ms: SnapshotMessage[] };

/**
 * id, hash, firstSeen, before (1/0), changedAt (0: never), previousHash ('': none), vanishedAt (0: present);
 * or only id and hash for the usual message (already there at the room's first sighting, never changed,
 * still there), which keeps a rewritten log about as small as the records it replaces.
 */
type SnapshotMessage = [string, string] | [string, string, number, number, number, string, number];

export class ServerHistory {
  readonly rooms = new Map<string, RoomHistory>();

  constructor(readonly serverUrl: string) {}

  /** Applies one record (replay or a new observation); records of another shape are skipped, never trusted. */
  apply(record: HistoryRecord): void {
    if (typeof record !== 'object' || record === null || typeof (record as { r?: unknown }).r !== 'string') {
      return;
    }
    switch (record.k) {
      case 'f':
        this.room(record.r, record.at).fields.push({
          at: record.at,
          started: record.s,
          ended: record.e,
          members: record.m,
          hasMessages: record.h,
        });
        return;
      case 'm':
        this.applyMessages(record);
        return;
      case 'o':
        Object.assign(this.room(record.r, record.at), { openedAt: record.at, newCount: 0 });
        return;
      case 'R':
        this.rooms.set(record.r, fromSnapshot(record));
        return;
    }
  }

  /** The record for a listed room's fields when they differ from the last recorded, else undefined. */
  fieldsRecord(
    roomId: string,
    fields: { started: string; ended: string; members: string; hasMessages: boolean },
    at: number,
  ): HistoryRecord | undefined {
    const last = this.rooms.get(roomId)?.fields.at(-1);
    if (
      last &&
      last.started === fields.started &&
      last.ended === fields.ended &&
      last.members === fields.members &&
      last.hasMessages === fields.hasMessages
    ) {
      return undefined;
    }
    return { k: 'f', r: roomId, at, s: fields.started, e: fields.ended, m: fields.members, h: fields.hasMessages };
  }

  /** The records that rebuild this history, one per room, and the size of each (for eviction). */
  snapshot(): HistoryRecord[] {
    const records: HistoryRecord[] = [{ k: 'h', server: this.serverUrl }];
    for (const [roomId, room] of this.rooms) {
      records.push(toSnapshot(roomId, room));
    }
    return records;
  }

  private room(roomId: string, at: number): RoomHistory {
    let room = this.rooms.get(roomId);
    if (!room) {
      room = { firstSeen: at, fields: [], messages: new Map(), newCount: 0 };
      this.rooms.set(roomId, room);
    }
    return room;
  }

  private applyMessages(record: Extract<HistoryRecord, { k: 'm' }>): void {
    const room = this.room(record.r, record.at);
    const { at } = record;
    const before = record.first === 1;
    room.firstMessagesAt ??= at;
    for (const [id, hash] of record.set ?? []) {
      const known = room.messages.get(id);
      if (!known) {
        room.messages.set(id, { hash, firstSeen: at, before });
        room.newCount += before ? 0 : 1;
        continue;
      }
      known.vanishedAt = undefined;
      if (known.hash !== hash) {
        known.previousHash = known.hash;
        known.hash = hash;
        known.changedAt = at;
      }
    }
    for (const id of record.gone ?? []) {
      const known = room.messages.get(id);
      if (known) {
        known.vanishedAt = at;
      }
    }
  }
}

function toSnapshot(roomId: string, room: RoomHistory): HistoryRecord {
  const ms: SnapshotMessage[] = [];
  for (const [id, message] of room.messages) {
    const { hash, firstSeen, before, changedAt, previousHash, vanishedAt } = message;
    const usual = before && firstSeen === room.firstMessagesAt && changedAt === undefined && vanishedAt === undefined;
    ms.push(usual ? [id, hash] : [id, hash, firstSeen, before ? 1 : 0, changedAt ?? 0, previousHash ?? '', vanishedAt ?? 0]);
  }
  const f = room.fields.map((entry): [number, string, string, string, boolean] => [
    entry.at,
    entry.started,
    entry.ended,
    entry.members,
    entry.hasMessages,
  ]);
  return { k: 'R', r: roomId, fs: room.firstSeen, fm: room.firstMessagesAt, o: room.openedAt, f, ms };
}

function fromSnapshot(record: Extract<HistoryRecord, { k: 'R' }>): RoomHistory {
  const messages = new Map<string, MessageHistory>();
  for (const entry of record.ms) {
    if (entry.length === 2) {
      messages.set(entry[0], { hash: entry[1], firstSeen: record.fm ?? record.fs, before: true });
      continue;
    }
    const [id, hash, firstSeen, before, changedAt, previousHash, vanishedAt] = entry;
    messages.set(id, {
      hash,
      firstSeen,
      before: before === 1,
      changedAt: changedAt || undefined,
      previousHash: previousHash || undefined,
      vanishedAt: vanishedAt || undefined,
    });
  }
  const fields = record.f.map(([at, started, ended, members, hasMessages]) => ({ at, started, ended, members, hasMessages }));
  const since = record.o ?? record.fm ?? Infinity;
  let newCount = 0;
  for (const message of messages.values()) {
    newCount += message.firstSeen > since ? 1 : 0;
  }
  return { firstSeen: record.fs, firstMessagesAt: record.fm, openedAt: record.o, fields, messages, newCount };
}
