import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { switchServer as switchTo, withSandbox, type SandboxSession } from '../support/fixtures';
import { itemButton } from '../support/scriptedUi';

const USED_SERVERS_KEY = 'worldclientRtc.usedServers';
const SESSION_KEY_PREFIX = 'worldclientRtc.session:';

describe('Switch Server offers the servers used before', function () {
  this.timeout(120_000);
  let session: SandboxSession | undefined;
  const others: Sandbox[] = [];

  afterEach(async () => {
    await session?.dispose();
    await Promise.all(others.splice(0).map((sandbox) => sandbox.stop()));
    session = undefined;
  });

  it('lists them with their sign-in state, switches without retyping, and forgets one with its session', async () => {
    const s = (session = await withSandbox({ seed: { sample: true } }));
    const [b, c] = [await startSandbox({ seed: { sample: true } }), await startSandbox({ seed: { sample: true } })];
    others.push(b, c);
    await switchTo(s, b);
    await vscode.commands.executeCommand('worldclientRtc.signOut');
    await switchTo(s, c);

    // Back to the first server from the list: its session is still stored, so nothing is asked.
    s.ui.pick((label) => label === s.sandbox.url);
    await vscode.commands.executeCommand('worldclientRtc.switchServer');
    assert.equal(s.api.connection.serverUrl, s.sandbox.url);
    assert.equal(s.api.connection.state, 'signedIn');
    const listed = new Map((s.ui.quickPicks.at(-1) ?? []).map((item) => [item.label, item]));
    assert.equal(listed.get(s.sandbox.url)?.description, 'signed in, session remembered');
    assert.equal(listed.get(b.url)?.description, 'signed out');
    assert.equal(listed.has(c.url), false, 'the current server is in the title, not offered as a switch');
    assert.deepEqual(listed.get(b.url)?.buttons, ['Forget this server']);

    s.ui.pick(itemButton((label) => label === c.url, 'Forget this server'));
    s.ui.respond(/^Forget /, 'Forget');
    s.ui.pick(undefined);
    await vscode.commands.executeCommand('worldclientRtc.switchServer');
    assert.equal(await s.api.storage.secrets.get(SESSION_KEY_PREFIX + c.url), undefined, 'its stored session is deleted');
    assert.ok(
      (s.ui.quickPicks.at(-1) ?? []).every((item) => item.label !== c.url),
      'the pick shown again no longer lists it',
    );
    const stored = s.api.storage.globalState.get<string[]>(USED_SERVERS_KEY) ?? [];
    assert.ok(stored.includes(s.sandbox.url) && stored.includes(b.url) && !stored.includes(c.url), JSON.stringify(stored));
    const state = JSON.stringify(s.api.storage.globalState.keys().map((key) => s.api.storage.globalState.get(key)));
    for (const secret of [s.sandbox.session, c.session, s.sandbox.csrfToken].filter(Boolean)) {
      assert.ok(!state.includes(secret), 'global state holds URLs only, never a session');
    }
  });
});
