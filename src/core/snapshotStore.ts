import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, join } from 'node:path';
import type { Room } from '../api/types';

export type SnapshotReason = 'deleteRoom' | 'deleteMessages';

/** What the restore list shows, without loading the (possibly huge) room itself. */
export interface SnapshotInfo {
  snapshotId: string;
  reason: SnapshotReason;
  savedAt: string;
  serverUrl: string;
  roomId: string;
  messageCount: number;
}

export const SNAPSHOT_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
/**
 * A room file without its info file, or a temporary file, this much older than now is the
 * leftover of a crash (a save writes both files within moments); younger ones may be a save
 * still under way in another window, so they are left alone.
 */
export const LEFTOVER_GRACE_MS = 60 * 60 * 1000;

/** An info file is a few hundred bytes; anything far bigger is not ours and is not read. */
export const MAX_INFO_FILE_BYTES = 64 * 1024;
/** Twice the largest reply the client accepts: a room file above it was not written by us. */
export const MAX_ROOM_FILE_BYTES = 128 * 1024 * 1024;

const INFO_SUFFIX = '.info.json';
const ROOM_SUFFIX = '.room.json';

/**
 * Rooms and messages are saved here before anything is deleted, so Undo and
 * "Restore Deleted Room…" can put them back. Each snapshot is two files: a small
 * `.info.json` for listing and the full room, both written atomically.
 */
export class SnapshotStore {
  constructor(
    private readonly directory: string,
    private readonly now: () => number = Date.now,
    private readonly retentionMs = SNAPSHOT_RETENTION_MS,
    /** Told about a file that is skipped (damaged, too large, not a snapshot), for the log. */
    private readonly warn: (message: string) => void = () => undefined,
  ) {}

  /** Writes the room first and its info last: a snapshot is listed only once both are complete. */
  async save(serverUrl: string, room: Room, reason: SnapshotReason): Promise<SnapshotInfo> {
    await fs.mkdir(this.directory, { recursive: true });
    const info: SnapshotInfo = {
      snapshotId: randomUUID(),
      reason,
      savedAt: new Date(this.now()).toISOString(),
      serverUrl,
      roomId: room.id,
      messageCount: room.messages.length,
    };
    await this.writeAtomically(this.roomFile(info.snapshotId), JSON.stringify(room));
    try {
      await this.writeAtomically(this.infoFile(info.snapshotId), JSON.stringify(info));
    } catch (error) {
      await fs.rm(this.roomFile(info.snapshotId), { force: true });
      throw error;
    }
    return info;
  }

  /**
   * Snapshots younger than the retention period, newest first. Housekeeping on the way:
   * expired snapshots, info files that cannot be read or dated, room files orphaned by a
   * crash between the two writes, and stale temporary files are deleted.
   */
  async list(serverUrl?: string): Promise<SnapshotInfo[]> {
    const names = await fs.readdir(this.directory).catch(() => [] as string[]);
    const infos: SnapshotInfo[] = [];
    const listed = new Set<string>();
    for (const name of names.filter((file) => file.endsWith(INFO_SUFFIX))) {
      const info = await this.readInfo(join(this.directory, name));
      const snapshotId = name.slice(0, -INFO_SUFFIX.length);
      const savedAt = info ? Date.parse(info.savedAt) : Number.NaN;
      if (!info || !Number.isFinite(savedAt) || this.now() - savedAt > this.retentionMs) {
        // Unreadable or undatable info would never expire: it goes with its room file.
        await this.remove(snapshotId);
        continue;
      }
      listed.add(snapshotId);
      if (!serverUrl || info.serverUrl === serverUrl) {
        infos.push(info);
      }
    }
    for (const name of names.filter(
      (file) => (file.endsWith(ROOM_SUFFIX) && !listed.has(file.slice(0, -ROOM_SUFFIX.length))) || file.endsWith('.tmp'),
    )) {
      await this.removeIfLeftOver(join(this.directory, name));
    }
    return infos.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
  }

  /** The saved room, or undefined when its file is missing, too large, damaged or not a room (said in the log). */
  load(snapshotId: string): Promise<Room | undefined> {
    return this.readJson(this.roomFile(snapshotId), MAX_ROOM_FILE_BYTES, isRoomLike, 'is damaged or not a room; it was skipped.');
  }

  async remove(snapshotId: string): Promise<void> {
    await fs.rm(this.infoFile(snapshotId), { force: true });
    await fs.rm(this.roomFile(snapshotId), { force: true });
  }

  private async removeIfLeftOver(file: string): Promise<void> {
    const stat = await fs.stat(file).catch(() => undefined);
    if (stat && this.now() - stat.mtimeMs > LEFTOVER_GRACE_MS) {
      await fs.rm(file, { force: true });
    }
  }

  private readInfo(file: string): Promise<SnapshotInfo | undefined> {
    return this.readJson(file, MAX_INFO_FILE_BYTES, isSnapshotInfo, 'is damaged or not a snapshot; it was removed.');
  }

  /** The file's JSON when it is there, within `maxBytes` and of the right shape; else undefined (a damaged file is logged). */
  private async readJson<T>(file: string, maxBytes: number, isValid: (value: unknown) => value is T, damaged: string) {
    const text = await this.readBounded(file, maxBytes);
    if (text === undefined) {
      return undefined;
    }
    const value = parseOrUndefined(text);
    if (!isValid(value)) {
      this.warn(`Snapshot ${basename(file)} ${damaged}`);
      return undefined;
    }
    return value;
  }

  /** The file's text, or undefined when it is missing or larger than `maxBytes` (never read then). */
  private async readBounded(file: string, maxBytes: number): Promise<string | undefined> {
    let handle: fs.FileHandle | undefined;
    try {
      handle = await fs.open(file, 'r');
      const { size } = await handle.stat();
      if (size > maxBytes) {
        this.warn(`Snapshot ${basename(file)} is ${size} bytes, more than the ${maxBytes} a snapshot can be; it was not read.`);
        return undefined;
      }
      return await handle.readFile('utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') {
        this.warn(`Snapshot ${basename(file)} could not be read (${code ?? 'unknown error'}).`);
      }
      return undefined;
    } finally {
      await handle?.close().catch(() => undefined);
    }
  }

  private roomFile(snapshotId: string): string {
    return join(this.directory, `${basename(snapshotId)}${ROOM_SUFFIX}`);
  }

  private infoFile(snapshotId: string): string {
    return join(this.directory, `${basename(snapshotId)}${INFO_SUFFIX}`);
  }

  private async writeAtomically(file: string, content: string): Promise<void> {
    const temporary = `${file}.${process.pid}.tmp`;
    try {
      await fs.writeFile(temporary, content, 'utf8');
      await fs.rename(temporary, file);
    } catch (error) {
      await fs.rm(temporary, { force: true });
      throw error;
    }
  }
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isSnapshotInfo(value: unknown): value is SnapshotInfo {
  const info = value as Partial<Record<keyof SnapshotInfo, unknown>> | null;
  return (
    typeof info === 'object' &&
    info !== null &&
    ['snapshotId', 'savedAt', 'serverUrl', 'roomId'].every((key) => typeof info[key as keyof SnapshotInfo] === 'string') &&
    (info.reason === 'deleteRoom' || info.reason === 'deleteMessages') &&
    typeof info.messageCount === 'number'
  );
}

/** Enough of a room for Restore and Compare to use it: an id and a list of messages. */
function isRoomLike(value: unknown): value is Room {
  const room = value as { id?: unknown; messages?: unknown } | null;
  return typeof room === 'object' && room !== null && typeof room.id === 'string' && Array.isArray(room.messages);
}
