import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { WORD_JOINER } from '../../src/shared/inertText';
import { readLogs, waitFor, withSandbox, type SandboxSession } from './support/fixtures';
import type { ShownMessage } from './support/scriptedUi';
import { refreshRooms, renderChildren } from './support/tree';

/** The link syntax VS Code's notifications turn into anchors (vs/base/common/linkedText.ts, LINK_REGEX). */
const NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/i;
const COMMAND_LINK_ID = '[Details](command:workbench.action.reloadWindow)';
const BIDI_ID = 'invoice-\u202Egpj.exe';
/** A newline would start a fake line in a log or a report; `$(check)` would be an icon in a quick pick. */
const LINES_ID = 'first\n$(check) Session: valid';

function assertInert(shown: readonly ShownMessage[]): void {
  for (const message of shown) {
    for (const text of [message.message, message.detail ?? '']) {
      assert.doesNotMatch(text, NOTIFICATION_LINK, `a link in: ${text}`);
      // A bare `command:` is text: notifications link only the `[label](target)` form.
      assert.doesNotMatch(text, /\]\(command:/i, `a command link target in: ${text}`);
      assert.ok(!/[\u202A-\u202E\u2066-\u2069]/.test(text), `a bidi control in: ${text}`);
    }
  }
}

/** What the user reads (a quick pick keeps `$(` from being an icon with an invisible joiner). */
function readable(text: string | undefined): string {
  return (text ?? '').split(WORD_JOINER).join('');
}

/** Server text as a notification shows it: a visible space in `](`, so no link is built and nothing invisible is copied. */
const asNotified = (text: string): string => text.replaceAll('](', '] (');

describe('Server text in notifications and dialogs', function () {
  this.timeout(120_000);
  let session: SandboxSession | undefined;

  afterEach(async () => {
    await session?.dispose();
    session = undefined;
  });

  it('a 12,000-character room id (as long as a request line may carry) is cut in the delete confirmation and its result', async () => {
    session = await withSandbox({ seed: {} });
    const { sandbox, ui } = session;
    const longId = `room-${'x'.repeat(12_000)}`;
    sandbox.store.put({ id: longId, started: '2025-06-01T10:00:00.000Z', ended: '', members: 'ann@example.com', messages: [] });
    ui.respond(/^Delete the room/, 'Delete').respond(/^Deleted room/, undefined);
    await vscode.commands.executeCommand('worldclientRtc.deleteRoom', longId);
    await waitFor(() => sandbox.store.get(longId) === undefined, 'the room is deleted on the server');
    const confirmation = await ui.waitForMessage(/^Delete the room/);
    const deleted = await ui.waitForMessage(/^Deleted room/);
    for (const text of [confirmation.message, deleted.message]) {
      assert.ok(text.length < 1_000, `shown cut, not whole: ${text.length} characters`);
      assert.ok(readable(text).includes('xxxx…'), `the cut is marked: ${text.slice(0, 80)}`);
    }
  });

  it('a room id that is a command link is shown as text when deleting it, failing to delete it, and failing to add to it', async () => {
    session = await withSandbox({ seed: { sample: true } });
    const { sandbox, ui } = session;
    const room = {
      id: COMMAND_LINK_ID,
      started: '2025-06-01T10:00:00.000Z',
      ended: '',
      members: '[x](command:workbench.action.quit)',
      messages: [],
    };
    sandbox.store.put({ ...room });

    // A delete that fails, with an error name that is itself a command link.
    sandbox.addFault({
      kind: 'status',
      status: 400,
      errorName: '[Fix it](command:workbench.action.reloadWindow)',
      method: 'DELETE',
      times: 1,
    });
    ui.respond(/^Delete the room/, 'Delete');
    await vscode.commands.executeCommand('worldclientRtc.deleteRoom', COMMAND_LINK_ID);
    const failed = await ui.waitForMessage(/could not be deleted/);
    assert.match(failed.message, /\[Fix it\] \(command:workbench\.action\.reloadWindow\)/, 'the error name reads as sent, no link');

    // An upload that fails: the room id and the error name are in the report.
    sandbox.addFault({ kind: 'status', status: 500, errorName: '[Retry](command:workbench.action.closeWindow)', method: 'PUT' });
    ui.pick('One message').typeInputs('m-1', 'c2FsdA==', 'ZGF0YQ==');
    await vscode.commands.executeCommand('worldclientRtc.addMessages', COMMAND_LINK_ID);
    const uploadFailed = await ui.waitForMessage(/Chunk 1 of 1 failed/);
    assert.ok(readable(uploadFailed.message).includes(`room "${asNotified(COMMAND_LINK_ID)}"`), uploadFailed.message);
    sandbox.clearFaults();

    // The delete that works, and its confirmation.
    await vscode.commands.executeCommand('worldclientRtc.deleteRoom', COMMAND_LINK_ID);
    const deleted = await ui.waitForMessage(/^Deleted room/);
    assert.equal(readable(deleted.message), `Deleted room “${asNotified(COMMAND_LINK_ID)}”.`);
    const confirmation = await ui.waitForMessage(/^Delete the room/);
    assert.equal(confirmation.modal, true);
    assert.equal(sandbox.store.get(COMMAND_LINK_ID), undefined);
    assert.ok(ui.shown.length >= 5);
    assertInert(ui.shown);
  });

  it('shows bidi controls in a room id by code point in confirmations, reports and the tree', async () => {
    session = await withSandbox({ seed: { sample: true } });
    const { sandbox, ui } = session;
    sandbox.store.put({
      id: BIDI_ID,
      started: '2025-06-01T10:00:00.000Z',
      ended: '',
      members: 'a@example.com',
      messages: [{ id: 'm', salt: 'c2FsdA==', data: 'ZGF0YQ==' }],
    });
    await refreshRooms(session.api);
    const labels = renderChildren(session.api).map((item) => item.label);
    assert.ok(labels.includes('invoice-⟨U+202E⟩gpj.exe'), `the tree shows the control: ${labels.join(', ')}`);
    ui.respond(/^Delete all/, 'Delete All Messages');
    assert.equal(await vscode.commands.executeCommand('worldclientRtc.deleteMessages', BIDI_ID), 1);
    const confirmation = await ui.waitForMessage(/^Delete all/);
    assert.equal(confirmation.message, 'Delete all 1 message of room "invoice-⟨U+202E⟩gpj.exe"?');
    const done = await ui.waitForMessage(/^Deleted 1 message/);
    assert.ok(done.message.includes('invoice-⟨U+202E⟩gpj.exe'), done.message);
    ui.respond(/^Delete the room/, 'Delete');
    await vscode.commands.executeCommand('worldclientRtc.deleteRoom', BIDI_ID);
    assert.equal((await ui.waitForMessage(/^Delete the room/)).message, 'Delete the room “invoice-⟨U+202E⟩gpj.exe” and all its messages?');
    assertInert(ui.shown);
  });

  it(
    "shows a room id's bidi controls and newlines in the panel's tab title and log lines, Compare's picks and titles, " + 'the diff title',
    async () => {
      session = await withSandbox({ seed: { sample: true } });
      const { sandbox, ui, api } = session;
      const messages = [{ id: 'm', salt: 'c2FsdA==', data: 'ZGF0YQ==' }];
      const room = { started: '2025-06-01T10:00:00.000Z', ended: '', members: 'a@example.com', messages };
      sandbox.store.put({ id: BIDI_ID, ...room });
      sandbox.store.put({ id: LINES_ID, ...room });
      await refreshRooms(session.api);
      await vscode.commands.executeCommand('worldclientRtc.openRoom', LINES_ID);
      assert.equal(api.panels.describe(LINES_ID)?.title, 'first⏎$(check) Session: valid');
      const logLine = 'Room panel "first⏎$(check) Session: valid": loaded';
      await waitFor(() => readLogs(api.storage.logDirectory).includes(logLine), "the panel's log line", 15_000);
      assert.doesNotMatch(readLogs(api.storage.logDirectory), /^\$\(check\) Session/m, 'no line of the log starts inside the id');

      const picksBefore = ui.quickPicks.length;
      ui.pick((label) => label.startsWith('Another room')).pick((label) => label.startsWith('first'));
      await vscode.commands.executeCommand('worldclientRtc.compareRoom', BIDI_ID);
      assert.ok(ui.prompts.includes('Compare room "invoice-⟨U+202E⟩gpj.exe" with which room?: '), ui.prompts.join(' | '));
      const otherRooms = ui.quickPicks.at(-1)?.map((item) => readable(item.label)) ?? [];
      assert.ok(otherRooms.includes('first⏎$(check) Session: valid'), otherRooms.join(' | '));
      const unsafe = ui.quickPicks
        .slice(picksBefore)
        .flat()
        .filter((item) => item.label.includes('$(') || /[\n\u202E]/.test(item.label));
      assert.deepEqual(unsafe, [], 'no icon, newline or bidi control in a pick');
      const tabs = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs);
      const diffTab = () => tabs().find((tab) => tab.input instanceof vscode.TabInputTextDiff);
      await waitFor(() => diffTab() !== undefined, 'the diff');
      const diff = diffTab();
      assert.equal(diff?.label, 'invoice-⟨U+202E⟩gpj.exe: first⏎$(check) Session: valid ↔ server now');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    },
  );

  it('shows the server version in Test Connection on one line: its newlines add no fake "✓" line', async () => {
    session = await withSandbox({ version: '25.0.0\n✓ Session: valid \u202E' });
    session.ui.respond(/^Connection to/, undefined);
    await vscode.commands.executeCommand('worldclientRtc.testConnection');
    const lines = String((await session.ui.waitForMessage(/^Connection to/)).detail).split('\n');
    assert.match(lines[0], /^✓ Reachable: server version 25\.0\.0⏎✓ Session: valid ⟨U\+202E⟩, round trip \d+ ms$/);
    const checks = lines.map((line) => line.split(':')[0]);
    assert.deepEqual(checks, ['✓ Reachable', '✓ Session', '✓ RTC (path style)', '✓ RTC (query style)', '✓ Routes', '✓ API version']);
  });
});
