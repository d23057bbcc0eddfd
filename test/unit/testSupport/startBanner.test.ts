import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startBanner } from '../../runner/startBanner';
import { parseSandboxArgs } from '../../sandbox/cli';
import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/types';

describe('npm start: what it prints before the workbench', () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    await sandbox?.stop();
    sandbox = undefined;
  });

  it('with --csrf --2fa, prints the CSRF token and the one-time code the sandbox expects', async () => {
    const options = parseSandboxArgs(['--csrf', '--2fa', '--empty']);
    sandbox = await startSandbox({ ...options, port: 0 });
    const text = startBanner(sandbox, options, '/folder').join('\n');
    assert.match(text, new RegExp(`CSRF token: ${sandbox.csrfToken}\\b`));
    assert.match(text, /2FA code: {3}\d{6}/);
    assert.match(text, new RegExp(`session: {4}${sandbox.session}`));
    assert.match(text, /changes are lost at Ctrl\+C unless you add --persist FILE/);
    assert.doesNotMatch(text, /on purpose/);
  });

  it('says which rooms misbehave on purpose, so their problem markers do not read as a broken setup', async () => {
    const options = parseSandboxArgs(['--hostile', '--contract-breaking']);
    sandbox = await startSandbox({ ...options, port: 0 });
    const text = startBanner(sandbox, options, '/folder').join('\n');
    assert.match(text, /misbehave on purpose.*HTML and script.*break the API contract/);
  });

  it('without them says 2FA is off, prints no CSRF line, and names the --persist file when one is used', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wcrtc-banner-'));
    const persistFile = path.join(folder, 'rooms.json');
    try {
      const options = parseSandboxArgs(['--empty', '--persist', persistFile]);
      sandbox = await startSandbox({ ...options, port: 0 });
      const text = startBanner(sandbox, options, '/folder').join('\n');
      assert.doesNotMatch(text, /CSRF token/);
      assert.match(text, /2FA: {8}off/);
      assert.ok(text.includes(`kept in ${persistFile} between starts`), text);
    } finally {
      await sandbox?.stop();
      sandbox = undefined;
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
