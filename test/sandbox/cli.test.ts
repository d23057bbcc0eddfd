import * as assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { parseSandboxArgs, UsageError } from './cli';

describe('sandbox CLI arguments', () => {
  it('defaults to the sample, odd-id and hostile seed and leaves the port to the caller', () => {
    assert.deepEqual(parseSandboxArgs([]), { seed: { sample: true, oddIds: true, hostile: true } });
  });

  it('parses every option', () => {
    const options = parseSandboxArgs([
      '--port',
      '8080',
      '--host',
      '0.0.0.0',
      '--rooms',
      '10000',
      '--messages',
      '3',
      '--big-room',
      '100000',
      '--sample',
      '--error-style',
      'ok200',
      '--csrf',
      '--2fa',
      '--persist',
      '/tmp/rooms.json',
      '--session',
      'tok',
      '--delay=250',
      '--slow-body',
      '3000',
      '--reject-encoded-slash',
      '--password-expired',
      '--require-terms',
      '--login-token',
      '--renew-remembered',
      '--csrf-token',
      'ct',
      '--user',
      'u@x.test',
      '--password',
      'pw',
      '--one-time-password',
      '111111',
      '--server-version',
      '24.0.0',
      '--api-version',
      '3.3',
    ]);
    assert.deepEqual(options, {
      port: 8080,
      host: '0.0.0.0',
      errorStyle: 'ok200',
      csrf: true,
      twoFactor: true,
      persistPath: '/tmp/rooms.json',
      session: 'tok',
      rejectEncodedSlashInPath: true,
      passwordExpired: true,
      requireTermsOfUse: true,
      requireLoginToken: true,
      renewRememberedSessions: true,
      csrfToken: 'ct',
      user: 'u@x.test',
      password: 'pw',
      oneTimePassword: '111111',
      version: '24.0.0',
      apiVersion: '3.3',
      faults: [
        ...['rtc', 'authenticate', 'ping', 'settings'].map((route) => ({ kind: 'delay', delayMs: 250, route })),
        { kind: 'slowBody', delayMs: 3000, method: 'GET', route: 'rtc' },
      ],
      seed: { rooms: 10000, messagesPerRoom: 3, bigRoom: { id: 'big', messages: 100000 }, sample: true },
    });
  });

  it('any seed flag replaces the default seed; --empty gives no rooms', () => {
    assert.deepEqual(parseSandboxArgs(['--odd-ids']).seed, { oddIds: true });
    assert.deepEqual(parseSandboxArgs(['--empty']).seed, {});
  });

  it('rejects unknown options, missing values and bad numbers', () => {
    assert.throws(() => parseSandboxArgs(['--nope']), UsageError);
    assert.throws(() => parseSandboxArgs(['--port']), /--port needs a value/);
    assert.throws(() => parseSandboxArgs(['--rooms', '--sample']), /--rooms needs a value/);
    assert.throws(() => parseSandboxArgs(['--rooms', '-1']), /whole number/);
    assert.throws(() => parseSandboxArgs(['--port', '70000']), /up to 65535/);
    assert.throws(() => parseSandboxArgs(['--error-style', 'loud']), /status or ok200/);
  });
});

describe('sandbox CLI process', function () {
  this.timeout(20_000);
  let child: ChildProcessWithoutNullStreams | undefined;

  after(() => {
    if (child && child.exitCode === null) {
      child.kill('SIGKILL');
    }
  });

  it('prints URL, session, CSRF token and sign-in details, serves, and stops cleanly on SIGTERM', async () => {
    const cli = path.join(__dirname, 'cli.js');
    const proc = spawn(process.execPath, [
      cli,
      '--port',
      '0',
      '--csrf',
      '--2fa',
      '--session',
      'cli-session',
      '--csrf-token',
      'cli-csrf',
      '--quiet',
    ]);
    child = proc;
    let out = '';
    proc.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    await new Promise<void>((resolve, reject) => {
      proc.stdout.on('data', () => out.includes('Press Ctrl+C') && resolve());
      proc.once('exit', (code) => reject(new Error(`exited early with ${code}: ${out}`)));
    });
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
    assert.ok(url, out);
    assert.match(out, /session:\s+cli-session/);
    assert.match(out, /CSRF token:\s+cli-csrf/);
    assert.match(out, /user dev@example\.com, password sandbox/);
    assert.match(out, /2FA code:\s+123456/);
    assert.match(out, /rooms:\s+27/);

    const res = await fetch(`${url}/WorldClientAPI/rtc/rooms/a%2Fb`, { headers: { Authorization: 'Bearer cli-session' } });
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { id: string }).id, 'a/b');

    const exited = new Promise<number | null>((resolve) => proc.once('exit', resolve));
    proc.kill('SIGTERM');
    assert.equal(await exited, 0);
  });

  it('exits with status 2 and the usage on a bad option', async () => {
    const proc = spawn(process.execPath, [path.join(__dirname, 'cli.js'), '--bogus']);
    let err = '';
    proc.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => proc.once('exit', resolve));
    assert.equal(code, 2);
    assert.match(err, /unknown option --bogus[\s\S]*Usage:/);
  });
});
