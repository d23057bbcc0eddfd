// The in-memory room store. A Map keeps insertion order, so the rooms list comes back in the
// order rooms were created, the way a server's table scan would. With a persist path every
// change is written through before the call returns: an HTTP reply is only sent once the
// change is on disk.

import { loadRoomsFile, saveRoomsFileAtomic } from './persist';
import type { RtcMessage, SandboxStore, StoredRoom } from './types';

export type { RtcMessage, StoredRoom } from './types';

export class RoomNotFoundError extends Error {
  constructor(readonly roomId: string) {
    super(`no room with id ${JSON.stringify(roomId)}`);
    this.name = 'RoomNotFoundError';
  }
}

export class RoomStore implements SandboxStore {
  private readonly rooms = new Map<string, StoredRoom>();

  /**
   * With `persistPath`, the file's rooms are used when it exists (the seed is then not even built, so a
   * restart keeps what the previous run changed); otherwise the seed is written to it.
   */
  constructor(
    seed: readonly StoredRoom[] | (() => readonly StoredRoom[]) = [],
    private readonly persistPath?: string,
  ) {
    const loaded = persistPath === undefined ? undefined : loadRoomsFile(persistPath);
    // A factory lets a big seed be skipped entirely when the file already has the rooms.
    for (const room of loaded ?? (typeof seed === 'function' ? seed() : seed)) {
      this.rooms.set(room.id, copyRoom(room));
    }
    if (persistPath !== undefined && loaded === undefined) {
      this.save();
    }
  }

  get size(): number {
    return this.rooms.size;
  }

  /** The live rooms, in creation order. Change them only through the store, or the file goes stale. */
  list(): StoredRoom[] {
    return [...this.rooms.values()];
  }

  get(id: string): StoredRoom | undefined {
    return this.rooms.get(id);
  }

  has(id: string): boolean {
    return this.rooms.has(id);
  }

  /** Creates or replaces; replacing keeps the room's place in the list. */
  put(room: StoredRoom): void {
    this.rooms.set(room.id, copyRoom(room));
    this.save();
  }

  addMessages(id: string, messages: RtcMessage[]): void {
    const room = this.require(id);
    for (const m of messages) {
      room.messages.push({ id: m.id, salt: m.salt, data: m.data });
    }
    this.save();
  }

  delete(id: string): boolean {
    const existed = this.rooms.delete(id);
    if (existed) {
      this.save();
    }
    return existed;
  }

  clearMessages(id: string): void {
    this.require(id).messages = [];
    this.save();
  }

  private require(id: string): StoredRoom {
    const room = this.rooms.get(id);
    if (!room) {
      throw new RoomNotFoundError(id);
    }
    return room;
  }

  private save(): void {
    if (this.persistPath !== undefined) {
      saveRoomsFileAtomic(this.persistPath, this.list());
    }
  }
}

// Copies so that a caller keeping a reference to what it passed in cannot change stored data
// behind the store's back (and the file).
function copyRoom(room: StoredRoom): StoredRoom {
  return {
    id: room.id,
    started: room.started,
    ended: room.ended,
    members: room.members,
    messages: room.messages.map((m) => ({ id: m.id, salt: m.salt, data: m.data })),
    // Quirks are seed-time settings, never changed afterwards: shared, not copied.
    ...(room.quirks ? { quirks: room.quirks } : {}),
  };
}
