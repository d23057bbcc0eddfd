import * as assert from 'node:assert/strict';
import { MAX_LISTED_PROBLEMS, describeBatchProblems, parseMessageBatch } from '../../../src/messages/messageBatch';
import { checkBase64Value, checkMessage, checkMessageId } from '../../../src/messages/messageValidation';

const good = { id: '3f2c9a10-5b7e-4d21-9c3a-7e1f0b2d4c68', salt: 'q83vEjRWeJA=', data: 'SGVsbG8=' };

describe('message validation', () => {
  it('checks ids and base64 values with advice on what to fix', () => {
    assert.equal(checkMessageId(good.id), undefined);
    assert.match(checkMessageId('') ?? '', /Enter a message id/);
    assert.match(checkMessageId(' x') ?? '', /spaces/);
    assert.match(checkMessageId('x'.repeat(2000)) ?? '', /at most 1024/);
    assert.equal(checkBase64Value(good.salt, 'salt'), undefined);
    assert.equal(checkBase64Value('q83vEjRWeJA', 'salt'), undefined, 'padding is optional');
    assert.match(checkBase64Value('', 'data') ?? '', /Enter the data as base64/);
    assert.match(checkBase64Value('SGVs bG8=', 'data') ?? '', /spaces or line breaks/);
    assert.match(checkBase64Value('<script>', 'data') ?? '', /not valid base64/);
  });

  it('sends only id, salt and data, and names every problem of an item', () => {
    assert.deepEqual(checkMessage({ ...good, extra: 'dropped' }, 'item 1'), { message: good });
    const bad = checkMessage({ id: 7, salt: '!!', data: undefined }, 'item 2');
    assert.ok('problems' in bad);
    assert.deepEqual(bad.problems.length, 3);
    assert.match(bad.problems[0], /^item 2: "id" must be a string/);
    assert.match(bad.problems[2], /"data" is missing/);
    assert.ok('problems' in checkMessage(['x'], 'item 3'));
  });
});

describe('message batches (file / clipboard)', () => {
  it('reads an array, a {"data": [...]} request body and a {"messages": [...]} room export', () => {
    for (const text of [
      JSON.stringify([good]),
      JSON.stringify({ data: [good] }),
      JSON.stringify({ id: 'room', messages: [good] }),
      `\uFEFF  ${JSON.stringify([good])}\n`,
    ]) {
      assert.deepEqual(parseMessageBatch(text), { ok: true, messages: [good] }, text);
    }
  });

  it('rejects the whole batch when anything is wrong, listing the problems', () => {
    const result = parseMessageBatch(JSON.stringify([good, { ...good, id: 'b', data: 'not-base64!' }, { ...good }, 'x']));
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.equal(result.total, 4);
      assert.deepEqual(result.problems, [
        'item 2: The data is not valid base64: use A–Z, a–z, 0–9, + and / (or - and _), with = only as padding at the end.',
        `item 3: the id "${good.id}" is already used by item 1.`,
        'item 4: expected an object with id, salt and data.',
      ]);
    }
  });

  it('explains empty, non-JSON and wrongly shaped input', () => {
    const problem = (text: string): string => {
      const result = parseMessageBatch(text);
      return result.ok ? '' : result.problems[0];
    };
    assert.match(problem('   '), /It is empty/);
    assert.match(problem('{"id": '), /not valid JSON/);
    assert.match(problem('{"rooms": []}'), /Expected a JSON array/);
    assert.match(problem('[]'), /list of messages is empty/);
  });

  it('lists the first problems and counts the rest', () => {
    const problems = Array.from({ length: 25 }, (_, i) => `problem ${i}`);
    const text = describeBatchProblems(problems);
    assert.equal(text.split('\n').length, MAX_LISTED_PROBLEMS + 1);
    assert.match(text, /…and 15 more\.$/);
    assert.equal(describeBatchProblems(['one']), 'one');
  });
});
