import * as assert from 'node:assert/strict';
import { layoutRoomDocument } from '../../../src/shared/roomDocument';

const room = { id: 'r "1"', started: '2025-05-05T09:00:00Z', ended: '', members: 'a@x.org', hasMessages: true, extra: 42 };
const messages = [
  { id: 'm1', salt: 'c2FsdA==', data: 'ZGF0YQ==' },
  { id: 'm"2', salt: '', data: 'ü☕' },
];
const textAt = (text: string, range: { line: number; start: number; end: number }) =>
  text.split('\n')[range.line].slice(range.start, range.end);
const read = (field: string) => (room as Record<string, unknown>)[field];

describe('room JSON document layout', () => {
  it("is valid JSON: the room's fields first, then one message per line in server order", () => {
    const { text } = layoutRoomDocument(room, read, messages);
    assert.deepEqual(JSON.parse(text), { ...room, messages });
    const lines = text.split('\n');
    assert.deepEqual(lines.slice(0, 8), [
      '{',
      '  "id": "r \\"1\\"",',
      '  "started": "2025-05-05T09:00:00Z",',
      '  "ended": "",',
      '  "members": "a@x.org",',
      '  "hasMessages": true,',
      '  "extra": 42,',
      '  "messages": [',
    ]);
    assert.equal(lines[8], '    {"id": "m1", "salt": "c2FsdA==", "data": "ZGF0YQ=="},');
    assert.equal(lines[9], '    {"id": "m\\"2", "salt": "", "data": "ü☕"}');
  });

  it('gives the exact range of every field and every message field', () => {
    const document = layoutRoomDocument(room, read, messages);
    for (const field of ['id', 'started', 'ended', 'members', 'hasMessages'] as const) {
      assert.equal(textAt(document.text, document.rangeOf({ kind: 'room', field })), JSON.stringify(read(field)), field);
    }
    assert.equal(textAt(document.text, document.rangeOf({ kind: 'room', field: 'messages' })), '"messages"');
    messages.forEach((message, index) => {
      for (const field of ['id', 'salt', 'data'] as const) {
        assert.equal(
          textAt(document.text, document.rangeOf({ kind: 'message', index, field })),
          JSON.stringify(message[field]),
          `${index}.${field}`,
        );
      }
    });
  });

  it('a field the server left out has no line; its problems go to the opening brace', () => {
    const sent = (field: string) => (field === 'hasMessages' ? undefined : read(field));
    const document = layoutRoomDocument({ ...room, extra: undefined }, sent, undefined);
    assert.ok(!document.text.includes('hasMessages'));
    assert.ok(!document.text.includes('messages'));
    assert.deepEqual(document.rangeOf({ kind: 'room', field: 'hasMessages' }), { line: 0, start: 0, end: 1 });
    assert.deepEqual(document.rangeOf({ kind: 'room', field: 'messages' }), { line: 0, start: 0, end: 1 });
    JSON.parse(document.text);
  });

  it('an empty room has "messages": []', () => {
    const { text } = layoutRoomDocument({}, read, []);
    assert.ok(text.includes('  "messages": []\n}'));
  });
});
