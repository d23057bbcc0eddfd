import * as assert from 'node:assert/strict';
import { cutText } from '../../../src/shared/cutText';

describe('cutText', () => {
  it('leaves text that fits as it is', () => {
    assert.equal(cutText('', 5), '');
    assert.equal(cutText('abcde', 5), 'abcde');
  });

  it('cuts to at most maxChars characters, the last of them "…"', () => {
    assert.equal(cutText('abcdef', 5), 'abcd…');
    assert.equal(cutText('abcdef', 5).length, 5);
    assert.equal(cutText('abcdef', 1), '…');
    assert.equal(cutText('abcdef', 0), '');
  });

  it('never cuts a surrogate pair in half', () => {
    // 'ab😀cd': the emoji is two UTF-16 units at 2 and 3; keeping 3 units would keep only its first half.
    assert.equal(cutText('ab😀cd', 4), 'ab…');
    assert.equal(cutText('ab😀cd', 5), 'ab😀…');
    assert.ok(!/[\ud800-\udbff](?![\udc00-\udfff])/.test(cutText('😀'.repeat(100), 50)));
  });

  it('costs no more for a 10 MB text than for a short one (only the head is copied)', () => {
    const huge = 'x'.repeat(10_000_000);
    const started = process.hrtime.bigint();
    for (let i = 0; i < 1000; i++) {
      cutText(huge, 200);
    }
    assert.ok(Number(process.hrtime.bigint() - started) / 1e6 < 1000);
    assert.equal(cutText(huge, 200).length, 200);
  });
});
