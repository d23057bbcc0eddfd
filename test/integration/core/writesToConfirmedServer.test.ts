import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { setSetting, switchServer as switchTo, waitFor, withSandbox, type SandboxSession } from '../support/fixtures';
import { refreshRooms } from '../support/tree';

const writes = (sandbox: Sandbox): string[] =>
  sandbox.requests
    .filter((request) => request.method === 'PUT' || request.method === 'DELETE')
    .map((request) => `${request.method} ${request.path}`);
const signIns = (sandbox: Sandbox): number => sandbox.requests.filter((request) => request.path.includes('authenticate')).length;

/** Text as a user reads it: without the word joiners that keep it from becoming a link. */
const read = (text: string | undefined): string => (text ?? '').replaceAll('\u2060', '');

/** Signs in to the first server again with a fresh session (its old one was expired), stored as another window would. */
async function freshSessionFor(session: SandboxSession): Promise<void> {
  await session.api.storage.secrets.store(`worldclientRtc.session:${session.sandbox.url}`, JSON.stringify(session.sandbox.issueSession()));
}

/** Points the extension at `target` without signing in there, as a settings change from another window would. */
async function pointAt(session: SandboxSession, target: Sandbox): Promise<void> {
  const client = (): unknown => session.api.connection.api();
  const before = client();
  session.otherServers.add(session.sandbox.url).add(target.url);
  await setSetting('serverUrl', target.url);
  // The new client is built, so the flow that goes on next meets the other server for sure.
  await waitFor(() => session.api.connection.serverUrl === target.url && client() !== before, 'the switch to the other server');
}

/**
 * Issue 21 §5: a write goes to the server the user confirmed, on every attempt. Each test
 * switches servers while a prompt of the flow is open (or between its attempts) and checks
 * that the other server got nothing, the user is told, and nothing is lost.
 */
describe('Every write goes to the server the user confirmed', function () {
  this.timeout(120_000);
  let session: SandboxSession | undefined;
  let other: Sandbox | undefined;

  afterEach(async () => {
    await session?.dispose();
    await other?.stop();
    session = undefined;
    other = undefined;
  });

  it('Delete Room names the server, and a switch while its confirmation is open deletes nothing on either server', async () => {
    const s = (session = await withSandbox({ seed: { sample: true } }));
    const b = (other = await startSandbox({ seed: { sample: true } }));
    await refreshRooms(s.api);
    const confirmation = s.ui.hold(/^Delete the room “incident-4711”/);
    const deleting = vscode.commands.executeCommand('worldclientRtc.deleteRoom', 'incident-4711');
    const dialog = await s.ui.waitForMessage(/^Delete the room “incident-4711”/);

    await switchTo(s, b);
    confirmation.release('Delete');
    await deleting;
    const refused = await s.ui.waitForMessage(/^The deletion was confirmed for/);
    assert.equal(refused.severity, 'error');
    assert.equal(
      refused.read,
      `The deletion was confirmed for ${s.sandbox.url}, but the extension now points at ${b.url}. Nothing was deleted on either server.`,
    );
    assert.ok(s.sandbox.store.get('incident-4711') && b.store.get('incident-4711'), 'the room is on both servers still');
    assert.deepEqual([writes(s.sandbox), writes(b)], [[], []]);
    assert.ok(dialog.modal, 'the confirmation is modal');
    assert.ok(read(dialog.detail).startsWith(`Server: ${s.sandbox.url}\n`), `the dialog names the server: ${dialog.detail}`);
  });

  it("Add Messages' Retry after a switch sends nothing to the other server and keeps the messages for the first", async () => {
    const s = (session = await withSandbox({ seed: { sample: true } }));
    const b = (other = await startSandbox({ seed: { sample: true } }));
    s.sandbox.addFault({ kind: 'status', status: 500, method: 'PUT', times: 1 });
    const report = s.ui.hold(/did not go in/);
    s.ui.pick('One message').typeInputs('kept-for-a', 'c2FsdA==', 'ZGF0YQ==');
    await vscode.commands.executeCommand('worldclientRtc.addMessages', 'support-hotline');
    await s.ui.waitForMessage(/did not go in/);

    await switchTo(s, b);
    report.release('Retry');
    const refused = await s.ui.waitForMessage(/^These messages were meant for room "support-hotline"/);
    const kept = `on ${s.sandbox.url}, but the extension now points at ${b.url}. Nothing was sent; they are kept`;
    assert.ok(refused.read.includes(kept), refused.read);
    assert.deepEqual(writes(b), [], 'nothing was sent to the other server');

    // Back on the first server, "Add Messages…" offers the kept message and sends it there.
    await switchTo(s, s.sandbox);
    s.ui.pick('Retry the 1 message');
    assert.equal(await vscode.commands.executeCommand('worldclientRtc.addMessages', 'support-hotline'), 1);
    assert.ok(s.sandbox.store.get('support-hotline')?.messages.some((message) => message.id === 'kept-for-a'));
    assert.ok(!b.store.get('support-hotline')?.messages.some((message) => message.id === 'kept-for-a'));
  });

  it('Add Messages resumed after signing in on another server sends nothing there', async () => {
    let puts = 0;
    const s = (session = await withSandbox({
      seed: { sample: true },
      onRequest: (request) => {
        // The session ends right after the first chunk went in.
        if (request.method === 'PUT' && request.status === 200 && ++puts === 1) {
          session?.sandbox.expireSessions();
        }
      },
    }));
    const b = (other = await startSandbox({ seed: { sample: true } }));
    const before = s.sandbox.store.get('one-on-one')?.messages.length ?? 0;
    const messages = Array.from({ length: 1_500 }, (_, index) => ({ id: `m-${index}`, salt: 'c2FsdA==', data: 'ZGF0YQ==' }));
    await vscode.env.clipboard.writeText(JSON.stringify(messages));
    const expired = s.ui.hold(/^Session expired/);
    s.ui.pick('From the clipboard');
    const adding = vscode.commands.executeCommand('worldclientRtc.addMessages', 'one-on-one');
    await s.ui.waitForMessage(/^Session expired/);

    await pointAt(s, b);
    s.ui.pick('Paste a session token').typeInputs(b.session, b.csrfToken);
    expired.release('Sign In');
    await adding;
    const refused = await s.ui.waitForMessage(/^These messages were meant for room "one-on-one"/);
    assert.ok(refused.read.includes(`now points at ${b.url}`), refused.read);
    assert.deepEqual(writes(b), [], 'the rest did not go to the other server');
    assert.equal(s.sandbox.store.get('one-on-one')?.messages.length, before + 1_000, 'the first chunk is on the first server');

    // The rest is kept for the first server: back there, "Add Messages…" offers it.
    await freshSessionFor(s);
    await pointAt(s, s.sandbox);
    s.ui.pick('Retry the 500 messages');
    assert.equal(await vscode.commands.executeCommand('worldclientRtc.addMessages', 'one-on-one'), 500);
    const ids = (list: { id: string }[] | undefined): string[] | undefined => list?.map((message) => message.id);
    assert.deepEqual(ids(s.sandbox.store.get('one-on-one')?.messages.slice(before)), ids(messages));
  });

  it('Undo of Delete All Messages resumed after signing in on another server restores nothing there and keeps the snapshot', async () => {
    const s = (session = await withSandbox({ seed: { sample: true } }));
    const b = (other = await startSandbox({ seed: { sample: true } }));
    const undo = s.ui.hold(/^Deleted 12 messages of room "weekly-standup"/);
    s.ui.respond(/^Delete all 12 messages/, 'Delete All Messages');
    assert.equal(await vscode.commands.executeCommand('worldclientRtc.deleteMessages', 'weekly-standup'), 12);

    s.sandbox.expireSessions();
    const expired = s.ui.hold(/^Session expired/);
    undo.release('Undo');
    await s.ui.waitForMessage(/^Session expired/);
    await pointAt(s, b);
    s.ui.pick('Paste a session token').typeInputs(b.session, b.csrfToken);
    expired.release('Sign In');
    const refused = await s.ui.waitForMessage(/^The messages were deleted on/);
    assert.ok(refused.read.includes(`now points at ${b.url}. Nothing was restored and the snapshot is kept`), refused.read);
    assert.deepEqual(writes(b), [], 'nothing was put on the other server');

    // The snapshot is still there, and goes back to the first server.
    await freshSessionFor(s);
    await pointAt(s, s.sandbox);
    s.ui.pick('12 messages of weekly-standup');
    assert.deepEqual(await vscode.commands.executeCommand('worldclientRtc.restoreDeletedRoom'), ['weekly-standup']);
    assert.equal(s.sandbox.store.get('weekly-standup')?.messages.length, 12);
    const confirmation = s.ui.shown.find((shown) => shown.modal);
    assert.ok(read(confirmation?.detail).startsWith(`Server: ${s.sandbox.url}\n`), `the dialog names the server: ${confirmation?.detail}`);
  });

  it('Sign In sends the password only to the server its prompts named', async () => {
    const s = (session = await withSandbox({ seed: { sample: true }, signedIn: false }));
    const b = (other = await startSandbox({ seed: { sample: true } }));
    // The server changes while the sign-in method is being picked, after the title named the first one.
    const pick = s.ui.showQuickPick.bind(s.ui);
    s.ui.showQuickPick = async (items, options) => {
      const picked = await pick(items, options);
      if (options.title === `Sign in to ${s.sandbox.url}`) {
        await pointAt(s, b);
      }
      return picked;
    };
    s.ui.pick('email and password').typeInputs('dev@example.com', 'sandbox');
    await vscode.commands.executeCommand('worldclientRtc.signIn');
    const refused = await s.ui.waitForMessage(/^You were signing in to/);
    assert.equal(
      refused.read,
      `You were signing in to ${s.sandbox.url}, but the extension now points at ${b.url}. Nothing was sent; sign in again.`,
    );
    assert.equal(signIns(b), 0, 'the password never reached the other server');
  });

  it('Sign In checks a pasted token only with the server its prompts named', async () => {
    const s = (session = await withSandbox({ seed: { sample: true }, signedIn: false }));
    const b = (other = await startSandbox({ seed: { sample: true } }));
    const input = s.ui.showInputBox.bind(s.ui);
    s.ui.showInputBox = async (options) => {
      const typed = await input(options);
      if (options.title?.startsWith('CSRF token for')) {
        await pointAt(s, b);
      }
      return typed;
    };
    s.ui.pick('Paste a session token').typeInputs(s.sandbox.session, s.sandbox.csrfToken);
    await vscode.commands.executeCommand('worldclientRtc.signIn');
    await s.ui.waitForMessage(/^You were signing in to/);
    const carriesToken = (request: unknown): boolean => JSON.stringify(request).includes(s.sandbox.session);
    assert.ok(!b.requests.some(carriesToken), 'the token never reached the other server');
  });
});
