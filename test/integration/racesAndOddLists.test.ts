import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SandboxSession } from './support/fixtures';
import { waitFor, withSandbox } from './support/fixtures';
import { refreshRooms, renderChildren } from './support/tree';

describe('Races, odd lists and an expiring session', function () {
  this.timeout(120_000);
  let session: SandboxSession | undefined;

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    session?.sandbox.clearFaults();
    await session?.dispose();
    session = undefined;
  });

  it('a refresh in flight when a room is deleted does not bring the room back', async () => {
    const s = (session = await withSandbox({ seed: { sample: true } }));
    await refreshRooms(s.api);
    // The next list is read at once but arrives slowly; the deletion happens while it is on its way.
    s.sandbox.addFault({ kind: 'slowBody', firstBytes: 10, delayMs: 1_500, method: 'GET', times: 1 });
    const asked = s.sandbox.requests.length;
    const refreshing = vscode.commands.executeCommand('worldclientRtc.refresh');
    await waitFor(() => s.sandbox.requests.length > asked, 'the slow list request to reach the server');
    s.ui.respond(/^Delete the room “one-on-one”/, 'Delete');
    await vscode.commands.executeCommand('worldclientRtc.deleteRoom', 'one-on-one');
    assert.equal(s.sandbox.store.get('one-on-one'), undefined);
    await refreshing;
    await waitFor(() => !s.api.rooms.model.loading, 'the slow refresh to finish');
    assert.ok(!renderChildren(s.api).some((item) => item.label === 'one-on-one'), 'the stale answer did not bring the deleted room back');
    assert.equal(renderChildren(s.api).length, 11);
  });

  it('a list naming the same id twice shows every entry, marks the repeats and keeps tree ids unique', async () => {
    const s = (session = await withSandbox({ seed: { sample: true } }));
    s.sandbox.addFault({ kind: 'duplicateIds', method: 'GET' });
    await refreshRooms(s.api);
    const items = renderChildren(s.api);
    assert.equal(items.length, 14, 'twelve rooms and the two listed again');
    const ids = items.map((item) => s.api.rooms.provider.getTreeItem(item.node).id);
    assert.equal(new Set(ids).size, ids.length, `tree item ids are unique: ${JSON.stringify(ids)}`);
    const repeats = items.filter((item) => item.description.startsWith('⚠ listed again'));
    assert.equal(repeats.length, 2);
    assert.equal(s.api.rooms.model.state, 'ready');
  });

  it('a room id of 10,000 characters opens its panel (no endless "Loading…"), cut for display', async () => {
    const s = (session = await withSandbox({ seed: {} }));
    const longId = `long-${'x'.repeat(10_000)}`;
    s.sandbox.store.put({
      id: longId,
      started: '2026-11-24T10:00:00Z',
      ended: '',
      members: 'ann@example.com',
      messages: [{ id: 'm1', salt: 'c2FsdA==', data: 'ZGF0YQ==' }],
    });
    await vscode.commands.executeCommand('worldclientRtc.openRoom', longId);
    await waitFor(
      () => (s.api.panels.describe(longId)?.rendered?.rowCount ?? 0) > 0,
      'the webview of the long-id room to render its message',
      30_000,
    );
    const panel = s.api.panels.describe(longId);
    assert.ok(panel && panel.title.length <= 201, `the title is cut (${panel?.title.length} characters)`);
    assert.equal(panel.status, 'ready');
    await refreshRooms(s.api);
    const [item] = renderChildren(s.api);
    assert.ok(item.label.length <= 201 && item.label.endsWith('…'), 'the tree label is cut');
    await vscode.commands.executeCommand('worldclientRtc.copyRoomId', longId);
    assert.equal(await vscode.env.clipboard.readText(), longId, 'Copy Room Id copies the whole id');

    // A failure that names the id must still reach the webview: its text is cut to the protocol's limit.
    const missing = `gone-${'y'.repeat(10_000)}`;
    await vscode.commands.executeCommand('worldclientRtc.openRoom', missing);
    await waitFor(() => s.api.panels.describe(missing)?.status === 'deleted', 'the panel to say the room does not exist');
    const failed = s.api.panels.describe(missing);
    assert.ok(failed);
    assert.match(
      failed.statusText,
      /^Room "gone-y+…" no longer exists on http:\/\/127\.0\.0\.1:\d+ .*Check the id, or close this panel\.$/,
    );
    assert.ok(failed.statusText.length < 1_000, `the status is cut (${failed.statusText.length} characters)`);
    assert.equal(failed.unfitMessages, 0, 'every message fitted the protocol');
    assert.equal(s.api.panels.describe(longId)?.unfitMessages, 0);
  });

  it('after "Session expired → Sign In", Delete Room goes on with the rest: one confirmation, nothing reported unchanged', async () => {
    let expired = false;
    const s = (session = await withSandbox({
      seed: { sample: true },
      onRequest: (request) => {
        // The session ends right after the first room is deleted.
        if (request.method === 'DELETE' && !expired && session) {
          expired = true;
          session.sandbox.expireSessions();
          const fresh = session.sandbox.issueSession();
          session.ui.pick('Paste a session token').typeInputs(fresh.session, fresh.csrfToken);
        }
      },
    }));
    await refreshRooms(s.api);
    s.ui.respond(/^Delete 3 rooms/, 'Delete').respond(/^Session expired/, 'Sign In');
    const ids = ['one-on-one', 'support-hotline', 'orphaned-room'];
    await vscode.commands.executeCommand('worldclientRtc.deleteRoom', undefined, ids);
    assert.ok(expired, 'the session expired during the deletion');
    assert.equal(s.ui.shown.filter((shown) => /^Delete 3 rooms/.test(shown.message)).length, 1, 'the confirmation was asked once');
    assert.deepEqual(
      s.ui.shown.filter((shown) => /could not be deleted/.test(shown.message)),
      [],
      'no room is reported unchanged',
    );
    assert.deepEqual(
      ids.map((id) => s.sandbox.store.get(id)),
      [undefined, undefined, undefined],
    );
    assert.equal(s.ui.shown.filter((shown) => /^Session expired/.test(shown.message)).length, 1);
    assert.ok(
      s.ui.shown.some((shown) => shown.message === 'Deleted room “one-on-one”.'),
      'the first deletion was announced with Undo',
    );
    assert.ok(
      s.ui.shown.some((shown) => shown.message === 'Deleted 2 rooms.'),
      'the rest after signing in',
    );
  });

  it('after "Session expired → Sign In", Add Messages sends only the chunks that did not go in, without asking again', async () => {
    let puts = 0;
    const s = (session = await withSandbox({
      seed: { sample: true },
      onRequest: (request) => {
        // The session ends right after the first chunk went in.
        if (request.method === 'PUT' && request.status === 200 && ++puts === 1 && session) {
          session.sandbox.expireSessions();
          const fresh = session.sandbox.issueSession();
          session.ui.pick('Paste a session token').typeInputs(fresh.session, fresh.csrfToken);
        }
      },
    }));
    const before = s.sandbox.store.get('one-on-one')?.messages.length ?? 0;
    const messages = Array.from({ length: 2_500 }, (_, index) => ({ id: `m-${index}`, salt: 'c2FsdA==', data: 'ZGF0YQ==' }));
    await vscode.env.clipboard.writeText(JSON.stringify(messages));
    s.ui.pick('From the clipboard').respond(/^Session expired/, 'Sign In');
    await vscode.commands.executeCommand('worldclientRtc.addMessages', 'one-on-one');
    const stored = s.sandbox.store.get('one-on-one')?.messages ?? [];
    assert.equal(stored.length - before, 2_500, 'every message once: none lost, none sent twice');
    assert.deepEqual(
      stored.slice(before).map((message) => message.id),
      messages.map((message) => message.id),
    );
    assert.equal(s.ui.prompts.filter((prompt) => prompt.startsWith('Add messages to room')).length, 1, 'the source was asked once');
    assert.equal(s.ui.shown.filter((shown) => /^Session expired/.test(shown.message)).length, 1);
    assert.deepEqual(s.ui.unexpected, []);
  });

  it('the Rooms view progress ends when the refresh fails, not when the "Session expired" prompt is answered', async () => {
    const s = (session = await withSandbox({ seed: { sample: true } }));
    await refreshRooms(s.api);
    s.sandbox.expireSessions();
    const prompt = s.ui.hold(/^Session expired/);
    const refreshing = vscode.commands.executeCommand('worldclientRtc.refresh');
    await s.ui.waitForMessage(/^Session expired/);
    assert.equal(s.api.rooms.view.refreshesInProgress, 0, 'no progress spins while the prompt waits');
    assert.equal(s.api.rooms.model.loading, false);
    prompt.release(undefined);
    await refreshing;
    assert.equal(s.api.rooms.model.stale, true, 'the last list stays, marked stale');
  });
});
