import * as assert from 'node:assert/strict';
import Ajv from 'ajv';
import { compileContract } from '../../../../src/shared/contract/contractFile';
import { unsafePatternReason } from '../../../../src/shared/contract/patternSafety';

describe("the team's patterns, checked for exponential backtracking", () => {
  it('refuses repeated groups that repeat or choose ambiguously, and backreferences', () => {
    const refused = [
      '^(a+)+$',
      '(a*)*b',
      '(\\d+){2}',
      '^(a|ab)*$',
      '(a|a)+',
      '((ab)+)+',
      '(x|\\d)+',
      '(?:a|.)*z',
      '(.*,)+x',
      '(a)\\1',
      '(?<q>a)\\k<q>',
    ];
    // Refused too, though it cannot backtrack far: the check looks at shapes, not at which characters overlap.
    assert.notEqual(unsafePatternReason('^(\\.[a-z]+)*$'), undefined);
    for (const pattern of refused) {
      assert.notEqual(unsafePatternReason(pattern), undefined, pattern);
    }
  });

  it('allows the usual shapes: classes, anchored repeats, disjoint literal choices, optional groups', () => {
    const allowed = [
      '^[A-Za-z0-9+/]+={0,2}$',
      '^rtc-\\d{4}-[a-f0-9]+$',
      '^(foo|bar)+$',
      '^(?:ab)+c?$',
      '^(a+)?b$',
      '^[^@]+@[^@]+$',
      '[(]+\\)*',
      '\\(a+\\)+',
      '^[]a+]+$',
    ];
    for (const pattern of allowed) {
      assert.equal(unsafePatternReason(pattern), undefined, pattern);
    }
  });

  it('reads a long pattern in one pass', () => {
    const long = '(ab)'.repeat(50_000) + '+';
    const started = process.hrtime.bigint();
    assert.equal(unsafePatternReason(long), undefined);
    // A bound far above one pass (a few ms) and far below a quadratic read of 200,000 characters.
    assert.ok(process.hrtime.bigint() - started < 2_000_000_000n);
  });

  it('a custom rule with such a pattern is named as not compiling, and the rest of the contract applies', () => {
    const { contract, problems } = compileContract(
      JSON.stringify({
        customRules: [
          { id: 'ids', appliesTo: 'room', description: 'Ids', schema: { properties: { id: { type: 'string', pattern: '^(a+)+$' } } } },
          {
            id: 'data',
            appliesTo: 'message',
            description: 'Data',
            schema: { properties: { data: { type: 'string', pattern: '^[A-Z]+$' } } },
          },
        ],
      }),
      () => Ajv,
    );
    assert.deepEqual(
      problems.map((problem) => problem.path),
      [['customRules', 0, 'schema']],
    );
    assert.match(problems[0].message, /"custom\/ids" does not compile: the pattern "\^\(a\+\)\+\$" is refused: a repeated group/);
    assert.deepEqual(
      contract.custom.map((rule) => rule.ruleId),
      ['custom/data'],
    );
    // The allowed pattern still works, and a hostile value costs nothing special.
    const [data] = contract.custom;
    assert.equal(data.validate({ data: 'ABC' }), true);
    assert.equal(data.validate({ data: `${'a'.repeat(100_000)}!` }), false);
  });
});
