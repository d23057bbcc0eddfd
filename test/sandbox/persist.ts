// Reading and writing the sandbox's rooms file. Writes go to a temp file in the same directory
// and are renamed over the target, so a crash mid-write never leaves a half-written file that
// the next start would refuse to load.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { RtcMessage, StoredRoom } from './types';

const FORMAT = 'worldclient-rtc-sandbox';
const FORMAT_VERSION = 1;

interface RoomsFile {
  format: string;
  version: number;
  rooms: StoredRoom[];
}

/** The rooms stored in `file`, or undefined when it does not exist. Throws on a damaged file rather than starting empty over it. */
export function loadRoomsFile(file: string): StoredRoom[] | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw err;
  }
  const parsed = JSON.parse(text) as Partial<RoomsFile>;
  if (parsed.format !== FORMAT || !Array.isArray(parsed.rooms)) {
    throw new Error(`${file} is not a sandbox rooms file`);
  }
  return parsed.rooms.map((room, i) => checkRoom(room, `${file}: rooms[${i}]`));
}

export function saveRoomsFileAtomic(file: string, rooms: readonly StoredRoom[]): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const body: RoomsFile = { format: FORMAT, version: FORMAT_VERSION, rooms: rooms as StoredRoom[] };
  try {
    fs.writeFileSync(temp, JSON.stringify(body));
    fs.renameSync(temp, file);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
}

function checkRoom(value: unknown, where: string): StoredRoom {
  const room = value as Partial<StoredRoom> | null;
  if (
    !room ||
    typeof room.id !== 'string' ||
    typeof room.started !== 'string' ||
    typeof room.ended !== 'string' ||
    typeof room.members !== 'string' ||
    !Array.isArray(room.messages)
  ) {
    throw new Error(`${where} is not a room`);
  }
  for (const m of room.messages as Partial<RtcMessage>[]) {
    if (!m || typeof m.id !== 'string' || typeof m.salt !== 'string' || typeof m.data !== 'string') {
      throw new Error(`${where} has a malformed message`);
    }
  }
  return room as StoredRoom;
}
