import * as assert from 'node:assert/strict';
import {
  checkPong,
  checkSuccess,
  parseMessagesReply,
  parseRoom,
  parseRoomList,
  parseVersion,
  sentValue,
  ShapeError,
} from '../../../src/api/shapes';

function shapeError(path: string): (error: unknown) => boolean {
  return (error) => {
    assert.ok(error instanceof ShapeError, String(error));
    assert.equal(error.fieldPath, path);
    return true;
  };
}

const room = { id: 'r', started: '2025-01-01T00:00:00Z', ended: '', members: 'a@x,b@x', hasMessages: true };
const message = { id: 'm', salt: 's', data: 'd' };

describe('api/shapes', () => {
  describe('parseRoomList', () => {
    it('returns the very array it was given when entries are canonical (no copy)', () => {
      const reply = { rooms: [room, { ...room, id: 'r2' }] };
      assert.equal(parseRoomList(reply), reply.rooms);
    });

    it('tolerates room_id for id, extra fields, missing hasMessages/ended, null text fields', () => {
      const rooms = parseRoomList({
        rooms: [
          { room_id: 'a', started: 's', members: 'm', extra: { x: 1 } },
          { id: 'b', started: null, ended: null, members: 'm', hasMessages: null },
        ],
        total: 2,
      });
      assert.deepEqual(
        rooms.map(({ id, started, ended, members, hasMessages }) => ({ id, started, ended, members, hasMessages })),
        [
          { id: 'a', started: 's', ended: '', members: 'm', hasMessages: false },
          { id: 'b', started: '', ended: '', members: 'm', hasMessages: false },
        ],
      );
    });

    it('reads a hasMessages of the wrong type as best it can and keeps what was sent for the contract checks', () => {
      const sent: unknown[] = ['true', 1, 'false', 0, 'yes', { nested: true }, [true]];
      const rooms = parseRoomList({ rooms: sent.map((hasMessages, index) => ({ ...room, id: `r${index}`, hasMessages })) });
      assert.deepEqual(
        rooms.map((entry) => entry.hasMessages),
        [true, true, false, false, false, false, false],
      );
      assert.deepEqual(
        rooms.map((entry) => sentValue(entry, 'hasMessages')),
        sent,
      );
      assert.equal(parseRoom({ ...room, hasMessages: 'false', messages: [message] }).hasMessages, true, 'the messages outweigh the text');
    });

    it('names the field path of a wrong type', () => {
      const rooms = [room, room, room, { ...room, id: 42 }];
      assert.throws(() => parseRoomList({ rooms }), shapeError('rooms[3].id'));
      assert.throws(() => parseRoomList({ rooms: [{ ...room, members: ['a'] }] }), shapeError('rooms[0].members'));
      assert.throws(() => parseRoomList({ rooms: [{ started: 's' }] }), shapeError('rooms[0].id'));
      assert.throws(() => parseRoomList({ rooms: [{ room_id: 7 }] }), shapeError('rooms[0].room_id'));
      assert.throws(() => parseRoomList({ rooms: [null] }), shapeError('rooms[0]'));
      assert.throws(() => parseRoomList({ rooms: 'not-an-array' }), shapeError('rooms'));
      assert.throws(() => parseRoomList([room]), shapeError(''));
    });

    it('describes the bad value in the message', () => {
      assert.throws(
        () => parseRoomList({ rooms: [{ ...room, started: 42 }] }),
        /rooms\[0\]\.started: expected a string, got the number 42/,
      );
    });
  });

  describe('parseRoom', () => {
    it('keeps messages byte for byte and derives hasMessages', () => {
      const messages = [{ id: 'm1', salt: '\u0000salt', data: '<script>alert(1)</script>' }];
      const parsed = parseRoom({ room_id: 'r', started: 's', members: 'm', messages });
      assert.equal(parsed.id, 'r');
      assert.equal(parsed.hasMessages, true);
      assert.equal(parsed.messages, messages);
      assert.deepEqual(parseRoom({ ...room, hasMessages: undefined, messages: undefined }).messages, []);
      assert.equal(parseRoom({ ...room, hasMessages: undefined, messages: [] }).hasMessages, false);
    });

    it('names bad message fields', () => {
      assert.throws(() => parseRoom({ ...room, messages: [message, { ...message, salt: 7 }] }), shapeError('messages[1].salt'));
      assert.throws(() => parseRoom({ ...room, messages: {} }), shapeError('messages'));
    });
  });

  describe('parseMessagesReply', () => {
    it('returns the messages array itself, accepting room_id or id', () => {
      const messages = [message];
      assert.equal(parseMessagesReply({ room_id: 'r', messages }), messages);
      assert.equal(parseMessagesReply({ id: 'r', messages }), messages);
      assert.equal(parseMessagesReply({ messages, more: true }), messages);
    });

    it('rejects wrong shapes with a field path', () => {
      assert.throws(() => parseMessagesReply({ messages: {} }), shapeError('messages'));
      assert.throws(() => parseMessagesReply({ room_id: 5, messages: [] }), shapeError('room_id'));
      assert.throws(() => parseMessagesReply({ messages: [message, message, { id: 'x', salt: 's' }] }), shapeError('messages[2].data'));
      assert.throws(() => parseMessagesReply({ messages: [{ id: 1, salt: 's', data: 'd' }] }), shapeError('messages[0].id'));
    });
  });

  describe('small replies', () => {
    it('success, pong and version', () => {
      checkSuccess({ success: true });
      checkSuccess(undefined);
      checkSuccess({});
      assert.throws(() => checkSuccess({ success: false }), shapeError('success'));
      checkPong({ pong: true });
      assert.throws(() => checkPong({}), shapeError('pong'));
      assert.equal(parseVersion({ version: '25.0.0', extra: 1 }), '25.0.0');
      assert.throws(() => parseVersion({ version: 25 }), shapeError('version'));
    });
  });
});
