import * as assert from 'node:assert/strict';
import { checkBoolean, checkChoice, checkNumber, checkStringList, checkStringMap, parseServerUrl } from '../../../src/core/settingValues';
import type * as vscode from 'vscode';
import { testSeamsEnabled } from '../../../src/testSeams';

describe('parseServerUrl', () => {
  const accepted: [string, string][] = [
    ['mail.example.com', 'https://mail.example.com'],
    ['  https://mail.example.com  ', 'https://mail.example.com'],
    ['https://mail.example.com/', 'https://mail.example.com'],
    ['https://mail.example.com/WorldClientAPI', 'https://mail.example.com'],
    ['https://mail.example.com/worldclientapi/', 'https://mail.example.com'],
    ['mail.example.com:8443/WorldClientAPI/', 'https://mail.example.com:8443'],
    ['localhost:3000', 'https://localhost:3000'],
    ['http://127.0.0.1:4000', 'http://127.0.0.1:4000'],
    ['https://example.com/webmail', 'https://example.com/webmail'],
    ['http://[::1]:8080/', 'http://[::1]:8080'],
  ];
  for (const [typed, expected] of accepted) {
    it(`accepts ${JSON.stringify(typed)} as ${expected}`, () => {
      assert.deepEqual(parseServerUrl(typed), { ok: true, url: expected });
    });
  }

  it('treats an empty or missing value as "no server", not as a problem', () => {
    for (const value of ['', '   ', undefined, null]) {
      assert.deepEqual(parseServerUrl(value), { ok: true, url: '' });
    }
  });

  const refused: [unknown, string][] = [
    ['ftp://files.example.com', 'scheme'],
    ['file:///etc/passwd', 'scheme'],
    ['not a url', 'notUrl'],
    ['https://', 'notUrl'],
    ['javascript:alert(1)', 'notUrl'],
    ['https://exa mple.com', 'notUrl'],
    ['user:password@mail.example.com', 'credentials'],
    ['https://user@mail.example.com', 'credentials'],
    ['https://mail.example.com/?route=rtc', 'queryOrFragment'],
    ['https://mail.example.com/#top', 'queryOrFragment'],
    [42, 'notUrl'],
    [{ url: 'https://mail.example.com' }, 'notUrl'],
  ];
  for (const [typed, problem] of refused) {
    it(`refuses ${JSON.stringify(typed)} (${problem})`, () => {
      const result = parseServerUrl(typed);
      assert.equal(result.ok, false);
      assert.equal(!result.ok && result.problem, problem);
    });
  }

  it('never shows the password of a refused URL', () => {
    const result = parseServerUrl('user:s3cret@mail.example.com');
    assert.ok(!result.ok);
    assert.equal(result.shown, 'https://…@mail.example.com');
    assert.ok(!result.shown.includes('s3cret'));
  });

  it('never shows a password holding "/", "?" or "#", which keeps the URL from parsing (issue 21 §6)', () => {
    for (const typed of ['https://user:pa/ss?#word@mail.example.com', 'user:pa/ss#w@rd@mail.example.com/prefix', 'https://u:p?a@ss@host']) {
      const result = parseServerUrl(typed);
      assert.ok(!result.ok, typed);
      assert.match(result.shown, /^https:\/\/…@/, typed);
      for (const part of ['pa/ss', 'word', 'w@rd', 'p?a']) {
        assert.ok(!result.shown.includes(part), `${typed} → ${result.shown}`);
      }
    }
  });
});

describe('checking other settings', () => {
  const timeout = { min: 1, max: 600, fallback: 30 };

  it('keeps numbers in range and says nothing', () => {
    assert.deepEqual(checkNumber('t', 45, timeout), { value: 45 });
    assert.deepEqual(checkNumber('t', undefined, timeout), { value: 30 });
  });

  it('clamps numbers out of range and says what it used', () => {
    assert.deepEqual(checkNumber('t', 0, timeout), { value: 1, problem: 't is 0, outside 1–600; using 1.' });
    assert.deepEqual(checkNumber('t', 1e9, timeout), { value: 600, problem: 't is 1000000000, outside 1–600; using 600.' });
  });

  it('falls back to the default for what is not a number', () => {
    assert.deepEqual(checkNumber('t', '30', timeout), { value: 30, problem: 't is "30", not a number; using 30.' });
    assert.equal(checkNumber('t', Number.NaN, timeout).value, 30);
    assert.equal(checkNumber('t', null, timeout).value, 30);
  });

  it('keeps an "off" value, treats what is below it as off, and never polls faster than the minimum', () => {
    const autoRefresh = { min: 1, max: 3600, fallback: 0, off: 0 };
    assert.deepEqual(checkNumber('a', 0, autoRefresh), { value: 0 });
    assert.deepEqual(checkNumber('a', -5, autoRefresh), { value: 0, problem: 'a is -5, below 0; using 0 (off).' });
    assert.equal(checkNumber('a', 0.01, autoRefresh).value, 1);
  });

  it('falls back on unknown enum values (an older version, a typo)', () => {
    assert.deepEqual(checkChoice('u', 'query', ['path', 'query'], 'path'), { value: 'query' });
    assert.deepEqual(checkChoice('u', 'legacy', ['path', 'query'], 'path'), {
      value: 'path',
      problem: 'u is "legacy", not one of path, query; using path.',
    });
    assert.equal(checkChoice('u', 7, ['path', 'query'], 'path').value, 'path');
  });

  it('falls back on booleans of the wrong type', () => {
    assert.deepEqual(checkBoolean('g', true, false), { value: true });
    assert.deepEqual(checkBoolean('g', 'yes', false), { value: false, problem: 'g is "yes", not true or false; using false.' });
  });

  it('keeps only the string entries of a map', () => {
    assert.deepEqual(checkStringMap('c', { 'https://a': '/a.pem' }), { value: { 'https://a': '/a.pem' } });
    assert.deepEqual(checkStringMap('c', { 'https://a': '/a.pem', 'https://b': 3 }).value, { 'https://a': '/a.pem' });
    assert.deepEqual(checkStringMap('c', ['x']).value, {});
  });

  it('keeps only the string entries of a list, and ignores what is not a list', () => {
    assert.deepEqual(checkStringList('r', ['a', 'b'], 'rule ids'), { value: ['a', 'b'] });
    assert.deepEqual(checkStringList('r', undefined, 'rule ids'), { value: [] });
    assert.deepEqual(checkStringList('r', ['a', 7], 'rule ids'), {
      value: ['a'],
      problem: 'r has 1 entries that are not rule ids; ignoring them.',
    });
    assert.deepEqual(checkStringList('r', 5, 'rule ids'), { value: [], problem: 'r is 5, not a list of rule ids; ignoring it.' });
    assert.deepEqual(checkStringList('r', 'room/empty-id', 'rule ids').value, [], 'a string is not a list of its characters');
  });

  it('shows raw values in the log on one short line', () => {
    const problem = checkChoice('u', `bad\n\u202Evalue${'x'.repeat(100)}`, ['path'], 'path').problem ?? '';
    assert.ok(!/[\n\u202E]/.test(problem));
    assert.ok(problem.length < 120);
  });
});

describe('test seams', () => {
  // vscode.ExtensionMode's values (the module itself is not loadable in unit tests).
  const mode = { production: 1, development: 2, test: 3 } as const;

  it("are on in VS Code's Test mode", () => {
    assert.equal(testSeamsEnabled(mode.test as vscode.ExtensionMode), true);
  });

  it('are off in Production and Development mode, whatever the environment says', () => {
    process.env.WORLDCLIENT_RTC_TEST_SEAMS = '1';
    try {
      assert.equal(testSeamsEnabled(mode.production as vscode.ExtensionMode), false);
      assert.equal(testSeamsEnabled(mode.development as vscode.ExtensionMode), false);
    } finally {
      delete process.env.WORLDCLIENT_RTC_TEST_SEAMS;
    }
  });
});
