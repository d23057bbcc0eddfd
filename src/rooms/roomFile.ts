import { homedir } from 'node:os';
import type { NewRoom, Room, RtcMessage } from '../api/types';

// The one module that turns rooms into JSON and files back into rooms, and names and places
// export files. No vscode import: unit-tested on its own.

export const ROOM_FILE_FORMAT = 'worldclient-rtc-rooms';

/** What an export file holds: the rooms and their messages, byte for byte, and never a session. */
export interface RoomFile {
  format: typeof ROOM_FILE_FORMAT;
  version: 1;
  exportedAt: string;
  server: string;
  rooms: Room[];
}

export interface ParsedRooms {
  rooms: NewRoom[];
  skipped: { index: number; id?: string; reason: string }[];
}

/** One room as the server sent it (every field it sent, in its order): the read-only room document and Copy Room JSON. */
export function serverRoomJson(room: Room): string {
  return JSON.stringify(room, null, 2);
}

/** One room as an export file holds it (the panel's Export JSON), readable again by Import and Add Messages. */
export function singleRoomFile(room: Room): string {
  return JSON.stringify(toPlainRoom(room), null, 2);
}

/** Several rooms in our export format (Export Rooms…). */
export function serializeRoomFile(server: string, rooms: readonly Room[], now: Date): string {
  const file: RoomFile = { format: ROOM_FILE_FORMAT, version: 1, exportedAt: now.toISOString(), server, rooms: rooms.map(toPlainRoom) };
  return JSON.stringify(file, null, 2);
}

/**
 * Reads our export format, a bare array of rooms, or a single room object (what "Copy Room
 * JSON" gives). Invalid rooms are skipped with a reason rather than failing the whole file.
 */
export function parseRoomFile(text: string): ParsedRooms {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`The file is not valid JSON (${(error as Error).message}).`);
  }
  const entries = roomEntries(parsed);
  const result: ParsedRooms = { rooms: [], skipped: [] };
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    const checked = checkRoom(entry);
    if (typeof checked === 'string') {
      const id = isRecord(entry) && typeof entry.id === 'string' ? entry.id : undefined;
      result.skipped.push({ index, id, reason: checked });
    } else if (seen.has(checked.id)) {
      result.skipped.push({ index, id: checked.id, reason: 'the file holds this room id twice; the first one is used' });
    } else {
      seen.add(checked.id);
      result.rooms.push(checked);
    }
  });
  return result;
}

function roomEntries(parsed: unknown): unknown[] {
  if (Array.isArray(parsed)) {
    return parsed;
  }
  if (isRecord(parsed) && Array.isArray(parsed.rooms)) {
    return parsed.rooms;
  }
  if (isRecord(parsed) && 'id' in parsed) {
    return [parsed];
  }
  throw new Error('The file holds no rooms: expected an export file, an array of rooms, or one room object.');
}

/** Returns the room, or why it cannot be used. */
export function checkRoom(value: unknown): NewRoom | string {
  if (!isRecord(value)) {
    return 'not an object';
  }
  if (typeof value.id !== 'string' || !value.id.trim()) {
    return '"id" must be a non-empty string';
  }
  for (const field of ['started', 'ended', 'members'] as const) {
    if (value[field] !== undefined && typeof value[field] !== 'string') {
      return `"${field}" must be a string`;
    }
  }
  const messages = value.messages ?? [];
  if (!Array.isArray(messages)) {
    return '"messages" must be an array';
  }
  const checkedMessages: RtcMessage[] = [];
  for (let index = 0; index < messages.length; index++) {
    const message: unknown = messages[index];
    if (!isRecord(message) || typeof message.id !== 'string' || typeof message.salt !== 'string' || typeof message.data !== 'string') {
      return `messages[${index}] must have string "id", "salt" and "data"`;
    }
    checkedMessages.push({ id: message.id, salt: message.salt, data: message.data });
  }
  return {
    id: value.id,
    started: (value.started as string | undefined) ?? '',
    ended: (value.ended as string | undefined) ?? '',
    members: (value.members as string | undefined) ?? '',
    messages: checkedMessages,
  };
}

function toPlainRoom(room: Room): Room {
  return {
    id: room.id,
    started: room.started,
    ended: room.ended,
    members: room.members,
    hasMessages: room.messages.length > 0,
    messages: room.messages,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Names Windows refuses for a file, whatever the extension: CON.json is still CON. */
const RESERVED_WINDOWS_NAMES = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
/** Longest base name offered (the ".json" comes on top), well inside every file system's limit. */
export const EXPORT_NAME_MAX_CHARS = 100;

/**
 * The file name an export's save dialog proposes: the room's id made safe on every system (no
 * `<>:"/\|?*`, no control characters, no trailing dot or space, no reserved device name, at
 * most ~100 characters), or "rooms.json" for several rooms.
 */
export function exportFileName(roomIds: readonly string[]): string {
  if (roomIds.length !== 1) {
    return 'rooms.json';
  }
  let base = roomIds[0]
    .replace(/[<>:"/\\|?*\u0000-\u001f\u007f]+/g, '_')
    .replace(/\s+/g, ' ')
    .trim();
  base = [...base]
    .slice(0, EXPORT_NAME_MAX_CHARS)
    .join('')
    .replace(/[. ]+$/, '');
  if (!base || /^[._ ]+$/.test(base)) {
    return 'room.json';
  }
  // Windows also reserves "CON.txt" and "con .json": what counts is the part before the first dot.
  const stem = base.split('.')[0].trim();
  return RESERVED_WINDOWS_NAMES.test(stem) ? `room-${base}.json` : `${base}.json`;
}

/**
 * Where an export's save dialog starts: the first workspace folder, else the home folder
 * (never the file-system root). Generic over the folder type so this module needs no vscode.
 */
export function defaultExportFolder<Folder>(workspaceFolder: Folder | undefined, fromPath: (path: string) => Folder): Folder {
  return workspaceFolder ?? fromPath(homedir());
}
