import { base64ByteLength } from '../base64';
import { checkCustomMessage, checkCustomRoom, type CustomRule } from './contractFile';
import { checkRoomFields, isContractBase64, plainReader, sentFields, type CheckOptions } from './roomChecks';
import { ProblemSink, quote, type Problem } from './rules';

/** The single-room reply as the checks see it: the client's object (messages checked to be strings). */
export interface RoomReply {
  messages: readonly { id: string; salt: string; data: string }[];
}

export interface RoomReplyCheckOptions extends CheckOptions {
  /** The room's entry in the last room list, to compare with; absent when the list did not have it. */
  listed?: object;
}

/** The rules that need one room's reply with its messages: what "Check Rooms" and opening a room run. */
export function checkRoomReply(askedId: string, reply: RoomReply & object, options: RoomReplyCheckOptions): Problem[] {
  const check = new RoomReplyCheck(askedId, reply, options);
  check.checkMessages(0, reply.messages.length);
  return check.problems;
}

/**
 * The reply rules with the messages a slice at a time, so a room of a million messages can be
 * checked between other work: the room's own fields when made, then `checkMessages` per slice.
 */
export class RoomReplyCheck {
  private readonly sink: ProblemSink;
  private readonly firstIndex = new Map<string, number>();
  private readonly firstSaltIndex = new Map<string, number>();
  /** The first well-formed salt's decoded length and message, which the others are compared with. */
  private saltLength: { bytes: number; index: number; reported: boolean } | undefined;
  private readonly customMessageRules: readonly CustomRule[];

  constructor(
    private readonly askedId: string,
    private readonly reply: RoomReply & object,
    options: RoomReplyCheckOptions,
  ) {
    const sink = (this.sink = new ProblemSink(options.disabled));
    const read = options.read ?? plainReader;
    const repliedId = read(reply, 'id') ?? read(reply, 'room_id');
    if (repliedId !== askedId) {
      sink.add(
        'reply/wrong-room',
        askedId,
        { kind: 'room', field: 'id' },
        `Asked for the room ${quote(askedId)}, the reply is for ${quote(repliedId)}; the contract expects the room asked for.`,
      );
    }
    checkRoomFields(reply, askedId, read, options.now, sink);
    sink.problems.push(...checkCustomRoom(options.custom ?? [], askedId, sentFields(reply, read)));
    this.customMessageRules = (options.custom ?? []).filter((rule) => rule.appliesTo === 'message');
    if (read(reply, 'messages') === undefined) {
      sink.add(
        'room/messages-missing',
        askedId,
        { kind: 'room', field: 'messages' },
        'The reply has no "messages"; the contract expects an array, empty when the room has none.',
      );
    }
    const hasMessages = read(reply, 'hasMessages');
    if (typeof hasMessages === 'boolean' && hasMessages !== reply.messages.length > 0) {
      sink.add(
        'room/has-messages-mismatch',
        askedId,
        { kind: 'room', field: 'hasMessages' },
        `"hasMessages" is ${String(hasMessages)} but the room holds ${reply.messages.length} messages; ` +
          'the contract expects them to agree.',
      );
    }
    if (options.listed) {
      const listed = options.listed;
      const differing = (['started', 'ended', 'members'] as const).filter((field) => read(listed, field) !== read(reply, field));
      for (const field of differing) {
        sink.add(
          'room/list-mismatch',
          askedId,
          { kind: 'room', field },
          `"${field}" is ${quote(read(reply, field))} here but ` +
            `${quote(read(listed, field))} in the room list; the contract expects both replies to describe the room alike.`,
        );
      }
    }
  }

  get problems(): Problem[] {
    return this.sink.problems;
  }

  /** Checks the messages from index `from` up to `to` (exclusive); slices must come in order. */
  checkMessages(from: number, to: number): void {
    const { askedId: roomId, sink, firstIndex } = this;
    const messages = this.reply.messages;
    for (let index = from; index < to; index++) {
      const { id, salt, data } = messages[index];
      if (id === '') {
        sink.add(
          'message/empty-id',
          roomId,
          { kind: 'message', index, field: 'id' },
          `Message ${index + 1} has an empty id; the contract expects a non-empty string.`,
        );
      } else {
        const first = firstIndex.get(id);
        if (first !== undefined) {
          sink.add(
            'message/duplicate-id',
            roomId,
            { kind: 'message', index, field: 'id' },
            `Message ${index + 1} repeats the id ${quote(id)} of message ${first + 1}; the contract expects ids unique in a room.`,
          );
        } else {
          firstIndex.set(id, index);
        }
      }
      if (!isContractBase64(salt)) {
        sink.add(
          'message/salt-base64',
          roomId,
          { kind: 'message', index, field: 'salt' },
          `Message ${index + 1} has the salt ${quote(salt)}; the contract expects non-empty base64.`,
        );
      } else {
        this.checkSalt(salt, index);
      }
      if (!isContractBase64(data)) {
        sink.add(
          'message/data-base64',
          roomId,
          { kind: 'message', index, field: 'data' },
          `Message ${index + 1} has data ${quote(data)}; the contract expects non-empty base64.`,
        );
      }
      if (this.customMessageRules.length > 0) {
        sink.problems.push(...checkCustomMessage(this.customMessageRules, roomId, index, messages[index]));
      }
    }
  }

  /** A salt (or nonce) used twice, or salts of different sizes, in one room: what an encrypting client must never do. */
  private checkSalt(salt: string, index: number): void {
    const { askedId: roomId, sink } = this;
    const at = { kind: 'message', index, field: 'salt' } as const;
    const first = this.firstSaltIndex.get(salt);
    if (first !== undefined) {
      sink.add(
        'message/salt-reused',
        roomId,
        at,
        `Message ${index + 1} reuses the salt of message ${first + 1}; the contract expects a fresh salt per message ` +
          '(a reused salt or nonce breaks the encryption).',
      );
    } else {
      this.firstSaltIndex.set(salt, index);
    }
    const bytes = base64ByteLength(salt) ?? 0;
    if (this.saltLength === undefined) {
      this.saltLength = { bytes, index, reported: false };
    } else if (bytes !== this.saltLength.bytes && !this.saltLength.reported) {
      this.saltLength.reported = true; // Once per room: a room of mixed clients would otherwise report every other message.
      sink.add(
        'message/salt-length',
        roomId,
        at,
        `Message ${index + 1} has a salt of ${bytes} bytes, message ` +
          `${this.saltLength.index + 1} one of ${this.saltLength.bytes}; the contract expects the salts of a room to be of one length.`,
      );
    }
  }
}
