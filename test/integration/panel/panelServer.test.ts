import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { switchServer, waitFor, withSandbox, type SandboxSession } from '../support/fixtures';

/**
 * Issue 24 §2: the room panel names its server in every state; a room that is on another server
 * says so (Switch back, Close); a deleted room says so with Undo while its saved copy lasts.
 */
describe('Room panel: which server, and what happened to the room', function () {
  this.timeout(120_000);
  let session: SandboxSession | undefined;
  let other: Sandbox | undefined;

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await session?.dispose();
    await other?.stop();
    session = undefined;
    other = undefined;
  });

  async function openOnA(): Promise<SandboxSession> {
    const s = (session = await withSandbox({ seed: { sample: true } }));
    await vscode.commands.executeCommand('worldclientRtc.openRoom', 'weekly-standup');
    await waitFor(() => s.api.panels.describe('weekly-standup')?.status === 'ready', 'the panel to load');
    return s;
  }

  it('names the server, as configured, in a healthy panel', async () => {
    const s = await openOnA();
    const panel = s.api.panels.describe('weekly-standup');
    assert.equal(panel?.server, s.sandbox.url);
    assert.equal(panel?.remedy, 'none');
  });

  it('after a switch, says the room is on the other server (Switch back, Close), and reloads after Switch back', async () => {
    const s = await openOnA();
    const panel = () => s.api.panels.describe('weekly-standup');
    const b = (other = await startSandbox({ seed: {} }));
    await switchServer(s, b);
    await waitFor(() => panel()?.status === 'elsewhere', 'the panel to say the room is on the other server', 15_000);
    assert.equal(
      panel()?.statusText,
      `Room "weekly-standup" is on ${s.sandbox.url}; you are now connected to ${b.url}, which has no such room. ` +
        `The messages shown are the copy loaded from ${s.sandbox.url}; Export JSON still saves them.`,
    );
    assert.doesNotMatch(panel()?.statusText ?? '', /deleted/);
    assert.equal(panel()?.remedy, 'switchBack');
    assert.equal(panel()?.server, s.sandbox.url, 'the header names the server the copy came from');

    s.api.panels.receive('weekly-standup', { type: 'action', action: 'switchBack' });
    await waitFor(() => s.api.connection.serverUrl === s.sandbox.url, 'the switch back');
    await waitFor(() => panel()?.status === 'ready', 'the panel to reload on its server', 15_000);
    assert.equal(panel()?.header?.messageCount, 12);
    assert.equal(panel()?.remedy, 'none');
  });

  it('Close on a panel of a room on another server closes it', async () => {
    const s = await openOnA();
    const b = (other = await startSandbox({ seed: {} }));
    await switchServer(s, b);
    await waitFor(() => s.api.panels.describe('weekly-standup')?.remedy === 'switchBack', 'the Switch back offer', 15_000);
    s.api.panels.receive('weekly-standup', { type: 'action', action: 'close' });
    await waitFor(() => !s.api.panels.openRoomIds().includes('weekly-standup'), 'the panel to close');
  });

  it('reloads a panel of a room on another server once the room is listed on the server connected now', async () => {
    const s = await openOnA();
    const panel = () => s.api.panels.describe('weekly-standup');
    const room = s.sandbox.store.get('weekly-standup');
    assert.ok(room);
    const b = (other = await startSandbox({ seed: {} }));
    await switchServer(s, b);
    await waitFor(() => panel()?.status === 'elsewhere', 'the panel to say the room is on the other server', 15_000);
    b.store.put(room);
    await vscode.commands.executeCommand('worldclientRtc.refresh');
    await waitFor(() => panel()?.status === 'ready', 'the panel to load the imported room', 15_000);
    assert.equal(panel()?.server, b.url);
  });

  it('a deleted room says it was deleted and offers Undo while the saved copy lasts; Undo brings it back', async () => {
    const s = await openOnA();
    const panel = () => s.api.panels.describe('weekly-standup');
    s.ui.respond(/^Delete the room “weekly-standup”/, 'Delete');
    const deletedNote = s.ui.hold(/^Deleted room “weekly-standup”/);
    await vscode.commands.executeCommand('worldclientRtc.deleteRoom', 'weekly-standup');
    await waitFor(() => panel()?.remedy === 'undo', 'the panel to offer Undo');
    assert.equal(panel()?.status, 'deleted');
    assert.equal(
      panel()?.statusText,
      `Room "weekly-standup" was deleted from ${s.sandbox.url}. Undo puts it back with all its messages and reloads this panel. ` +
        'The messages shown are the last copy loaded; Export JSON still saves them.',
    );

    s.api.panels.receive('weekly-standup', { type: 'action', action: 'undoDelete' });
    await s.ui.waitForMessage(/^Restored room “weekly-standup”\.$/);
    await waitFor(() => panel()?.status === 'ready', 'the panel to reload the restored room', 15_000);
    assert.equal(panel()?.header?.messageCount, 12);
    assert.equal(s.sandbox.store.get('weekly-standup')?.messages.length, 12);
    deletedNote.release(undefined);
  });
});
