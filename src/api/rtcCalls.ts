import { WorldClientError } from './errors';
import type { BodyPeek, OutgoingRequest } from './http';
import { interpretReply, quoteId, type ReplyContext } from './replies';
import type { ApiRequestCore, CallScope } from './requestCore';
import { RoomPreviewReader, type RoomPreview } from './roomPreview';
import { checkSuccess, parseMessagesReply, parseRoom, parseRoomList } from './shapes';
import type { NewRoom, Room, RoomObservation, RoomSummary, RtcMessage } from './types';
import { RTC_ROUTES, rtcPath, type RtcCall } from './urls';

/** The seven calls of the rtc route, sent through the client's request core. */
export class RtcCalls {
  constructor(private readonly core: ApiRequestCore) {}

  listRooms(signal?: AbortSignal): Promise<RoomSummary[]> {
    return this.core.run(
      { what: 'list the rooms', secrets: [] },
      async (scope) =>
        this.observed({ kind: 'rooms', rooms: parseRoomList(await this.rtc('listRooms', scope, undefined, undefined, signal)) }).rooms,
    );
  }

  /**
   * `preview.onPreview`, when given, receives the room's first `preview.size` messages while a
   * big reply is still arriving (at most once, and only for a 200 reply that starts like a room).
   * The returned room is always the whole reply, parsed and checked.
   */
  getRoom(id: string, signal?: AbortSignal, preview?: { size: number; onPreview(preview: RoomPreview): void }): Promise<Room> {
    const peekBody = preview && previewPeek(preview.size, preview.onPreview);
    return this.core.run(
      { what: `open the room ${quoteId(id)}`, roomId: id, secrets: [] },
      async (scope) =>
        this.observed({ kind: 'room', room: parseRoom(await this.rtc('getRoom', scope, id, undefined, signal, peekBody)) }).room,
    );
  }

  /**
   * Writes the room's reply, as the server sends it, chunk by chunk to `write` (a file), never
   * holding or parsing it: the export of a room too big to load. Not retried, as a retry would
   * write the start again. Resolves with the bytes written.
   */
  saveRoomReply(id: string, write: (chunk: Uint8Array) => Promise<void>, signal?: AbortSignal): Promise<number> {
    let written = 0;
    const sink = async (chunk: Uint8Array): Promise<void> => {
      await write(chunk);
      written += chunk.length;
    };
    return this.core.run({ what: `save the room ${quoteId(id)}`, roomId: id, secrets: [] }, async (scope) => {
      await this.rtc('getRoom', scope, id, undefined, signal, undefined, sink);
      return written;
    });
  }

  /** "Does this id exist?" before adding a room: a 404 is the ordinary answer, not a failure, and is logged as info. */
  async roomExists(id: string, signal?: AbortSignal): Promise<boolean> {
    try {
      const scope = { what: `check whether the room ${quoteId(id)} exists`, roomId: id, secrets: [], expectedStatuses: [404] };
      await this.core.run(scope, async (callScope) => parseRoom(await this.rtc('getRoom', callScope, id, undefined, signal)));
      return true;
    } catch (error) {
      if (error instanceof WorldClientError && error.kind === 'notFound') {
        return false;
      }
      throw error;
    }
  }

  getRoomMessages(roomId: string, signal?: AbortSignal): Promise<RtcMessage[]> {
    return this.core.run(
      { what: `load the messages of the room ${quoteId(roomId)}`, roomId, secrets: [] },
      async (scope) =>
        this.observed({
          kind: 'messages',
          roomId,
          messages: parseMessagesReply(await this.rtc('getRoomMessages', scope, roomId, undefined, signal)),
        }).messages,
    );
  }

  addRoom(room: NewRoom, signal?: AbortSignal): Promise<void> {
    // Exactly the fields the spec lists, so extra fields a caller's objects carry are never sent.
    const body = {
      id: room.id,
      started: room.started,
      ended: room.ended,
      members: room.members,
      messages: room.messages.map(exactMessage),
    };
    return this.core.run({ what: `add the room ${quoteId(room.id)}`, roomId: room.id, secrets: [] }, async (scope) =>
      checkSuccess(await this.rtc('addRoom', scope, undefined, JSON.stringify(body), signal)),
    );
  }

  addMessages(roomId: string, messages: RtcMessage[], signal?: AbortSignal): Promise<void> {
    const body = JSON.stringify({ data: messages.map(exactMessage) });
    return this.core.run({ what: `add messages to the room ${quoteId(roomId)}`, roomId, secrets: [] }, async (scope) =>
      checkSuccess(await this.rtc('addMessages', scope, roomId, body, signal)),
    );
  }

  deleteRoom(id: string, signal?: AbortSignal): Promise<void> {
    return this.core.run({ what: `delete the room ${quoteId(id)}`, roomId: id, secrets: [] }, async (scope) =>
      checkSuccess(await this.rtc('deleteRoom', scope, id, undefined, signal)),
    );
  }

  deleteRoomMessages(roomId: string, signal?: AbortSignal): Promise<void> {
    return this.core.run({ what: `delete the messages of the room ${quoteId(roomId)}`, roomId, secrets: [] }, async (scope) =>
      checkSuccess(await this.rtc('deleteRoomMessages', scope, roomId, undefined, signal)),
    );
  }

  private observed<T extends RoomObservation>(observation: T): T {
    this.core.observed(observation);
    return observation;
  }

  /**
   * One rtc call, including the %2F fallback: a path-style request for an id containing '/'
   * that meets a 404 which is not the server's own RoomNotFound is sent again in query style.
   * That resend is safe even for writes, since a 404 means the request never reached the RTC
   * code. If the query-style answer differs, the server evidently refuses encoded slashes,
   * and later ids with '/' go query style directly.
   */
  private async rtc(
    call: RtcCall,
    scope: CallScope,
    roomId: string | undefined,
    body: string | undefined,
    signal?: AbortSignal,
    peekBody?: BodyPeek,
    sink?: OutgoingRequest['sink'],
  ): Promise<unknown> {
    const idInUrl = RTC_ROUTES[call].idParam === undefined ? undefined : roomId;
    if (idInUrl === '') {
      throw new WorldClientError('badRequest', `Could not ${scope.what}: the room id is empty. Pick a room from the list.`);
    }
    const { prefix } = this.core.connected();
    // rtcPath sends ids that a proxy could rewrite in query style, whatever the setting.
    const request: Omit<OutgoingRequest, 'credentials' | 'what'> = {
      method: RTC_ROUTES[call].method,
      path: rtcPath(prefix, call, this.core.config.urlStyle, idInUrl),
      body,
      retryable: RTC_ROUTES[call].method === 'GET' && sink === undefined,
      peekBody,
      sink,
    };
    const reply = await this.core.exchange(request, scope, true, signal);
    // Read after the exchange, so a session the server renewed with its CSRF token counts.
    const withoutCsrf = request.method !== 'GET' && !this.core.hasCsrfToken();
    return interpretReply(reply, { what: scope.what, roomId: scope.roomId, withoutCsrf } satisfies ReplyContext);
  }
}

/** Below this a whole room reply arrives and parses in a few milliseconds: a preview would only make the panel draw twice. */
const MIN_PREVIEW_REPLY_BYTES = 256 * 1024;

/** Feeds a big room reply's chunks to a preview reader until it has handed out its preview or given up. */
function previewPeek(size: number, onPreview: (preview: RoomPreview) => void): BodyPeek {
  const reader = new RoomPreviewReader(size);
  return (chunk, declaredBytes) => {
    if (declaredBytes !== undefined && declaredBytes < MIN_PREVIEW_REPLY_BYTES) {
      return false;
    }
    const preview = reader.push(chunk);
    if (preview) {
      onPreview(preview);
    }
    return !reader.done;
  };
}

function exactMessage(message: RtcMessage): RtcMessage {
  return { id: message.id, salt: message.salt, data: message.data };
}
