import * as assert from 'node:assert/strict';
import { formatEnglishCount } from '../../../src/core/counts';

describe('formatEnglishCount', () => {
  it('groups digits as toLocaleString("en-US") does', () => {
    for (const n of [
      0,
      1,
      12,
      999,
      1_000,
      9_999,
      10_000,
      123_456,
      1_000_000,
      1_234_567_890,
      -1,
      -1_000,
      -987_654,
      Number.MAX_SAFE_INTEGER,
    ]) {
      assert.equal(formatEnglishCount(n), n.toLocaleString('en-US'), String(n));
    }
  });

  it('leaves anything but a safe whole number to toLocaleString', () => {
    for (const n of [1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60]) {
      assert.equal(formatEnglishCount(n), n.toLocaleString('en-US'));
    }
  });
});
