import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { WORD_JOINER } from '../../src/shared/inertText';
import { withSandbox, type SandboxSession } from './support/fixtures';
import type { ShownMessage } from './support/scriptedUi';
import { refreshRooms, renderChildren } from './support/tree';

/** The link syntax VS Code's notifications turn into anchors (vs/base/common/linkedText.ts, LINK_REGEX). */
const NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/i;
const COMMAND_LINK_ID = '[Details](command:workbench.action.reloadWindow)';
const BIDI_ID = 'invoice-\u202Egpj.exe';

function assertInert(shown: readonly ShownMessage[]): void {
  for (const message of shown) {
    for (const text of [message.message, message.detail ?? '']) {
      assert.doesNotMatch(text, NOTIFICATION_LINK, `a link in: ${text}`);
      assert.doesNotMatch(text, /command:/i, `a bare command URI in: ${text}`);
      assert.ok(!/[\u202A-\u202E\u2066-\u2069]/.test(text), `a bidi control in: ${text}`);
    }
  }
}

/** What the user reads, without the invisible joiners that break the links. */
function readable(text: string | undefined): string {
  return (text ?? '').split(WORD_JOINER).join('');
}

describe('Server text in notifications and dialogs', function () {
  this.timeout(120_000);
  let session: SandboxSession | undefined;

  afterEach(async () => {
    await session?.dispose();
    session = undefined;
  });

  it('a room id that is a command link is shown as text when deleting it, failing to delete it, and failing to add to it', async () => {
    session = await withSandbox({ seed: { sample: true } });
    const { sandbox, ui } = session;
    const room = { id: COMMAND_LINK_ID, started: '2025-06-01T10:00:00.000Z', ended: '', members: '[x](command:workbench.action.quit)', messages: [] };
    sandbox.store.put({ ...room });

    // A delete that fails, with an error name that is itself a command link.
    sandbox.addFault({ kind: 'status', status: 400, errorName: '[Fix it](command:workbench.action.reloadWindow)', method: 'DELETE', times: 1 });
    ui.respond(/^Delete the room/, 'Delete');
    await vscode.commands.executeCommand('worldclientRtc.deleteRoom', COMMAND_LINK_ID);
    const failed = await ui.waitForMessage(/could not be deleted/);
    assert.match(readable(failed.detail), /\[Fix it\]\(command:workbench\.action\.reloadWindow\)/, 'the error name reads as the server sent it');

    // An upload that fails: the room id and the error name are in the report.
    sandbox.addFault({ kind: 'status', status: 500, errorName: '[Retry](command:workbench.action.closeWindow)', method: 'PUT' });
    ui.pick('One message').typeInputs('m-1', 'c2FsdA==', 'ZGF0YQ==');
    await vscode.commands.executeCommand('worldclientRtc.addMessages', COMMAND_LINK_ID);
    const uploadFailed = await ui.waitForMessage(/Chunk 1 of 1 failed/);
    assert.ok(readable(uploadFailed.message).includes(`room "${COMMAND_LINK_ID}"`), uploadFailed.message);
    sandbox.clearFaults();

    // The delete that works, and its confirmation.
    await vscode.commands.executeCommand('worldclientRtc.deleteRoom', COMMAND_LINK_ID);
    const deleted = await ui.waitForMessage(/^Deleted room/);
    assert.equal(readable(deleted.message), `Deleted room “${COMMAND_LINK_ID}”.`);
    const confirmation = await ui.waitForMessage(/^Delete the room/);
    assert.equal(confirmation.modal, true);
    assert.equal(sandbox.store.get(COMMAND_LINK_ID), undefined);
    assert.ok(ui.shown.length >= 5);
    assertInert(ui.shown);
  });

  it('shows bidi controls in a room id by code point in confirmations, reports and the tree', async () => {
    session = await withSandbox({ seed: { sample: true } });
    const { sandbox, ui } = session;
    sandbox.store.put({ id: BIDI_ID, started: '2025-06-01T10:00:00.000Z', ended: '', members: 'a@example.com', messages: [{ id: 'm', salt: 'c2FsdA==', data: 'ZGF0YQ==' }] });
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
});
