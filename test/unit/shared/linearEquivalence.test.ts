import * as assert from 'node:assert/strict';
import { isEmailAddress, isSpaceCode } from '../../../src/shared/contract/formats';
import { isWellFormedMemberList } from '../../../src/shared/contract/roomChecks';
import { quote } from '../../../src/shared/contract/rules';
import { INVISIBLE_RANGES, visible } from '../../../src/shared/inertText';

/**
 * The hand scans that replaced backtracking regular expressions answer exactly as those did:
 * the old patterns, kept here as the reference, on every short string over the characters
 * that matter to them (the linear-time test proves the scans stay linear on long ones).
 */
const OLD_EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;
const OLD_WELL_FORMED = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+(?:,[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+)*$/;

function oldHasDuplicate(members: string): boolean {
  const entries = members.toLowerCase().split(',');
  return members.includes(',') && entries.some((entry, index) => entries.indexOf(entry) !== index);
}

/** Every string of up to `maxLength` characters from `alphabet`. */
function* strings(alphabet: readonly string[], maxLength: number): Generator<string> {
  let level = [''];
  yield '';
  for (let length = 1; length <= maxLength; length++) {
    level = level.flatMap((prefix) => alphabet.map((char) => prefix + char));
    yield* level;
  }
}

describe('hand scans answer as the regular expressions they replaced', () => {
  it('isSpaceCode is exactly \\s', () => {
    for (let code = 0; code <= 0xffff; code++) {
      assert.equal(isSpaceCode(code), /\s/.test(String.fromCharCode(code)), `U+${code.toString(16)}`);
    }
  });

  it('isEmailAddress and the members list (with duplicates compared case-insensitively)', () => {
    for (const text of strings(['a', 'B', '@', '.', ',', ';', ' ', '\u00a0'], 6)) {
      assert.equal(isEmailAddress(text), OLD_EMAIL.test(text), JSON.stringify(text));
      const old = OLD_WELL_FORMED.test(text) && !oldHasDuplicate(text);
      assert.equal(isWellFormedMemberList(text.split(',')), old, JSON.stringify(text));
    }
    const entries = ['a@b.c', 'A@B.C', 'a@b.c ', 'x@y.z', '', 'x@y.z;'];
    for (const picks of strings(['0', '1', '2', '3', '4', '5'], 4)) {
      const text = [...picks].map((pick) => entries[Number(pick)]).join(',');
      const old = OLD_WELL_FORMED.test(text) && !oldHasDuplicate(text);
      assert.equal(isWellFormedMemberList(text.split(',')), old, JSON.stringify(text));
    }
  });

  it('visible shows exactly the characters of its ranges by code point', () => {
    const inRanges = (code: number) => INVISIBLE_RANGES.some(([from, to]) => code >= from && code <= to);
    for (let code = 0; code <= 0xffff; code++) {
      const char = String.fromCharCode(code);
      const expected = code === 0x0a ? '⏎' : inRanges(code) ? `⟨U+${code.toString(16).toUpperCase().padStart(4, '0')}⟩` : char;
      assert.equal(visible(char), expected, `U+${code.toString(16)}`);
    }
  });

  it('quote: the same short JSON as before, with bidi controls shown; a long value cut first', () => {
    assert.equal(quote('a@b.c'), '"a@b.c"');
    assert.equal(quote(undefined), 'nothing');
    assert.equal(quote(42), '42');
    assert.equal(quote('x'.repeat(100)), `"${'x'.repeat(58)}…`);
    assert.equal(quote('evil\u202Etxt.exe'), '"evil⟨U+202E⟩txt.exe"');
    const deep: unknown = JSON.parse(`${'['.repeat(200_000)}${']'.repeat(200_000)}`);
    assert.equal(quote(deep), '[…]', 'nesting too deep to quote does not throw');
  });
});
