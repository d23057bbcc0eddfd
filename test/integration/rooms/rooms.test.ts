import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { setSetting, waitFor, withSandbox, type SandboxSession } from '../support/fixtures';
import { refreshRooms, renderChildren } from '../support/tree';

describe('Rooms explorer', function () {
  this.timeout(120_000);
  let session: SandboxSession;

  afterEach(async () => {
    // A room document left on screen would be fetched again at the next test's sign-in.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setSetting('rooms.sortBy', undefined);
    await setSetting('rooms.groupByState', undefined);
    await setSetting('autoRefreshSeconds', undefined);
    session?.api.rooms.model.setQuery({ filter: '' });
    await session?.dispose();
  });

  it('lists the seeded rooms newest first with descriptions, tooltips and icons', async () => {
    session = await withSandbox({ seed: { sample: true } });
    await refreshRooms(session.api);
    const items = renderChildren(session.api);
    assert.equal(items.length, 12);
    assert.equal(items[0].label, 'all-hands-q3', 'newest started first');
    const standup = items.find((item) => item.label === 'weekly-standup');
    assert.ok(standup);
    assert.match(standup.description, /^5 members · \d+ (mo|y) ago$/);
    assert.equal(standup.icon, 'comment-discussion', 'active room with messages');
    assert.match(standup.contextValue, /^room;active;withMessages$/);
    assert.match(standup.tooltip, /\*\*Members \(5\):\*\*/);
    const acme = items.find((item) => item.label === 'customer-call-acme');
    assert.equal(acme?.icon, 'circle-large-outline', 'ended room without messages: a neutral icon, not a "forbidden" sign');
    assert.equal(acme?.iconColor, '', 'in the default foreground, no error or warning colour');
    assert.match(acme?.tooltip ?? '', /\$\(circle-large-outline\) Ended · no messages/, 'the tooltip says what the icon means');
    assert.match(standup.tooltip, /\$\(comment-discussion\) Active · has messages/);
    assert.equal(items.find((item) => item.label === 'incident-4711')?.icon, 'archive', 'ended room with messages');
    assert.equal(items.find((item) => item.label === 'one-on-one')?.icon, 'comment', 'active empty room');
    assert.equal(items.find((item) => item.label === 'all-hands-q3')?.icon, 'comment-discussion', 'an end in the future is still active');
    assert.equal(session.api.rooms.view.treeView.description, `12 rooms on ${new URL(session.sandbox.url).host}`);
  });

  it('shows odd and hostile ids literally and escapes every server value in tooltips', async () => {
    session = await withSandbox({ seed: { oddIds: true, hostile: true } });
    await refreshRooms(session.api);
    const items = renderChildren(session.api);
    const labels = items.map((item) => item.label);
    for (const id of ['a/b', 'x#y', 'q?r=1', '100%', 'a&b', '<b>x</b>', 'with space']) {
      assert.ok(labels.includes(id), `room "${id}" is listed literally`);
    }
    const hostile = items.find((item) => item.label.includes('<img'));
    assert.ok(hostile, 'the hostile room is listed with its id as text');
    assert.ok(!hostile.tooltip.includes('<img'), 'markup in the tooltip is escaped');
    assert.match(hostile.tooltip, /&lt;img/);
  });

  it("sends each row without its click, which VS Code resolves on a click or Enter: the room's Open Room", async () => {
    session = await withSandbox({ seed: { sample: true } });
    await refreshRooms(session.api);
    const provider = session.api.rooms.provider;
    const standup = renderChildren(session.api).find((item) => item.label === 'weekly-standup');
    assert.ok(standup);
    const sent = provider.getTreeItem(standup.node);
    assert.equal(sent.command, undefined, 'no command in the item sent with the rows');
    const command = provider.resolveTreeItem(sent, standup.node).command;
    assert.equal(command?.command, 'worldclientRtc.openRoom');
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    await waitFor(() => session.api.panels.openRoomIds().includes('weekly-standup'), "the room's panel");
  });

  it('filters by id or member, sorts and groups by state', async () => {
    session = await withSandbox({ seed: { sample: true } });
    await refreshRooms(session.api);
    session.ui.typeInputs('standup');
    await vscode.commands.executeCommand('worldclientRtc.filterRooms');
    assert.deepEqual(
      renderChildren(session.api).map((item) => item.label),
      ['weekly-standup'],
    );
    assert.equal(session.api.rooms.view.treeView.description, `“standup” · 1 of 12 rooms on ${new URL(session.sandbox.url).host}`);
    await vscode.commands.executeCommand('worldclientRtc.clearFilter');
    assert.equal(renderChildren(session.api).length, 12);

    await setSetting('rooms.sortBy', 'id');
    await waitFor(() => renderChildren(session.api)[0].label === '3f2c9a10-5b7e-4d21-9c3a-7e1f0b2d4c68', 'sorting by id');
    await setSetting('rooms.groupByState', true);
    await waitFor(() => renderChildren(session.api).length === 2, 'grouping');
    const groups = renderChildren(session.api);
    assert.deepEqual(
      groups.map((group) => [group.label, group.description]),
      [
        ['Active', '6'],
        ['Ended', '6'],
      ],
    );
    assert.ok(renderChildren(session.api, groups[1].node).every((item) => ['archive', 'circle-large-outline'].includes(item.icon)));
  });

  it('pages 10,000 rooms by 200 with a "Load more…" item', async () => {
    session = await withSandbox({ seed: { rooms: 10_000 } });
    await refreshRooms(session.api);
    let items = renderChildren(session.api);
    assert.equal(items.length, 201);
    assert.equal(items[200].label, 'Load more…');
    assert.equal(items[200].description, '9,800 more');
    assert.equal(session.api.rooms.view.treeView.description, `200 of 10,000 rooms on ${new URL(session.sandbox.url).host}`);
    await vscode.commands.executeCommand('worldclientRtc.loadMoreRooms', 'all');
    items = renderChildren(session.api);
    assert.equal(items.length, 401);
    assert.equal(items[400].description, '9,600 more');
  });

  it('reports each welcome state', async () => {
    session = await withSandbox({ seed: {}, signedIn: false });
    assert.equal(session.api.rooms.model.state, 'signedOut');
    session.ui.pick('Paste a session token').typeInputs(session.sandbox.session, '');
    await vscode.commands.executeCommand('worldclientRtc.signIn');
    await waitFor(() => session.api.rooms.model.state === 'empty', 'the empty state');
    assert.equal(renderChildren(session.api).length, 0);
    await setSetting('serverUrl', undefined);
    await waitFor(() => session.api.rooms.model.state === 'noServer', 'the no-server state');
    // The fault goes in first: switching the server back starts a refresh of its own.
    session.sandbox.addFault({ kind: 'status', status: 500 });
    await setSetting('serverUrl', session.sandbox.url);
    await waitFor(() => session.api.connection.serverUrl === session.sandbox.url, 'the server URL');
    await refreshRooms(session.api);
    assert.equal(session.api.rooms.model.state, 'error');
    assert.match(String(session.api.rooms.view.treeView.message), /^Could not load rooms from 127\.0\.0\.1:\d+: .*500/);
    session.sandbox.clearFaults();
  });

  it('keeps the last good list, marked stale, when a refresh fails', async () => {
    session = await withSandbox({ seed: { sample: true } });
    await refreshRooms(session.api);
    session.sandbox.addFault({ kind: 'html' });
    await refreshRooms(session.api);
    assert.equal(renderChildren(session.api).length, 12, 'the rooms are still shown');
    assert.equal(session.api.rooms.model.stale, true);
    assert.match(String(session.api.rooms.view.treeView.message), /Showing the list from before the last refresh failed: .*HTML/i);
    session.sandbox.clearFaults();
    await refreshRooms(session.api);
    assert.equal(session.api.rooms.view.treeView.message, `12 rooms on ${new URL(session.sandbox.url).host}`, 'the stale mark is gone');
  });

  it('adds a room from typed fields, refuses an existing id at the first step, and keeps the draft', async () => {
    session = await withSandbox({ seed: { sample: true } });
    await refreshRooms(session.api);
    session.ui.pick('Enter the fields').typeInputs('weekly-standup', undefined);
    await vscode.commands.executeCommand('worldclientRtc.addRoom');
    assert.match(session.ui.prompts.at(-1) ?? '', /A room with the id “weekly-standup” already exists\. Choose another id\./);
    assert.equal(session.sandbox.store.get('weekly-standup')?.members.includes('ann@example.com'), false, 'nothing was overwritten');

    session.ui.pick('Resume').typeInputs('new-room', 'ann@example.com, bob@example.com', '2026-11-24T10:00:00Z', '');
    const added = await vscode.commands.executeCommand('worldclientRtc.addRoom');
    assert.equal(added, 'new-room');
    const stored = session.sandbox.store.get('new-room');
    assert.deepEqual(stored && { members: stored.members, started: stored.started, ended: stored.ended }, {
      members: 'ann@example.com,bob@example.com',
      started: '2026-11-24T10:00:00Z',
      ended: '',
    });
    await waitFor(() => renderChildren(session.api).some((item) => item.label === 'new-room'), 'the new room in the tree');
  });

  it('validates the add-room fields', async () => {
    session = await withSandbox({ seed: {} });
    session.ui
      .pick('Enter the fields')
      .typeInputs(
        'r1',
        'not-an-email',
        'ann@example.com; bob@example.com',
        'ann@example.com',
        'yesterday',
        '2026-11-24T10:00:00Z',
        '2026-11-23T10:00:00Z',
        '',
      );
    await vscode.commands.executeCommand('worldclientRtc.addRoom');
    assert.deepEqual(session.ui.validationErrors, [
      'Not an email address: “not-an-email”. Members are email addresses separated by commas (,).',
      '“ann@example.com; bob@example.com” holds more than one address: separate members with commas (,), e.g. a@x.org, b@y.org.',
      'Use an ISO-8601 date, e.g. 2026-11-24T10:00:00Z.',
      'The end lies before the start.',
    ]);
    assert.ok(session.sandbox.store.get('r1'));
  });

  it('deletes a room after confirmation, then Undo restores it with its messages', async () => {
    session = await withSandbox({ seed: { sample: true } });
    await refreshRooms(session.api);
    const before = structuredClone(session.sandbox.store.get('incident-4711'));
    session.ui.respond(/^Delete the room “incident-4711”/, undefined);
    await vscode.commands.executeCommand('worldclientRtc.deleteRoom', 'incident-4711');
    assert.ok(session.sandbox.store.get('incident-4711'), 'dismissing the confirmation deletes nothing');

    session.ui.respond(/^Delete the room “incident-4711”/, 'Delete').respond(/^Deleted room/, 'Undo');
    const room = renderChildren(session.api).find((item) => item.label === 'incident-4711');
    await vscode.commands.executeCommand('worldclientRtc.deleteRoom', room?.node, [room?.node]);
    const confirmation = session.ui.shown.find((shown) => shown.message.startsWith('Delete the room “incident-4711”'));
    assert.equal(confirmation?.modal, true);
    await session.ui.waitForMessage(/^Restored room “incident-4711”/);
    assert.deepEqual(session.sandbox.store.get('incident-4711'), before, 'room and all 250 messages are back');
  });

  it('restores a deleted room from "Restore Deleted Room…" after the notification is gone', async () => {
    session = await withSandbox({ seed: { sample: true } });
    await refreshRooms(session.api);
    session.ui.respond(/^Delete 2 rooms/, 'Delete');
    await vscode.commands.executeCommand('worldclientRtc.deleteRoom', undefined, ['one-on-one', 'support-hotline']);
    assert.equal(session.sandbox.store.get('one-on-one'), undefined);
    assert.ok(!renderChildren(session.api).some((item) => item.label === 'one-on-one'), 'the tree drops deleted rooms at once');
    session.ui.pick('support-hotline');
    const restored = await vscode.commands.executeCommand('worldclientRtc.restoreDeletedRoom');
    assert.deepEqual(restored, ['support-hotline']);
    assert.equal(session.sandbox.store.get('support-hotline')?.messages.length, 1);
  });

  it('exports rooms and imports them back to identical data, skipping ids that exist', async () => {
    session = await withSandbox({ seed: { sample: true, oddIds: true } });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wcrtc-')), 'export.json');
    const ids = ['incident-4711', 'a/b', 'with space'];
    const before = ids.map((id) => structuredClone(session.sandbox.store.get(id)));
    session.ui.nextUri.push(vscode.Uri.file(file));
    await vscode.commands.executeCommand('worldclientRtc.exportRooms', undefined, ids);
    const exported = fs.readFileSync(file, 'utf8');
    assert.ok(!exported.includes(session.sandbox.session), 'no session in exported files');
    ids.slice(1).forEach((id) => session.sandbox.store.delete(id));
    session.ui.nextUri.push(vscode.Uri.file(file));
    session.ui.pick('Skip');
    session.ui.respond(/^Imported 2 rooms, skipped 1\.$/, undefined);
    const report = (await vscode.commands.executeCommand('worldclientRtc.importRooms')) as {
      imported: string[];
      skipped: { id: string; reason: string }[];
    };
    assert.deepEqual(report.imported, ['a/b', 'with space']);
    assert.deepEqual(report.skipped, [{ id: 'incident-4711', reason: 'a room with this id already exists' }]);
    assert.deepEqual(
      ids.map((id) => session.sandbox.store.get(id)),
      before,
    );
  });

  it('auto-refreshes the list while the view is visible, with the timer Watch uses', async () => {
    session = await withSandbox({ seed: { sample: true } });
    await refreshRooms(session.api);
    await vscode.commands.executeCommand('workbench.view.extension.worldclientRtc');
    await waitFor(() => session.api.rooms.view.treeView.visible, 'the Rooms view on screen');
    const lists = () => session.sandbox.requests.filter((request) => /\/rtc\/rooms$/.test(request.path)).length;
    const before = lists();
    session.sandbox.store.put({ id: 'arrived-meanwhile', started: new Date().toISOString(), ended: '', members: 'a@x.org', messages: [] });
    await setSetting('autoRefreshSeconds', 1);
    await waitFor(() => renderChildren(session.api).some((item) => item.label === 'arrived-meanwhile'), 'the new room, without a Refresh');
    await waitFor(() => lists() >= before + 2, 'a second automatic refresh', 15_000);
  });

  it('acts on the tree selection from the keyboard (Delete key)', async () => {
    session = await withSandbox({ seed: { sample: true } });
    await refreshRooms(session.api);
    const target = renderChildren(session.api).find((item) => item.label === 'orphaned-room');
    assert.ok(target);
    await session.api.rooms.view.treeView.reveal(target.node, { select: true, focus: true });
    session.ui.respond(/^Delete the room “orphaned-room”/, 'Delete');
    await vscode.commands.executeCommand('worldclientRtc.deleteRoom', { useSelection: true });
    assert.equal(session.sandbox.store.get('orphaned-room'), undefined);
    assert.deepEqual(session.ui.unexpected, [], 'no room picker was shown');
  });

  it('Open Room JSON shows the room as the server has it now, also when its document is already open', async () => {
    session = await withSandbox({ seed: { sample: true } });
    const messageCount = (document: vscode.TextDocument): number | undefined => {
      try {
        return (JSON.parse(document.getText()) as { messages: unknown[] }).messages.length;
      } catch {
        return undefined; // a note such as "// Could not load…" from an earlier test's server
      }
    };
    const first = (await vscode.commands.executeCommand('worldclientRtc.openRoomJson', 'weekly-standup')) as vscode.TextDocument;
    await waitFor(() => messageCount(first) === 12, 'the document to show the room');
    session.sandbox.store.addMessages('weekly-standup', [{ id: 'arrived-later', salt: 'c2FsdA==', data: 'ZGF0YQ==' }]);
    const again = (await vscode.commands.executeCommand('worldclientRtc.openRoomJson', 'weekly-standup')) as vscode.TextDocument;
    // VS Code keeps the document it opened; the command has it fetched anew, and the new text follows.
    await waitFor(() => again.getText().includes('"arrived-later"'), 'the open document to show the new message');
    assert.equal(messageCount(again), 13);
  });

  it('opens a room as a read-only JSON document', async () => {
    session = await withSandbox({ seed: { oddIds: true } });
    const document = (await vscode.commands.executeCommand('worldclientRtc.openRoomJson', 'q?r=1')) as vscode.TextDocument;
    // JSON with Comments: the note of a room that cannot be loaded is a comment, never a false problem.
    assert.equal(document.languageId, 'jsonc');
    const room = JSON.parse(document.getText()) as { id: string; messages: unknown[] };
    assert.equal(room.id, 'q?r=1');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('asks to sign in when the session expires, then lists the rooms again', async () => {
    session = await withSandbox({ seed: { sample: true } });
    await refreshRooms(session.api);
    session.sandbox.expireSessions();
    const fresh = session.sandbox.issueSession();
    session.ui
      .respond(/^Session expired/, 'Sign In')
      .pick('Paste a session token')
      .typeInputs(fresh.session, fresh.csrfToken);
    await vscode.commands.executeCommand('worldclientRtc.refresh');
    await session.ui.waitForMessage(/^Session expired/);
    await waitFor(() => session.api.rooms.model.state === 'ready' && !session.api.rooms.model.stale, 'the list after signing in again');
    assert.equal(session.ui.shown.filter((shown) => /^Session expired/.test(shown.message)).length, 1, 'one notification');
  });
});
