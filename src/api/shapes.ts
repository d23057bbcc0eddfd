import type { Room, RoomSummary, RtcMessage } from './types';

/**
 * Cheap runtime checks of parsed replies: one pass, no schema library, no copies of big
 * arrays. Objects are normalised in place (they are freshly parsed and ours alone), so a
 * 100,000-message reply costs one loop of typeof checks on top of JSON.parse.
 *
 * Tolerated because harmless: extra fields (left on the objects, invisible through the
 * types), `room_id` instead of `id` (and the reverse for the messages reply), missing or
 * `hasMessages` that is missing, null or not a boolean (derived from the messages when present,
 * else read from "true"/"false"/1/0, else false: the tree only uses it for a hint, and the contract
 * checks report the value as sent), missing or null `started` / `ended` / `members` (become ''),
 * missing `messages` in the single-room reply (becomes []). Rejected: any other wrong type, e.g. a
 * number where a string belongs.
 */
export class ShapeError extends Error {
  constructor(
    /** Where the problem is, e.g. "rooms[3].id"; '' for the reply itself. */
    readonly fieldPath: string,
    /** What is wrong, e.g. "expected a string, got the number 42". */
    readonly problem: string,
  ) {
    super(`${fieldPath || 'the reply'}: ${problem}`);
    this.name = 'ShapeError';
  }
}

type JsonObject = Record<string, unknown>;

/**
 * What normalising replaced, kept (non-enumerable, so JSON and spreads never see it) on the
 * object itself: the contract checks must know a field was missing, not the '' put in its place.
 */
const SENT_VALUES = Symbol('worldclientRtc.sentValues');

/** A field's value as the server sent it: `undefined` when it was missing, even if normalising filled it in. */
export function sentValue(object: object, field: string): unknown {
  const sent = (object as { [SENT_VALUES]?: JsonObject })[SENT_VALUES];
  return sent && field in sent ? sent[field] : (object as JsonObject)[field];
}

function recordSentValue(object: JsonObject, field: string): void {
  let sent = (object as { [SENT_VALUES]?: JsonObject })[SENT_VALUES];
  if (!sent) {
    sent = {};
    Object.defineProperty(object, SENT_VALUES, { value: sent, enumerable: false });
  }
  if (!(field in sent)) {
    sent[field] = object[field];
  }
}

export function parseRoomList(reply: unknown): RoomSummary[] {
  const rooms = expectObject(reply, '').rooms;
  if (!Array.isArray(rooms)) {
    throw new ShapeError('rooms', expectedGot('an array of rooms', rooms));
  }
  for (let index = 0; index < rooms.length; index++) {
    const room: unknown = rooms[index];
    // The common case first: a canonical entry, checked without building any path text.
    if (
      typeof room === 'object' &&
      room !== null &&
      typeof (room as JsonObject).id === 'string' &&
      typeof (room as JsonObject).started === 'string' &&
      typeof (room as JsonObject).ended === 'string' &&
      typeof (room as JsonObject).members === 'string' &&
      typeof (room as JsonObject).hasMessages === 'boolean'
    ) {
      continue;
    }
    normaliseRoomSummary(room, `rooms[${index}]`, undefined);
  }
  return rooms as RoomSummary[];
}

export function parseRoom(reply: unknown): Room {
  const room = expectObject(reply, '');
  const messages = room.messages ?? [];
  checkMessages(messages, 'messages');
  if (room.messages !== messages) {
    recordSentValue(room, 'messages');
  }
  room.messages = messages;
  normaliseRoomSummary(room, '', (messages as unknown[]).length > 0);
  return room as unknown as Room;
}

/** The messages reply is `{"room_id", "messages": [...]}`; only the messages are returned. */
export function parseMessagesReply(reply: unknown): RtcMessage[] {
  const body = expectObject(reply, '');
  const roomId = body.room_id ?? body.id;
  if (roomId !== undefined && roomId !== null && typeof roomId !== 'string') {
    throw new ShapeError(body.room_id !== undefined ? 'room_id' : 'id', expectedGot('a string', roomId));
  }
  checkMessages(body.messages, 'messages');
  return body.messages as RtcMessage[];
}

/** Writes answer `{"success": true}`; an empty body or one without `success` is taken as success too. */
export function checkSuccess(reply: unknown): void {
  if (reply === undefined) {
    return;
  }
  const success = expectObject(reply, '').success;
  if (success !== undefined && success !== true) {
    throw new ShapeError('success', expectedGot('true', success));
  }
}

export function checkPong(reply: unknown): void {
  const pong = expectObject(reply, '').pong;
  if (pong !== true) {
    throw new ShapeError('pong', expectedGot('true', pong));
  }
}

export function parseVersion(reply: unknown): string {
  const version = expectObject(reply, '').version;
  if (typeof version !== 'string') {
    throw new ShapeError('version', expectedGot('a string', version));
  }
  return version;
}

/** Whether a value is a message as the spec has it: an object whose id, salt and data are strings. */
export function isRtcMessage(value: unknown): value is RtcMessage {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as JsonObject).id === 'string' &&
    typeof (value as JsonObject).salt === 'string' &&
    typeof (value as JsonObject).data === 'string'
  );
}

export function checkMessages(messages: unknown, path: string): asserts messages is RtcMessage[] {
  if (!Array.isArray(messages)) {
    throw new ShapeError(path, expectedGot('an array of messages', messages));
  }
  for (let index = 0; index < messages.length; index++) {
    const message: unknown = messages[index];
    // The common case first: three strings, checked without building any path text.
    if (isRtcMessage(message)) {
      continue;
    }
    const itemPath = `${path}[${index}]`;
    const object = expectObject(message, itemPath);
    for (const field of ['id', 'salt', 'data'] as const) {
      if (typeof object[field] !== 'string') {
        throw new ShapeError(`${itemPath}.${field}`, expectedGot('a string', object[field]));
      }
    }
  }
}

function normaliseRoomSummary(value: unknown, path: string, derivedHasMessages: boolean | undefined): void {
  const room = expectObject(value, path);
  const prefix = path ? `${path}.` : '';
  if (typeof room.id !== 'string') {
    if (room.id === undefined && typeof room.room_id === 'string') {
      recordSentValue(room, 'id');
      room.id = room.room_id;
    } else {
      const field = room.id === undefined && room.room_id !== undefined ? 'room_id' : 'id';
      throw new ShapeError(`${prefix}${field}`, expectedGot('a string', room.id ?? room.room_id));
    }
  }
  for (const field of ['started', 'ended', 'members'] as const) {
    const text = room[field];
    if (typeof text !== 'string') {
      if (text !== undefined && text !== null) {
        throw new ShapeError(`${prefix}${field}`, expectedGot('a string', text));
      }
      recordSentValue(room, field);
      room[field] = '';
    }
  }
  if (typeof room.hasMessages !== 'boolean') {
    recordSentValue(room, 'hasMessages');
    room.hasMessages = derivedHasMessages ?? looseBoolean(room.hasMessages) ?? false;
  }
}

/** What a server most likely meant by a boolean sent as text or a number; undefined when unclear. */
function looseBoolean(value: unknown): boolean | undefined {
  if (value === 'true' || value === 1) {
    return true;
  }
  if (value === 'false' || value === 0) {
    return false;
  }
  return undefined;
}

function expectObject(value: unknown, path: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ShapeError(path, expectedGot('an object', value));
  }
  return value as JsonObject;
}

/** Describes a value for a message without dumping it: its type, and short scalars verbatim. */
export function describeValue(value: unknown): string {
  if (value === undefined) {
    return 'nothing (the field is missing)';
  }
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return `an array of ${value.length}`;
  }
  if (typeof value === 'object') {
    return 'an object';
  }
  if (typeof value === 'string') {
    return value.length > 40 ? `a string of ${value.length} characters` : `the string ${JSON.stringify(value)}`;
  }
  return `the ${typeof value} ${String(value).slice(0, 40)}`;
}

function expectedGot(expected: string, value: unknown): string {
  return `expected ${expected}, got ${describeValue(value)}`;
}
