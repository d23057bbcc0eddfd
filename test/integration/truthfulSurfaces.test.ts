import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { switchServer, waitFor, withSandbox, type SandboxSession } from './support/fixtures';
import { refreshRooms, renderChildren, type RenderedItem } from './support/tree';

const HOSTILE_ID = '<img src=x onerror=alert(1)>';

/** The editor tab that shows `uri`, as the workbench labels it. */
function tabOf(uri: vscode.Uri): vscode.Tab | undefined {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .find((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri.toString());
}

/**
 * Issue 24 §1, §2, §6: failures name the server's answer and the next step, our own text (the
 * server URL) is shown as is, and a room document names its room and produces no false problem.
 */
describe('Every surface tells the truth and says why', function () {
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

  it("Delete Rooms refused for one of two rooms: a short summary, each room with the server's answer in Show Details", async () => {
    const s = (session = await withSandbox({ seed: { sample: true } }));
    s.sandbox.addFault({ kind: 'status', status: 403, errorName: 'Forbidden', method: 'DELETE', roomId: 'incident-4711' });
    s.ui.respond(/^Delete 2 rooms and all their messages\?/, 'Delete');
    s.ui.respond(/^1 of 2 rooms could not be deleted; it is unchanged\.$/, 'Show Details');
    await vscode.commands.executeCommand('worldclientRtc.deleteRoom', undefined, ['incident-4711', 'weekly-standup']);
    const summary = await s.ui.waitForMessage(/could not be deleted/);
    assert.equal(summary.severity, 'error');
    assert.deepEqual(summary.actions, ['Show Details', 'Show Log']);
    assert.equal(summary.detail, undefined, 'no wall of text in the notification');
    await waitFor(() => s.ui.shown.some((shown) => shown.modal && /could not be deleted/.test(shown.message)), 'the details');
    const details = s.ui.shown.find((shown) => shown.modal && /could not be deleted/.test(shown.message));
    assert.match(
      details?.detail ?? '',
      /^“incident-4711”: Could not delete the room "incident-4711": the server refused .* \(403 Forbidden\)\. .*CSRF token/,
    );
    assert.ok(s.sandbox.store.get('incident-4711'), 'the refused room is unchanged');
    assert.equal(s.sandbox.store.get('weekly-standup'), undefined, 'the other room was deleted');
  });

  it('a write refused after a session pasted without its CSRF token says the token is missing and what to do, with Show Log', async () => {
    const s = (session = await withSandbox({ seed: { sample: true }, csrf: true, signedIn: false }));
    s.ui.pick('Paste a session token').typeInputs(s.sandbox.session, '');
    assert.equal(await vscode.commands.executeCommand('worldclientRtc.signIn'), true);
    await waitFor(() => !s.api.rooms.model.loading, 'the rooms list after signing in');
    s.ui.respond(/^Delete the room “weekly-standup”/, 'Delete');
    await vscode.commands.executeCommand('worldclientRtc.deleteRoom', 'weekly-standup');
    const refused = await s.ui.waitForMessage(/could not be deleted/);
    assert.match(refused.message, /\(403 Forbidden\)\. Paste the CSRF token with the session, or sign in with the password/);
    assert.match(refused.message, /the CSRF token is missing/);
    assert.deepEqual(refused.actions, ['Show Log']);
  });

  it("after Add Messages the room's tree entry says it has messages at once, without a refresh", async () => {
    const s = (session = await withSandbox({ seed: { sample: true } }));
    await refreshRooms(s.api);
    const acme = (): RenderedItem | undefined => renderChildren(s.api).find((item) => item.label === 'customer-call-acme');
    assert.equal(acme()?.icon, 'circle-large-outline');
    assert.match(acme()?.tooltip ?? '', /no messages/);
    const listings = (): number => s.sandbox.requests.filter((request) => request.method === 'GET' && /\/rooms$/.test(request.path)).length;
    const listedBefore = listings();
    s.ui.pick('One message').typeInputs('first-message', 'c2FsdA==', 'ZGF0YQ==');
    await vscode.commands.executeCommand('worldclientRtc.addMessages', 'customer-call-acme');
    assert.equal(acme()?.icon, 'archive', 'an ended room with messages');
    assert.match(acme()?.tooltip ?? '', /has messages/);
    assert.equal(listings(), listedBefore, 'no refresh of the list was needed');
  });

  it('an open panel follows its room: deleted here (with Undo), back after Undo, not on the server switched to', async () => {
    const s = (session = await withSandbox({ seed: { sample: true } }));
    const panel = () => s.api.panels.describe('weekly-standup');
    await vscode.commands.executeCommand('worldclientRtc.openRoom', 'weekly-standup');
    await waitFor(() => panel()?.status === 'ready', 'the panel to load');
    s.ui.respond(/^Delete the room “weekly-standup”/, 'Delete');
    const deletedNote = s.ui.hold(/^Deleted room “weekly-standup”/);
    await vscode.commands.executeCommand('worldclientRtc.deleteRoom', 'weekly-standup');
    await waitFor(() => panel()?.remedy === 'undo', 'the panel to say the room was deleted, with Undo');
    assert.match(panel()?.statusText ?? '', new RegExp(`^Room "weekly-standup" was deleted from ${s.sandbox.url}\\. Undo puts it back`));

    deletedNote.release('Undo');
    await waitFor(() => panel()?.status === 'ready', 'the panel to reload the restored room', 15_000);
    assert.equal(panel()?.header?.messageCount, 12);

    const b = (other = await startSandbox({ seed: {} }));
    await switchServer(s, b);
    await waitFor(() => panel()?.status === 'elsewhere', 'the panel to find the room missing on the other server', 15_000);
    assert.match(
      panel()?.statusText ?? '',
      new RegExp(`^Room "weekly-standup" is on ${s.sandbox.url}; you are now connected to ${b.url},`),
    );
  });

  it('the Delete dialog names the server URL exactly as configured, nothing invisible in it', async () => {
    const s = (session = await withSandbox({ seed: { sample: true } }));
    s.ui.respond(/^Delete the room “weekly-standup”/, undefined);
    s.ui.respond(/^Nothing was deleted/, undefined);
    await vscode.commands.executeCommand('worldclientRtc.deleteRoom', 'weekly-standup');
    const dialog = await s.ui.waitForMessage(/^Delete the room/);
    assert.ok(dialog.detail?.startsWith(`Server: ${s.sandbox.url}\n`), JSON.stringify(dialog.detail));
  });

  it('a room document names the room in its tab, and after a server switch reports no false problem', async () => {
    const s = (session = await withSandbox({ seed: { sample: true } }));
    s.sandbox.store.put({ id: HOSTILE_ID, started: '2025-06-01T10:00:00.000Z', ended: '', members: 'a@b.example', messages: [] });
    const document = (await vscode.commands.executeCommand('worldclientRtc.openRoomJson', HOSTILE_ID)) as vscode.TextDocument;
    await waitFor(() => tabOf(document.uri) !== undefined, 'the tab');
    assert.equal(tabOf(document.uri)?.label, HOSTILE_ID, 'the tab shows the room id, not its encoded path');
    assert.match(document.uri.toString(), /%253Cimg/, 'the URI stays encoded');

    const b = (other = await startSandbox({ seed: { sample: true } }));
    await switchServer(s, b);
    await waitFor(() => document.getText().startsWith('//'), 'the document to say the room could not be loaded');
    // A document the JSON language does report on: once it has its problem, ours has been checked too.
    const control = await vscode.workspace.openTextDocument({ language: 'json', content: '// a comment\n{}\n' });
    await waitFor(() => vscode.languages.getDiagnostics(control.uri).length > 0, 'the JSON language to check documents', 30_000);
    assert.deepEqual(
      vscode.languages.getDiagnostics(document.uri).map((problem) => problem.message),
      [],
    );
  });
});
