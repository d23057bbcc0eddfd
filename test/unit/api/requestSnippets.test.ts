import * as assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { toSnippet, type SnippetLanguage } from '../../../src/api/requestSnippets';
import type { RequestLogEntry } from '../../../src/api/types';
import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/types';

const hostileId = `it's $(touch /tmp/pwned) \`x\` "q" \\ ! ‘’ \u2028 ${'${'}x}`;

/** What the request log holds for Add Messages: secrets redacted, the hostile id inside the body. */
function putEntry(sb: Sandbox, roomId: string): RequestLogEntry {
  return {
    method: 'PUT',
    url: `${sb.url}/WorldClientAPI/rtc/messages/${encodeURIComponent(roomId)}`,
    ms: 1,
    bytes: 0,
    requestBody: JSON.stringify({ data: [{ id: hostileId, salt: 'c2FsdA==', data: 'ZGF0YQ==' }] }),
    headers: {
      Accept: 'application/json',
      'Content-Type': 'application/json',
      Authorization: 'Bearer REDACTED',
      'X-CSRF-Token': 'REDACTED',
    },
    attempt: 1,
  };
}

function getEntry(sb: Sandbox): RequestLogEntry {
  return {
    method: 'GET',
    url: `${sb.url}/WorldClientAPI?session=REDACTED&route=rtc&rooms=1`,
    ms: 1,
    bytes: 0,
    headers: { Accept: 'application/json' },
    attempt: 1,
  };
}

const hasPythonRequests = spawnSync('python3', ['-c', 'import requests'], { stdio: 'ignore' }).status === 0;

/** Runs the snippet with its language's runtime, the secrets in the environment as the snippet expects; its stdout. */
async function run(language: SnippetLanguage, code: string, env: Record<string, string>): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wcrtc-snippet-'));
  const file = path.join(dir, language === 'python' ? 'snippet.py' : 'snippet.mjs');
  fs.writeFileSync(file, code);
  const runtime = language === 'python' ? 'python3' : process.execPath;
  try {
    // Asynchronously: the sandbox answering the snippet runs in this process.
    const { stdout } = await promisify(execFile)(runtime, [file], {
      env: { PATH: process.env.PATH ?? '', NO_PROXY: '*', ...env },
      encoding: 'utf8',
      timeout: 20_000,
    });
    return stdout;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('api/requestSnippets: Copy Request as… in other languages', function () {
  this.timeout(60_000);
  let sb: Sandbox;

  before(async () => {
    sb = await startSandbox({ seed: { sample: true }, csrf: true });
  });
  after(async () => sb?.stop());

  const runnable: SnippetLanguage[] = ['fetch', ...(hasPythonRequests ? (['python'] as const) : [])];
  for (const language of runnable) {
    it(`${language}: the placeholder snippet adds the hostile message, read from the environment`, async () => {
      const roomId = `snippet-${language}`;
      sb.store.put({ id: roomId, started: '2026-01-01T00:00:00Z', ended: '', members: '', messages: [] });
      const code = toSnippet(putEntry(sb, roomId), language);
      assert.ok(!code.includes('REDACTED') && !code.includes(sb.session), 'neither the redaction mark nor the session is in the snippet');
      const output = await run(language, code, { WORLDCLIENT_SESSION: sb.session, WORLDCLIENT_CSRF_TOKEN: sb.csrfToken });
      assert.match(output, /^200 /, output);
      assert.deepEqual(
        sb.store.get(roomId)?.messages.map((message) => message.id),
        [hostileId],
      );
      assert.ok(!fs.existsSync('/tmp/pwned'));
    });

    it(`${language}: the session in the query, included when asked, lists the rooms`, async () => {
      const code = toSnippet(getEntry(sb), language, { includeSecrets: { session: sb.session } });
      assert.ok(code.includes(encodeURIComponent(sb.session)));
      const output = await run(language, code, {});
      assert.match(output, /^200 /, output);
      assert.ok(output.includes('weekly-standup'), output.slice(0, 200));
    });
  }

  it('C# and PowerShell: literals escaped by their rules, secrets from the environment (not run: no dotnet or pwsh here)', () => {
    const entry = { ...putEntry(sb, 'a/b'), requestBody: `{"id":"it's ‘q’ \u2028"}` };
    const csharp = toSnippet(entry, 'csharp');
    assert.ok(csharp.includes('Environment.GetEnvironmentVariable("WORLDCLIENT_SESSION")'));
    assert.ok(csharp.includes('"{\\"id\\":\\"it\'s ‘q’ \\u2028\\"}"'), csharp);
    assert.ok(csharp.includes('MediaTypeHeaderValue.Parse("application/json")'));
    assert.ok(!/TryAddWithoutValidation\("Content-Type"/.test(csharp), 'Content-Type goes on the content');
    const powershell = toSnippet(entry, 'powershell');
    assert.ok(powershell.includes("'Bearer ' + $env:WORLDCLIENT_SESSION"), powershell);
    assert.ok(powershell.includes(`-Body '{"id":"it''s ‘‘q’’ \u2028"}'`), powershell);
  });
});
