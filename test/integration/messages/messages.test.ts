import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RtcMessage } from '../../sandbox/server';
import { waitFor, withSandbox, type SandboxSession } from '../support/fixtures';

function newMessages(count: number, prefix: string): RtcMessage[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}-${String(i).padStart(5, '0')}`,
    salt: Buffer.from(`salt ${i}`).toString('base64'),
    data: Buffer.from(`ciphertext ${i}`).toString('base64'),
  }));
}

function writeJson(value: unknown): vscode.Uri {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wcrtc-messages-'));
  const file = path.join(dir, 'messages.json');
  fs.writeFileSync(file, JSON.stringify(value));
  return vscode.Uri.file(file);
}

function putMessageRequests(session: SandboxSession): number {
  return session.sandbox.requests.filter((request) => request.method === 'PUT' && /messages/.test(JSON.stringify(request))).length;
}

describe('Message commands', function () {
  this.timeout(120_000);
  let session: SandboxSession | undefined;

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await session?.dispose();
    session = undefined;
  });

  it('adds one typed message, refusing salt or data that is not base64', async () => {
    session = await withSandbox({ seed: { sample: true } });
    session.ui.pick('One message').typeInputs('typed-message-1', 'not base64!', 'c2FsdA==', 'ZGF0YQ==');
    const added = await vscode.commands.executeCommand('worldclientRtc.addMessages', 'one-on-one');
    assert.equal(added, 1);
    assert.deepEqual(session.sandbox.store.get('one-on-one')?.messages, [{ id: 'typed-message-1', salt: 'c2FsdA==', data: 'ZGF0YQ==' }]);
    assert.equal(session.ui.validationErrors.length, 1);
    assert.match(session.ui.validationErrors[0], /salt contains spaces/);
    assert.ok(session.ui.shown.some((shown) => shown.message === 'Added 1 message in room "one-on-one".'));
    assert.deepEqual(session.ui.unexpected, []);
  });

  it('adds a file of 2,500 messages in chunks, and a panel open on the room shows them', async () => {
    session = await withSandbox({ seed: { sample: true } });
    await vscode.commands.executeCommand('worldclientRtc.openRoom', 'customer-call-acme');
    const batch = newMessages(2500, 'file');
    session.ui.nextUri.push(writeJson(batch));
    session.ui.pick('From a JSON file');
    const before = putMessageRequests(session);
    assert.equal(await vscode.commands.executeCommand('worldclientRtc.addMessages', { room: { id: 'customer-call-acme' } }), 2500);
    assert.deepEqual(session.sandbox.store.get('customer-call-acme')?.messages, batch);
    assert.equal(putMessageRequests(session) - before, 3, 'three chunks of at most 1,000');
    await waitFor(() => session?.api.panels.describe('customer-call-acme')?.header?.messageCount === 2500, 'the open panel to refresh');
  });

  it('rejects a file with problems without sending anything', async () => {
    session = await withSandbox({ seed: { sample: true } });
    session.ui.nextUri.push(writeJson([...newMessages(3, 'ok'), { id: 'bad', salt: '***', data: 'ZGF0YQ==' }]));
    session.ui.pick('From a JSON file');
    const before = putMessageRequests(session);
    await vscode.commands.executeCommand('worldclientRtc.addMessages', 'one-on-one');
    const error = session.ui.shown.find((shown) => shown.severity === 'error');
    assert.ok(error);
    assert.match(
      error.message,
      /cannot be added \(4 messages read\); nothing was sent\. Fix it and try again: item 4: The salt is not valid base64/,
    );
    assert.equal(putMessageRequests(session), before);
    assert.deepEqual(session.sandbox.store.get('one-on-one')?.messages, []);
  });

  it('keeps what did not go in when a chunk fails, and Retry sends exactly the rest', async () => {
    session = await withSandbox({ seed: { sample: true } });
    const batch = newMessages(1500, 'retry');
    session.sandbox.addFault({ kind: 'status', status: 500, method: 'PUT', times: 1 });
    session.ui.nextUri.push(writeJson(batch));
    session.ui.pick('From a JSON file');
    session.ui.respond(/did not go in/, undefined);
    assert.equal(await vscode.commands.executeCommand('worldclientRtc.addMessages', 'one-on-one'), 0);
    const report = await session.ui.waitForMessage(/did not go in/);
    assert.equal(report.severity, 'error');
    assert.match(
      report.message,
      /^Added 0 of 1,500 messages in room "one-on-one"\. Nothing went in; messages 1–1,500 did not\. Chunk 1 of 2 failed/,
    );
    assert.deepEqual(report.actions, ['Retry', 'Save Unsent…']);

    // The notification was dismissed; the remainder is still offered by the command.
    session.ui.pick('Retry the 1,500 messages');
    assert.equal(await vscode.commands.executeCommand('worldclientRtc.addMessages', 'one-on-one'), 1500);
    assert.deepEqual(session.sandbox.store.get('one-on-one')?.messages, batch);
  });

  it('retries from the failure notification', async () => {
    session = await withSandbox({ seed: { sample: true } });
    session.sandbox.addFault({ kind: 'status', status: 503, method: 'PUT', times: 1 });
    session.ui.pick('One message').typeInputs('typed-retry', 'c2FsdA==', 'ZGF0YQ==');
    session.ui.respond(/did not go in/, 'Retry');
    await vscode.commands.executeCommand('worldclientRtc.addMessages', 'support-hotline');
    await waitFor(
      () => session?.sandbox.store.get('support-hotline')?.messages.some((m) => m.id === 'typed-retry') === true,
      'the retry to add the message',
    );
    assert.equal(session.sandbox.store.get('support-hotline')?.messages.length, 2);
  });

  it('deletes all messages after a modal confirmation with the count, and Undo puts them back', async () => {
    session = await withSandbox({ seed: { sample: true } });
    const original = session.sandbox.store.get('incident-4711')?.messages.map((m) => ({ ...m }));
    assert.equal(original?.length, 250);
    await vscode.commands.executeCommand('worldclientRtc.openRoom', 'incident-4711');
    session.ui.respond(/^Delete all 250 messages of room "incident-4711"\?$/, 'Delete All Messages');
    let undo: () => void = () => undefined;
    const undoClicked = new Promise<string>((resolve) => (undo = () => resolve('Undo')));
    session.ui.respond(/^Deleted 250 messages of room "incident-4711"\.$/, 'Undo');
    // Hold the Undo until the deletion has been checked, as a user would click it later.
    const ui = session.ui;
    const respond = ui.showMessage.bind(ui);
    ui.showMessage = async (severity, message, options, ...actions) => {
      const answer = await respond(severity, message, options, ...actions);
      return answer === 'Undo' ? undoClicked : answer;
    };

    assert.equal(await vscode.commands.executeCommand('worldclientRtc.deleteMessages', 'incident-4711'), 250);
    const confirm = session.ui.shown.find((shown) => shown.modal);
    assert.ok(confirm);
    assert.match(confirm.detail ?? '', /snapshot/);
    assert.deepEqual(confirm.actions, ['Delete All Messages']);
    assert.deepEqual(session.sandbox.store.get('incident-4711')?.messages, []);
    await waitFor(() => session?.api.panels.describe('incident-4711')?.header?.messageCount === 0, 'the panel to show the room empty');

    undo();
    await waitFor(() => session?.sandbox.store.get('incident-4711')?.messages.length === 250, 'Undo to restore the messages', 20_000);
    assert.deepEqual(session.sandbox.store.get('incident-4711')?.messages, original, 'the same messages, byte for byte, in order');
    await session.ui.waitForMessage(/^Restored 250 messages in room "incident-4711"\.$/);
    await waitFor(() => session?.api.panels.describe('incident-4711')?.header?.messageCount === 250, 'the panel to show them again');
  });

  it('deletes nothing when the confirmation is dismissed', async () => {
    session = await withSandbox({ seed: { sample: true } });
    session.ui.respond(/^Delete all/, undefined);
    assert.equal(await vscode.commands.executeCommand('worldclientRtc.deleteMessages', 'design-review-2025-03'), undefined);
    assert.equal(session.sandbox.store.get('design-review-2025-03')?.messages.length, 40);
  });
});
