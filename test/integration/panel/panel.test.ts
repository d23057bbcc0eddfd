import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RoomPanelDescription } from '../../../src/panel/roomPanelsSeam';
import { setSetting, waitFor, withSandbox, type SandboxSession } from '../support/fixtures';

const ROOM_VIEW_TYPE = 'worldclientRtc.room';

function describePanel(session: SandboxSession, roomId: string): RoomPanelDescription {
  const description = session.api.panels.describe(roomId);
  assert.ok(description, `a panel for "${roomId}" is open (open: ${JSON.stringify(session.api.panels.openRoomIds())})`);
  return description;
}

/** The webview itself said it shows loaded rows: the whole path host → webview → DOM works. */
async function waitForRenderedRows(session: SandboxSession, roomId: string): Promise<RoomPanelDescription> {
  await waitFor(
    () => (session.api.panels.describe(roomId)?.rendered?.rowCount ?? 0) > 0,
    `the webview of "${roomId}" to render rows`,
    60_000,
  );
  return describePanel(session, roomId);
}

describe('Room panel', function () {
  this.timeout(120_000);
  let session: SandboxSession | undefined;

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setSetting('watchIntervalSeconds', undefined);
    await session?.dispose();
    session = undefined;
  });

  it('opens one panel per room, titled with the id, with the header and the messages', async () => {
    session = await withSandbox({ seed: { sample: true } });
    const stored = session.sandbox.store.get('incident-4711');
    assert.ok(stored);
    await vscode.commands.executeCommand('worldclientRtc.openRoom', 'incident-4711');
    const panel = describePanel(session, 'incident-4711');
    assert.equal(panel.title, 'incident-4711');
    assert.equal(panel.status, 'ready');
    assert.deepEqual(panel.header, {
      id: stored.id,
      started: stored.started,
      ended: stored.ended,
      members: stored.members,
      messageCount: 250,
    });
    assert.equal(panel.viewTotal, 250);
    const rendered = await waitForRenderedRows(session, 'incident-4711');
    assert.ok(
      rendered.rendered && rendered.rendered.domRowCount < 100,
      `only visible rows are in the DOM (${rendered.rendered?.domRowCount})`,
    );

    // Opening again (from the tree this time) reveals the same panel instead of a second one.
    await vscode.commands.executeCommand('worldclientRtc.openRoom', { room: { id: 'incident-4711' } });
    assert.deepEqual(session.api.panels.openRoomIds(), ['incident-4711']);
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputWebview);
    assert.equal(tabs.length, 1);
    assert.deepEqual(
      session.ui.shown.filter((shown) => shown.severity === 'error'),
      [],
    );
  });

  it('opens an empty room, searches within a room, and ignores webview messages that do not fit', async () => {
    session = await withSandbox({ seed: { sample: true } });
    await vscode.commands.executeCommand('worldclientRtc.openRoom', 'one-on-one');
    assert.equal(describePanel(session, 'one-on-one').header?.messageCount, 0);

    await vscode.commands.executeCommand('worldclientRtc.openRoom', 'long-running');
    const target = session.sandbox.store.get('long-running')?.messages[1234];
    assert.ok(target);
    session.api.panels.receive('long-running', { type: 'search', query: target.id.toUpperCase() });
    assert.equal(describePanel(session, 'long-running').viewTotal, 1, 'ids match in any case');
    session.api.panels.receive('long-running', { type: 'search', query: target.data });
    assert.ok(describePanel(session, 'long-running').viewTotal >= 1, 'data matches exactly');
    session.api.panels.receive('long-running', { type: 'search', query: '' });
    assert.equal(describePanel(session, 'long-running').viewTotal, 1500);

    for (const bad of [{ type: 'action', action: 'rm -rf /' }, { type: 'copy', position: 0 }, 'ready', { type: 'search', query: 42 }]) {
      session.api.panels.receive('long-running', bad);
    }
    assert.equal(describePanel(session, 'long-running').rejectedMessages, 4);
    assert.equal(describePanel(session, 'long-running').viewTotal, 1500, 'nothing acted on them');
  });

  it('says what to do when the room does not exist', async () => {
    session = await withSandbox({ seed: { sample: true } });
    await vscode.commands.executeCommand('worldclientRtc.openRoom', 'no-such-room');
    await waitFor(() => (session as SandboxSession).ui.shown.some((shown) => shown.severity === 'error'), 'the error notification');
    const panel = describePanel(session, 'no-such-room');
    assert.equal(panel.status, 'deleted');
    assert.match(panel.statusText, /no longer exists on http:\/\/127\.0\.0\.1:\d+ .*Check the id, or close this panel/);
  });

  it('watches the room while visible: new messages are marked, and a deletion elsewhere is reported', async () => {
    session = await withSandbox({ seed: { sample: true } });
    await setSetting('watchIntervalSeconds', 1);
    await vscode.commands.executeCommand('worldclientRtc.openRoom', 'weekly-standup');
    const before = describePanel(session, 'weekly-standup');
    session.api.panels.receive('weekly-standup', { type: 'setWatch', enabled: true });
    assert.equal(describePanel(session, 'weekly-standup').watching, true);

    session.sandbox.store.addMessages('weekly-standup', [{ id: 'from-outside', salt: 'c2FsdA==', data: 'ZGF0YQ==' }]);
    await waitFor(
      () => describePanel(session as SandboxSession, 'weekly-standup').newCount === 1,
      'Watch to pick up the new message',
      15_000,
    );
    const after = describePanel(session, 'weekly-standup');
    assert.equal(after.header?.messageCount, 13);
    assert.ok(after.updatedAt > before.updatedAt, 'the last update time moves');

    session.sandbox.store.delete('weekly-standup');
    await waitFor(
      () => describePanel(session as SandboxSession, 'weekly-standup').status === 'deleted',
      'Watch to notice the deletion',
      15_000,
    );
    const deleted = describePanel(session, 'weekly-standup');
    assert.match(deleted.statusText, /no longer exists on http:\/\/127\.0\.0\.1:\d+ .*Export JSON still saves them/);
    assert.equal(deleted.watching, false);
    assert.equal(deleted.header?.messageCount, 13, 'the last copy stays visible');
  });

  it('restores a panel through the serializer from the saved room id', async () => {
    session = await withSandbox({ seed: { sample: true } });
    const restored = vscode.window.createWebviewPanel(ROOM_VIEW_TYPE, 'restoring…', vscode.ViewColumn.One, { enableScripts: true });
    await session.api.panels.deserialize(restored, { roomId: 'design-review-2025-03' });
    const panel = describePanel(session, 'design-review-2025-03');
    assert.equal(panel.title, 'design-review-2025-03');
    assert.equal(panel.viewTotal, 40);
    await waitForRenderedRows(session, 'design-review-2025-03');

    const broken = vscode.window.createWebviewPanel(ROOM_VIEW_TYPE, 'broken', vscode.ViewColumn.One, { enableScripts: true });
    let disposed = false;
    broken.onDidDispose(() => (disposed = true));
    await session.api.panels.deserialize(broken, { roomId: 'x', session: 'leaked?' });
    assert.equal(disposed, true, 'a state that does not fit is not restored');
    assert.deepEqual(session.api.panels.openRoomIds(), ['design-review-2025-03']);
  });

  it('shows the first rows of a big room while the rest of it is still arriving', async () => {
    session = await withSandbox({ seed: { bigRoom: { id: 'five-thousand', messages: 5000 } } });
    const stored = session.sandbox.store.get('five-thousand');
    assert.ok(stored);
    // Every rtc GET (the tree's list too) sends 20 KB at once and the rest 4 s later.
    session.sandbox.addFault({ kind: 'slowBody', firstBytes: 20_000, delayMs: 4000, method: 'GET' });
    const opening = vscode.commands.executeCommand('worldclientRtc.openRoom', 'five-thousand');
    let opened = false;
    void Promise.resolve(opening).finally(() => (opened = true));
    await waitFor(
      () => (session?.api.panels.describe('five-thousand')?.rendered?.rowCount ?? 0) > 0,
      'the webview to render the first rows',
      60_000,
    );
    const early = describePanel(session, 'five-thousand');
    assert.equal(opened, false, 'the rows came before the room had loaded');
    assert.equal(early.status, 'loading');
    assert.deepEqual(early.header, {
      id: stored.id,
      started: stored.started,
      ended: stored.ended,
      members: stored.members,
      messageCount: null,
    });
    assert.ok(early.viewTotal > 0 && early.viewTotal < stored.messages.length, `a preview of ${early.viewTotal} messages`);

    await opening;
    const loaded = describePanel(session, 'five-thousand');
    assert.equal(loaded.status, 'ready');
    assert.equal(loaded.header?.messageCount, stored.messages.length);
    assert.equal(loaded.viewTotal, stored.messages.length);
    session.sandbox.clearFaults();
  });

  it('shows a 100,000-message room with only the visible rows in the DOM', async function () {
    this.timeout(240_000);
    session = await withSandbox({ seed: { bigRoom: { id: 'big', messages: 100_000 } } });
    const started = Date.now();
    await vscode.commands.executeCommand('worldclientRtc.openRoom', 'big');
    const panel = await waitForRenderedRows(session, 'big');
    console.log(
      `      100,000 messages, under test load: room loaded after ${panel.loadedMs} ms, webview ready after ${panel.webviewReadyMs} ms, ` +
        `first rows after ${panel.firstRowsMs} ms (${Date.now() - started} ms after the command)`,
    );
    assert.equal(panel.viewTotal, 100_000);
    assert.ok(panel.rendered && panel.rendered.domRowCount < 500, `DOM rows: ${panel.rendered?.domRowCount}`);
  });

  it('Export JSON saves the room it shows, named and placed as Export Rooms… names and places files', async () => {
    session = await withSandbox({ seed: {} });
    const messages = [
      { id: 'm1', salt: 'c2FsdA==', data: 'ZGF0YQ==' },
      { id: 'm2', salt: 'c2FsdA==', data: 'ZGF0YTI=' },
    ];
    session.sandbox.store.put({ id: 'CON', started: '2026-11-24T10:00:00Z', ended: '', members: 'ann@example.com', messages });
    await vscode.commands.executeCommand('worldclientRtc.openRoom', 'CON');
    assert.equal(describePanel(session, 'CON').status, 'ready');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wcrtc-panel-export-')), 'exported.json');
    session.ui.nextUri.push(vscode.Uri.file(file));
    session.api.panels.receive('CON', { type: 'action', action: 'exportJson' });
    await session.ui.waitForMessage(/^Exported room "CON" with 2 messages to /);
    const proposed = session.ui.saveDialogs[0]?.defaultUri;
    assert.ok(proposed);
    assert.equal(path.basename(proposed.fsPath), 'room-CON.json', 'a Windows device name is never proposed');
    assert.equal(path.dirname(proposed.fsPath), vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.homedir());
    assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')), {
      id: 'CON',
      started: '2026-11-24T10:00:00Z',
      ended: '',
      members: 'ann@example.com',
      hasMessages: true,
      messages,
    });
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ['exported.json'], 'no temporary file left');
  });
});
