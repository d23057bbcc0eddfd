import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { withSandbox, type SandboxSession } from './support/fixtures';
import { refreshRooms } from './support/tree';

/** What a first user trips over (issue 13): every flow says what happened, even when it did nothing. */
describe('First use', function () {
  this.timeout(120_000);
  let session: SandboxSession;

  afterEach(async () => {
    await session?.dispose();
  });

  it('says nothing was deleted when a delete confirmation is dismissed', async () => {
    session = await withSandbox({ seed: { sample: true } });
    await refreshRooms(session.api);
    session.ui.respond(/^Delete the room “incident-4711”/, undefined);
    await vscode.commands.executeCommand('worldclientRtc.deleteRoom', 'incident-4711');
    const roomNote = await session.ui.waitForMessage(/^Nothing was deleted/);
    assert.equal(roomNote.message, 'Nothing was deleted: “incident-4711” is unchanged.');
    assert.ok(session.sandbox.store.get('incident-4711'));

    const messages = session.sandbox.store.get('incident-4711')?.messages.length ?? 0;
    session.ui.respond(/^Delete all .* messages of room/, undefined);
    await vscode.commands.executeCommand('worldclientRtc.deleteMessages', 'incident-4711');
    await session.ui.waitForMessage(/^Nothing was deleted: room "incident-4711" keeps its/);
    assert.equal(session.sandbox.store.get('incident-4711')?.messages.length, messages);
  });
});
