// The `rtc` route's handlers, as worldclient-rtc-api.md documents them. Both URL styles have
// been reduced to (target, id) by the router, so nothing here knows about URLs.

import { arrayField, stringField, type Body } from './body';
import { ApiError, ok, success, type JsonReply } from './reply';
import type { RoomStore } from './store';
import type { RtcMessage, StoredRoom } from './types';

export interface RtcRequest {
  method: string;
  target: 'rooms' | 'messages';
  id: string | undefined;
  body: Body;
}

export function handleRtc(store: RoomStore, req: RtcRequest): JsonReply {
  return req.target === 'rooms' ? rooms(store, req) : messages(store, req);
}

function rooms(store: RoomStore, { method, id, body }: RtcRequest): JsonReply {
  if (method === 'PUT') {
    return addRoom(store, body);
  }
  if (method === 'GET' && id === undefined) {
    return ok({
      rooms: store.list().flatMap((room) => (room.quirks?.listedTwice ? [listEntry(room), listEntry(room)] : [listEntry(room)])),
    });
  }
  const room = requireRoom(store, id);
  if (method === 'GET') {
    return ok({ ...summary(room), messages: room.messages, ...room.quirks?.fields, ...room.quirks?.roomReply });
  }
  store.delete(room.id);
  return success();
}

function messages(store: RoomStore, { method, id, body }: RtcRequest): JsonReply {
  const room = requireRoom(store, id);
  if (method === 'GET') {
    return ok({ room_id: room.id, messages: room.messages });
  }
  if (method === 'PUT') {
    const data = arrayField(body, 'data');
    if (data === undefined) {
      throw new ApiError('MissingParameter', { parameter: 'data' });
    }
    store.addMessages(room.id, checkMessages(data, 'data'));
    return success();
  }
  store.clearMessages(room.id);
  return success();
}

function addRoom(store: RoomStore, body: Body): JsonReply {
  const id = stringField(body, 'id') || stringField(body, 'room_id');
  if (!id) {
    throw new ApiError('MissingParameter', { parameter: 'id' });
  }
  const room: StoredRoom = {
    id,
    started: stringField(body, 'started') ?? '',
    ended: stringField(body, 'ended') ?? '',
    members: stringField(body, 'members') ?? '',
    messages: checkMessages(arrayField(body, 'messages') ?? [], 'messages'),
  };
  if (store.has(id)) {
    throw new ApiError('RoomExists');
  }
  store.put(room);
  return success();
}

function requireRoom(store: RoomStore, id: string | undefined): StoredRoom {
  if (id === undefined) {
    throw new ApiError('MissingParameter', { parameter: 'id' });
  }
  const room = store.get(id);
  if (!room) {
    throw new ApiError('RoomNotFound');
  }
  return room;
}

function listEntry(room: StoredRoom): Record<string, unknown> {
  return room.quirks ? { ...summary(room), ...room.quirks.fields, ...room.quirks.listEntry } : summary(room);
}

function summary(room: StoredRoom): { id: string; started: string; ended: string; members: string; hasMessages: boolean } {
  return { id: room.id, started: room.started, ended: room.ended, members: room.members, hasMessages: room.messages.length > 0 };
}

/** Messages are opaque ciphertext to the server: it checks their shape, never their content. */
function checkMessages(items: unknown[], field: string): RtcMessage[] {
  return items.map((item, i) => {
    const m = item as Partial<Record<keyof RtcMessage, unknown>> | null;
    for (const key of ['id', 'salt', 'data'] as const) {
      if (typeof m !== 'object' || m === null || typeof m[key] !== 'string') {
        throw new ApiError('InvalidParameter', { parameter: `${field}[${i}].${key}` });
      }
    }
    const valid = m as RtcMessage;
    return { id: valid.id, salt: valid.salt, data: valid.data };
  });
}
