import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor, withSandbox, type SandboxSession } from '../support/fixtures';
import { highlighted } from '../support/scriptedUi';
import { refreshRooms } from '../support/tree';

describe('Restore Deleted Room…', function () {
  this.timeout(120_000);
  let session: SandboxSession;

  beforeEach(async () => {
    session = await withSandbox({ seed: { sample: true } });
    await refreshRooms(session.api);
    session.ui.respond(/^Delete 2 rooms/, 'Delete');
    await vscode.commands.executeCommand('worldclientRtc.deleteRoom', undefined, ['one-on-one', 'support-hotline']);
  });
  afterEach(async () => {
    await session?.dispose();
  });

  it('restores the highlighted entry when Enter is pressed with nothing ticked, and names it', async () => {
    session.ui.pick(highlighted('support-hotline'));
    const restored = await vscode.commands.executeCommand('worldclientRtc.restoreDeletedRoom');
    assert.deepEqual(restored, ['support-hotline']);
    assert.equal(session.sandbox.store.get('support-hotline')?.messages.length, 1);
    assert.equal(session.sandbox.store.get('one-on-one'), undefined, 'only the highlighted entry');
    await session.ui.waitForMessage(/^Restored “support-hotline”\.$/);
  });

  it('names the rooms restored and, with its reason, the one that could not be', async () => {
    // Someone re-created one of the rooms meanwhile: putting the copy back is refused by the server.
    session.sandbox.store.put({ id: 'one-on-one', started: '', ended: '', members: 'a@x.org', messages: [] });
    session.ui.pick('one-on-one', 'support-hotline');
    session.ui.respond(/^Could not restore “one-on-one”\.$/, 'Show Details');
    const restored = await vscode.commands.executeCommand('worldclientRtc.restoreDeletedRoom');
    assert.deepEqual(restored, ['support-hotline']);
    await session.ui.waitForMessage(/^Restored “support-hotline”\.$/);
    const failed = await session.ui.waitForMessage(/^Could not restore “one-on-one”\.$/);
    assert.equal(failed.severity, 'error');
    await waitFor(() => session.ui.shown.some((shown) => shown.modal && shown.read.startsWith('Could not restore')), 'Show Details');
    const details = session.ui.shown.find((shown) => shown.modal && shown.read.startsWith('Could not restore'));
    assert.match(details?.detail ?? '', /^“one-on-one”: .*already exists/, 'the room with the server’s reason');
  });
});
