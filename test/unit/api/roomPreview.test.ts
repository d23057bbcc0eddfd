import * as assert from 'node:assert/strict';
import { RoomPreviewReader, type RoomPreview } from '../../../src/api/roomPreview';
import type { RtcMessage } from '../../../src/api/types';

function messages(count: number): RtcMessage[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `m-${i}`,
    salt: 'c2FsdA==',
    data: Buffer.from(`message ${i}`).toString('base64'),
  }));
}

/** Feeds `json` to a reader in chunks of `chunkBytes`; returns the preview and how many bytes it took. */
function read(
  json: string | Buffer,
  wanted: number,
  chunkBytes: number,
  budgetChars?: number,
): { preview: RoomPreview | undefined; bytesFed: number; done: boolean } {
  const bytes = typeof json === 'string' ? Buffer.from(json) : json;
  const reader = new RoomPreviewReader(wanted, budgetChars);
  for (let at = 0; at < bytes.length; at += chunkBytes) {
    const preview = reader.push(bytes.subarray(at, at + chunkBytes));
    if (preview) {
      assert.equal(reader.done, true, 'a reader that handed out its preview wants no more');
      return { preview, bytesFed: Math.min(bytes.length, at + chunkBytes), done: true };
    }
    if (reader.done) {
      return { preview: undefined, bytesFed: at + chunkBytes, done: true };
    }
  }
  return { preview: undefined, bytesFed: bytes.length, done: reader.done };
}

describe('RoomPreviewReader', () => {
  const all = messages(1000);
  const room = {
    id: 'r/1 <b>',
    started: '2025-01-01T00:00:00Z',
    ended: '',
    members: 'a@example.com,b@example.com',
    hasMessages: true,
    messages: all,
  };

  it('hands out the first messages and the fields before them long before the reply ends, whatever the chunk size', () => {
    const json = JSON.stringify(room);
    for (const chunkBytes of [1, 7, 100, 4096]) {
      const { preview, bytesFed } = read(json, 80, chunkBytes);
      assert.ok(preview, `a preview with ${chunkBytes}-byte chunks`);
      assert.deepEqual(preview.messages, all.slice(0, 80));
      assert.deepEqual(preview.fields, { id: room.id, started: room.started, ended: '', members: room.members });
      assert.ok(bytesFed < json.length / 5, `only the start was read (${bytesFed} of ${json.length} bytes)`);
    }
  });

  it('accepts messages before the fields, room_id for id, and odd but valid JSON (spaces, escapes, nesting, split multi-byte text)', () => {
    const tricky: RtcMessage[] = [
      { id: 'quote " and \\ backslash \\', salt: '', data: '}]{["' },
      { id: 'ünïcödé 😀 across chunks', salt: 'x', data: '\u2028' },
      ...messages(3),
    ];
    const listed = tricky.map((m) => JSON.stringify(m)).join(' ,\n');
    const json =
      '\uFEFF {\n "extra": {"nested": [1, {"a": "]}"}], "n": -1.5e3, "t": true, "z": null},' +
      `\r\n\t"messages" : [ ${listed} , {"id":"late"`;
    const { preview } = read(json, 5, 3);
    assert.ok(preview);
    assert.deepEqual(preview.messages, tricky);
    assert.deepEqual(preview.fields, {}, 'no header field came before the messages');

    const withRoomId = read(`{"room_id":"r9","messages":[${JSON.stringify(all[0])},${JSON.stringify(all[1])}`, 2, 5);
    assert.deepEqual(withRoomId.preview?.fields, { id: 'r9' });
  });

  it('gives up without a preview on anything that is not a room reply being read', () => {
    const cases: Record<string, string> = {
      'an error reply': '{"error":"InvalidSession","messages":[{"id":"a","salt":"","data":""}]}',
      'an HTML page': '<!DOCTYPE html><html><body>Sign in</body></html>',
      'a list': `[${JSON.stringify(all[0])}]`,
      'messages that are not an array': '{"messages":{"id":"a"}}',
      'a message that is not three strings': '{"messages":[{"id":"a","salt":"","data":42},{"id":"b","salt":"","data":""}]}',
      'malformed JSON': '{"id" "r1", "messages":[]}',
      'no messages at all': '{"id":"r1","started":"","ended":""}',
      'a room smaller than the preview (the whole reply is there anyway)': JSON.stringify({ ...room, messages: all.slice(0, 3) }),
    };
    for (const [name, json] of Object.entries(cases)) {
      const result = read(json, 5, 4);
      assert.equal(result.preview, undefined, name);
      assert.equal(result.done, true, `${name}: the reader stops asking for chunks`);
    }
  });

  it('keeps to its budget: a few huge messages give a short preview, a huge field before them gives none', () => {
    const huge = messages(5).map((message) => ({ ...message, data: 'A'.repeat(300_000) }));
    const short = read(JSON.stringify({ ...room, messages: huge }), 80, 65_536, 1_000_000);
    assert.equal(short.preview?.messages.length, 3);
    assert.ok(short.bytesFed < 1_100_000);

    const none = read(JSON.stringify({ members: 'x'.repeat(2_000_000), messages: all }), 80, 65_536, 1_000_000);
    assert.equal(none.preview, undefined);
    assert.ok(none.done && none.bytesFed < 1_100_000, 'it stopped reading at the budget');
  });

  it('never hands out a second preview', () => {
    const reader = new RoomPreviewReader(2);
    const json = Buffer.from(JSON.stringify(room));
    assert.ok(reader.push(json.subarray(0, 500)));
    assert.equal(reader.push(json.subarray(500, 1000)), undefined);
  });
});
