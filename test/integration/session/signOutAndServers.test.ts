import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { EXTENSION_ID, setSetting, switchServer as switchTo, waitFor, withSandbox, type SandboxSession } from '../support/fixtures';
import { refreshRooms, renderChildren } from '../support/tree';

const requestsFor = (sandbox: Sandbox, roomId: string): number =>
  sandbox.requests.filter(
    (request) => decodeURIComponent(request.path).includes(roomId) || request.query.room_id === roomId || request.query.id === roomId,
  ).length;

describe('Signing out and switching servers', function () {
  this.timeout(120_000);
  let session: SandboxSession | undefined;
  let other: Sandbox | undefined;

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setSetting('watchIntervalSeconds', undefined);
    await session?.dispose();
    await other?.stop();
    session = undefined;
    other = undefined;
  });

  it('signing out clears the tree, marks the open panel stale, stops Watch and shows the signed-out welcome', async () => {
    const s = (session = await withSandbox({ seed: { sample: true } }));
    await setSetting('watchIntervalSeconds', 1);
    await refreshRooms(s.api);
    assert.equal(renderChildren(s.api).length, 12);
    await vscode.commands.executeCommand('worldclientRtc.openRoom', 'weekly-standup');
    s.api.panels.receive('weekly-standup', { type: 'setWatch', enabled: true });
    const beforeWatch = requestsFor(s.sandbox, 'weekly-standup');
    await waitFor(() => requestsFor(s.sandbox, 'weekly-standup') > beforeWatch, 'Watch to poll the room', 15_000);

    await vscode.commands.executeCommand('worldclientRtc.signOut');
    await waitFor(() => s.api.rooms.view.welcomeState === 'signedOut', 'the signed-out state (welcome view, menus)');
    assert.deepEqual(renderChildren(s.api), [], 'no room of the old session stays listed');
    assert.equal(s.api.rooms.model.total, 0);
    const panel = s.api.panels.describe('weekly-standup');
    assert.ok(panel, 'the panel stays open with its last copy');
    assert.equal(panel.watching, false, 'Watch is off');
    assert.equal(panel.status, 'error');
    assert.match(panel.statusText, /^Signed out: this is the last copy loaded/);
    assert.equal(panel.header?.messageCount, 12);

    // The view's actions that need a session are hidden in the signed-out state (their "when" reads the key).
    const menus = (
      vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as {
        contributes: { menus: Record<string, { command: string; when?: string }[]> };
      }
    ).contributes.menus['view/title'];
    for (const command of ['addRoom', 'filterRooms', 'importRooms', 'restoreDeletedRoom', 'signOut']) {
      const when = menus.find((entry) => entry.command === `worldclientRtc.${command}`)?.when ?? '';
      const states = /worldclientRtc\.roomsState =~ \/([^/]+)\//.exec(when)?.[1];
      assert.ok(states && !new RegExp(states).test('signedOut'), `${command} is hidden when signed out (when: ${when})`);
    }

    const polledAtSignOut = requestsFor(s.sandbox, 'weekly-standup');
    // Absence can only be shown over time: three watch intervals pass without a request.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    assert.equal(requestsFor(s.sandbox, 'weekly-standup'), polledAtSignOut, 'no poll reached the server after signing out');
  });

  it('a sign-out in another window (the stored session deleted from outside) empties the view and marks the panel stale', async () => {
    const s = (session = await withSandbox({ seed: { sample: true } }));
    await refreshRooms(s.api);
    assert.equal(renderChildren(s.api).length, 12);
    await vscode.commands.executeCommand('worldclientRtc.openRoom', 'weekly-standup');
    await waitFor(() => s.api.panels.describe('weekly-standup')?.header?.messageCount === 12, 'the panel to load its room');
    // Every window of VS Code shares one SecretStorage: another window's Sign Out deletes the
    // entry, and this window learns of it only through the storage's change event.
    await s.api.storage.secrets.delete(`worldclientRtc.session:${s.sandbox.url}`);
    await waitFor(() => s.api.rooms.view.welcomeState === 'signedOut', 'the signed-out state');
    assert.equal(s.api.connection.state, 'signedOut');
    assert.deepEqual(renderChildren(s.api), [], 'no room of the old session stays listed');
    await waitFor(() => s.api.panels.describe('weekly-standup')?.status === 'error', 'the panel to say it is signed out');
    assert.match(s.api.panels.describe('weekly-standup')?.statusText ?? '', /^Signed out: this is the last copy loaded/);
    assert.equal(s.api.panels.describe('weekly-standup')?.header?.messageCount, 12, 'the last copy stays readable');
  });

  it('after a server switch, an open room document shows that room on the new server', async () => {
    const s = (session = await withSandbox({ seed: { sample: true } }));
    const b = (other = await startSandbox({ seed: { sample: true } }));
    b.store.addMessages('weekly-standup', [{ id: 'only-on-b', salt: 'c2FsdA==', data: 'ZGF0YQ==' }]);
    const document = (await vscode.commands.executeCommand('worldclientRtc.openRoomJson', 'weekly-standup')) as vscode.TextDocument;
    await waitFor(
      () => document.getText().includes('"weekly-standup"') && !document.getText().includes('only-on-b'),
      "the first server's room",
    );
    await switchTo(s, b);
    await waitFor(() => document.getText().includes('"only-on-b"'), 'the document to show the room on the new server');
  });

  it('Undo after a server switch restores nothing on the new server and names the server the room was deleted on', async () => {
    const s = (session = await withSandbox({ seed: { sample: true } }));
    const b = (other = await startSandbox({ seed: {} }));
    const before = structuredClone(s.sandbox.store.get('incident-4711'));
    await refreshRooms(s.api);
    const undo = s.ui.hold(/^Deleted room “incident-4711”/);
    s.ui.respond(/^Delete the room “incident-4711”/, 'Delete');
    await vscode.commands.executeCommand('worldclientRtc.deleteRoom', 'incident-4711');
    assert.equal(s.sandbox.store.get('incident-4711'), undefined);

    await switchTo(s, b);
    undo.release('Undo');
    const refused = await s.ui.waitForMessage(/was deleted on/);
    assert.equal(refused.severity, 'error');
    assert.ok(refused.read.includes(s.sandbox.url) && refused.read.includes(b.url), refused.read);
    assert.equal(b.store.get('incident-4711'), undefined, 'nothing was put on the other server');
    assert.equal(b.requests.filter((request) => request.method === 'PUT').length, 0);

    // Back on the first server, the copy is still there and goes back where it came from.
    await switchTo(s, s.sandbox);
    s.ui.pick('incident-4711');
    assert.deepEqual(await vscode.commands.executeCommand('worldclientRtc.restoreDeletedRoom'), ['incident-4711']);
    assert.deepEqual(s.sandbox.store.get('incident-4711'), before);
  });

  it('Undo of Delete All Messages after a server switch refuses and names the server', async () => {
    const s = (session = await withSandbox({ seed: { sample: true } }));
    const b = (other = await startSandbox({ seed: { sample: true } }));
    const undo = s.ui.hold(/^Deleted 12 messages of room "weekly-standup"/);
    s.ui.respond(/^Delete all 12 messages/, 'Delete All Messages');
    assert.equal(await vscode.commands.executeCommand('worldclientRtc.deleteMessages', 'weekly-standup'), 12);
    await switchTo(s, b);
    const bMessages = b.store.get('weekly-standup')?.messages.length;
    undo.release('Undo');
    const refused = await s.ui.waitForMessage(/were deleted on/);
    assert.ok(refused.read.includes(s.sandbox.url), refused.read);
    assert.equal(b.store.get('weekly-standup')?.messages.length, bMessages, 'the other server is untouched');
    assert.equal(s.sandbox.store.get('weekly-standup')?.messages.length, 0);
  });

  it('"Restore Deleted Room…" lists deleted messages beside deleted rooms and restores both', async () => {
    const s = (session = await withSandbox({ seed: { sample: true } }));
    const messages = structuredClone(s.sandbox.store.get('weekly-standup')?.messages);
    s.ui.respond(/^Delete all 12 messages/, 'Delete All Messages').respond(/^Delete the room “one-on-one”/, 'Delete');
    await vscode.commands.executeCommand('worldclientRtc.deleteMessages', 'weekly-standup');
    await vscode.commands.executeCommand('worldclientRtc.deleteRoom', 'one-on-one');
    s.ui.pick('12 messages of weekly-standup', 'one-on-one');
    const restored = await vscode.commands.executeCommand('worldclientRtc.restoreDeletedRoom');
    assert.deepEqual(s.ui.unexpected, []);
    assert.deepEqual(restored, ['one-on-one', 'weekly-standup']);
    assert.deepEqual(s.sandbox.store.get('weekly-standup')?.messages, messages);
    assert.ok(s.sandbox.store.get('one-on-one'));
  });

  it('Delete All Messages snapshots after the confirmation, so a message that arrived meanwhile is saved', async () => {
    const s = (session = await withSandbox({ seed: { sample: true } }));
    const confirmation = s.ui.hold(/^Delete all 12 messages of room "weekly-standup"/);
    s.ui.respond(/^Deleted 13 messages/, 'Undo');
    const deleting = vscode.commands.executeCommand('worldclientRtc.deleteMessages', 'weekly-standup');
    await s.ui.waitForMessage(/^Delete all 12 messages/);
    const late = { id: 'arrived-during-the-dialog', salt: 'c2FsdA==', data: 'ZGF0YQ==' };
    s.sandbox.store.addMessages('weekly-standup', [late]);
    confirmation.release('Delete All Messages');
    assert.equal(await deleting, 13);
    await s.ui.waitForMessage(/^Restored 13 messages/);
    assert.deepEqual(s.sandbox.store.get('weekly-standup')?.messages.at(-1), late, 'the late message came back with the others');
  });
});
