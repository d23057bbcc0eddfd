import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { toCurl } from '../../../src/api/curl';
import type { RequestLogEntry } from '../../../src/api/types';

/** Runs the command in a POSIX sh with `curl` replaced by a function that prints its arguments, NUL-separated. */
function argvOf(command: string, env: Record<string, string> = {}): string[] {
  const script = `curl() { printf '%s\\0' "$@"; }\n${command}`;
  const output = execFileSync('/bin/sh', ['-c', script], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return output.split('\0').slice(0, -1);
}

const hostileId = `it's $(touch /tmp/pwned) \`x\` "q" \\ !`;

const putEntry: RequestLogEntry = {
  method: 'PUT',
  url: 'https://mail.example.com/WorldClientAPI/rtc/messages/a%2Fb',
  status: 200,
  ms: 12,
  bytes: 16,
  requestBody: JSON.stringify({ data: [{ id: hostileId, salt: 's', data: 'd' }] }),
  headers: { Accept: 'application/json', 'Content-Type': 'application/json', Authorization: 'Bearer REDACTED', 'X-CSRF-Token': 'REDACTED' },
  attempt: 1,
};

const queryEntry: RequestLogEntry = {
  method: 'GET',
  url: 'http://[::1]:8080/WorldClientAPI?session=REDACTED&route=rtc&rooms=1&id=x%24y',
  ms: 3,
  bytes: 0,
  headers: { Accept: 'application/json' },
  attempt: 2,
};

describe('api/curl', () => {
  it('uses $WORLDCLIENT_SESSION / $WORLDCLIENT_CSRF_TOKEN placeholders by default', () => {
    const command = toCurl(putEntry);
    assert.ok(command.includes('"$WORLDCLIENT_SESSION"'));
    assert.ok(command.includes('"$WORLDCLIENT_CSRF_TOKEN"'));
    assert.ok(!command.includes('REDACTED'));
    assert.deepEqual(argvOf(command, { WORLDCLIENT_SESSION: 'sess-1', WORLDCLIENT_CSRF_TOKEN: 'csrf-1' }), [
      '-X',
      'PUT',
      'https://mail.example.com/WorldClientAPI/rtc/messages/a%2Fb',
      '-H',
      'Accept: application/json',
      '-H',
      'Content-Type: application/json',
      '-H',
      'Authorization: Bearer sess-1',
      '-H',
      'X-CSRF-Token: csrf-1',
      '--data-raw',
      putEntry.requestBody,
    ]);
  });

  it('is shell-safe: quotes, $( ), backticks and backslashes arrive literally', () => {
    const args = argvOf(toCurl(putEntry), { WORLDCLIENT_SESSION: 's' });
    assert.equal(args.at(-1), putEntry.requestBody);
    assert.equal((JSON.parse(args.at(-1) ?? '') as { data: { id: string }[] }).data[0].id, hostileId);
  });

  it('puts the placeholder back into a session query parameter, and globs off for IPv6', () => {
    const command = toCurl(queryEntry);
    assert.deepEqual(argvOf(command, { WORLDCLIENT_SESSION: 'abc' }), [
      '--globoff',
      'http://[::1]:8080/WorldClientAPI?session=abc&route=rtc&rooms=1&id=x%24y',
      '-H',
      'Accept: application/json',
    ]);
  });

  it('includes the real secrets only when asked, encoded for the URL', () => {
    const withSecrets = toCurl(putEntry, { includeSecrets: { session: 'real-session', csrfToken: 'real-csrf' } });
    assert.ok(!withSecrets.includes('$WORLDCLIENT'));
    const args = argvOf(withSecrets);
    assert.ok(args.includes('Authorization: Bearer real-session'));
    assert.ok(args.includes('X-CSRF-Token: real-csrf'));
    const query = argvOf(toCurl(queryEntry, { includeSecrets: { session: 'a b&c' } }));
    assert.equal(query[1], 'http://[::1]:8080/WorldClientAPI?session=a%20b%26c&route=rtc&rooms=1&id=x%24y');
    const noCsrf = toCurl(putEntry, { includeSecrets: { session: 'real-session' } });
    assert.ok(noCsrf.includes('"$WORLDCLIENT_CSRF_TOKEN"'), 'a CSRF token not given stays a placeholder');
  });

  it('omits -X for GET and leaves simple words unquoted', () => {
    const command = toCurl(queryEntry);
    assert.ok(!command.includes('-X'));
    assert.ok(toCurl(putEntry).startsWith('curl -X PUT '));
  });
});
