import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { switchServer, waitFor, withSandbox, type SandboxSession } from '../support/fixtures';
import { refreshRooms } from '../support/tree';

/** Issue 24 §2: the Rooms view says which server it shows, beside what it shows of it. */
describe('Rooms view: which server', function () {
  this.timeout(120_000);
  let session: SandboxSession | undefined;
  let other: Sandbox | undefined;

  afterEach(async () => {
    await vscode.commands.executeCommand('worldclientRtc.clearFilter');
    await session?.dispose();
    await other?.stop();
    session = undefined;
    other = undefined;
  });

  it("names the server's host in its first line and description, and follows a switch", async () => {
    const s = (session = await withSandbox({ seed: { sample: true } }));
    const view = s.api.rooms.view.treeView;
    const host = new URL(s.sandbox.url).host;
    await refreshRooms(s.api);
    assert.equal(view.message, `12 rooms on ${host}`);
    assert.equal(view.description, `12 rooms on ${host}`);

    s.ui.typeInputs('no-such-room');
    await vscode.commands.executeCommand('worldclientRtc.filterRooms');
    assert.equal(view.message, `Filter “no-such-room”: no room matches (0 of 12 rooms on ${host}).`);
    await vscode.commands.executeCommand('worldclientRtc.clearFilter');

    const b = (other = await startSandbox({ seed: {} }));
    await switchServer(s, b);
    await waitFor(() => s.api.rooms.model.state === 'empty', 'the empty list of the other server');
    assert.equal(view.description, `0 rooms on ${new URL(b.url).host}`);
    assert.equal(view.message, undefined, 'the welcome (Add Room, Import Rooms) stays visible');
  });
});
