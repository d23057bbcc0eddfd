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
    for (const name of names.filter((file) => (file.endsWith(ROOM_SUFFIX) && !listed.has(file.slice(0, -ROOM_SUFFIX.length))) || file.endsWith('.tmp'))) {
      await this.removeIfLeftOver(join(this.directory, name));
    }
    return infos.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
  }

  async load(snapshotId: string): Promise<Room | undefined> {
    try {
      return JSON.parse(await fs.readFile(this.roomFile(snapshotId), 'utf8')) as Room;
    } catch {
      return undefined;
    }
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

  private async readInfo(file: string): Promise<SnapshotInfo | undefined> {
    try {
      const info = JSON.parse(await fs.readFile(file, 'utf8')) as SnapshotInfo;
      return typeof info.snapshotId === 'string' && typeof info.savedAt === 'string' ? info : undefined;
    } catch {
      return undefined;
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
