import * as assert from 'node:assert/strict';
import { ReplyBudget } from '../../../src/api/replyBudget';
import { parseJsonInSlices } from '../../../src/api/slicedJson';

/** Counts the yields instead of waiting for the event loop. */
function counter(): { yields: number; yieldNow: () => Promise<void> } {
  const state = { yields: 0, yieldNow: async () => void state.yields++ };
  return state;
}

describe('parsing big replies in slices', () => {
  const messages = Array.from({ length: 200_000 }, (_, i) => ({ id: `m-${i}`, salt: 'c2FsdA==', data: `ZGF0YQ==${'\\"'.repeat(i % 3)}` }));

  it('gives what JSON.parse gives, for rooms, room lists, odd spacing, escapes and nesting', async () => {
    const texts = [
      JSON.stringify({ id: 'r', started: '', ended: '', members: 'a@b.c', messages }),
      JSON.stringify({
        rooms: [{ id: 'x[{"', started: '', ended: '', members: '', hasMessages: false }],
        more: { a: [1, [2, { b: ']' }]] },
      }),
      ' \n{ "messages" : [ {"id":"a" , "salt":"","data":""} ,\t{"id":"b","salt":"","data":""} ] , "room_id":"z" } ',
      '{"messages":[]}',
      '{}',
      '[1,2,3]',
      '"text"',
      '{"messages":[1,-2.5e3,true,false,null,"s",[],{}]}',
      '{"messages":[1],"messages":[2]}',
    ];
    for (const text of texts) {
      assert.deepEqual(await parseJsonInSlices(text, counter().yieldNow), JSON.parse(text), text.slice(0, 80));
    }
  });

  it('yields between slices of a big array, so the host answers meanwhile', async () => {
    const text = JSON.stringify({ id: 'r', messages });
    const { yieldNow, ...state } = counter();
    const parsed = (await parseJsonInSlices(text, async () => {
      state.yields++;
      await yieldNow();
    })) as { messages: unknown[] };
    assert.equal(parsed.messages.length, messages.length);
    assert.ok(state.yields >= Math.floor(text.length / (2 * 1024 * 1024)) - 1, `${state.yields} yields for ${text.length} characters`);
  });

  it('rejects malformed JSON as JSON.parse does', async () => {
    const malformed = ['{"messages":[{"id":1} {"id":2}]}', '{"messages":[1,2', '{"messages":[1,]}', '{"messages":[1]]}', '{"a":"x'];
    for (const text of malformed) {
      await assert.rejects(parseJsonInSlices(text, counter().yieldNow), SyntaxError, text);
      assert.throws(() => JSON.parse(text), SyntaxError, text);
    }
  });
});

describe('the reply meter', () => {
  it('finds the same tokens however the reply is cut into chunks, escapes across cuts included', () => {
    const text = Buffer.from(JSON.stringify({ messages: [{ id: 'a"\\', salt: '\\\\"', data: 'x,{[:' }, {}, [1, 'q\\"z']] }));
    const whole = new ReplyBudget();
    whole.meter(undefined).add(text);
    for (const size of [1, 2, 3, 7]) {
      const cut = new ReplyBudget();
      const meter = cut.meter(undefined);
      for (let at = 0; at < text.length; at += size) {
        meter.add(text.subarray(at, at + size));
      }
      assert.equal(cut.inFlightBytes, whole.inFlightBytes, `chunks of ${size}`);
    }
  });
});
