import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor, withSandbox, type SandboxSession } from '../support/fixtures';
import { renderChildren } from '../support/tree';

/** Issue 24 §2: a server with API 3.4 has the RTC routes but no `ping` (it arrived in 3.5). */
describe('Signing in to a server with API 3.4', function () {
  this.timeout(120_000);
  let session: SandboxSession | undefined;

  afterEach(async () => {
    await session?.dispose();
    session = undefined;
  });

  it('accepts a pasted session token although the server has no ping route, and lists its rooms', async () => {
    const s = (session = await withSandbox({ seed: { sample: true }, apiVersion: '3.4', signedIn: false }));
    s.ui.pick('Paste a session token').typeInputs(s.sandbox.session, '');
    assert.equal(await vscode.commands.executeCommand('worldclientRtc.signIn'), true, JSON.stringify(s.ui.shown));
    await s.ui.waitForMessage(new RegExp(`^Signed in to ${s.sandbox.url}\\.$`));
    assert.equal(s.api.connection.state, 'signedIn');
    await waitFor(() => renderChildren(s.api).some((item) => item.label === 'weekly-standup'), 'the rooms of the 3.4 server');
  });

  it('still refuses a pasted token the 3.4 server does not accept, and keeps nothing', async () => {
    const s = (session = await withSandbox({ seed: { sample: true }, apiVersion: '3.4', signedIn: false }));
    s.ui.pick('Paste a session token').typeInputs('not-a-valid-session', '');
    await vscode.commands.executeCommand('worldclientRtc.signIn');
    await s.ui.waitForMessage(/does not accept that session token/);
    assert.equal(s.api.connection.state, 'signedOut');
  });
});
