import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
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
    await this.writeAtomically(this.infoFile(info.snapshotId), JSON.stringify(info));
    return info;
  }

  /** Snapshots younger than the retention period, newest first; older ones are deleted on the way. */
  async list(serverUrl?: string): Promise<SnapshotInfo[]> {
    const names = await fs.readdir(this.directory).catch(() => [] as string[]);
    const infos: SnapshotInfo[] = [];
    for (const name of names.filter((file) => file.endsWith('.info.json'))) {
      const info = await this.readInfo(path.join(this.directory, name));
      if (!info) {
        continue;
      }
      if (this.now() - Date.parse(info.savedAt) > this.retentionMs) {
        await this.remove(info.snapshotId);
      } else if (!serverUrl || info.serverUrl === serverUrl) {
        infos.push(info);
      }
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

  private async readInfo(file: string): Promise<SnapshotInfo | undefined> {
    try {
      const info = JSON.parse(await fs.readFile(file, 'utf8')) as SnapshotInfo;
      return typeof info.snapshotId === 'string' && typeof info.savedAt === 'string' ? info : undefined;
    } catch {
      return undefined;
    }
  }

  private roomFile(snapshotId: string): string {
    return path.join(this.directory, `${path.basename(snapshotId)}.room.json`);
  }

  private infoFile(snapshotId: string): string {
    return path.join(this.directory, `${path.basename(snapshotId)}.info.json`);
  }

  private async writeAtomically(file: string, content: string): Promise<void> {
    const temporary = `${file}.${process.pid}.tmp`;
    await fs.writeFile(temporary, content, 'utf8');
    await fs.rename(temporary, file);
  }
}
