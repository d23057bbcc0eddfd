import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { COMMAND_CASES, newScratch, type CommandCase, type Scratch } from './commandEdges.cases';
import { switchServer, waitFor, withSandbox, type SandboxSession } from './support/fixtures';
import { renderChildren } from './support/tree';

/** A room of the sample seed with messages, and one whose id needs encoding in every URL style. */
const PLAIN_ROOM = 'weekly-standup';
const ODD_ROOM = 'a/b';
/** Errors and warnings shown since `from`, each with its detail (where a per-room reason goes). */
const errorsShown = (s: SandboxSession, from = 0): string[] =>
  s.ui.shown
    .slice(from)
    // A warning that ends in "?" is a confirmation, not a failure.
    .filter((shown) => shown.severity === 'error' || (shown.severity === 'warning' && !shown.message.trimEnd().endsWith('?')))
    .map((shown) => `${shown.message}\n${shown.detail ?? ''}`);

/** Starts the command and resolves once its first request is at the server (held there by a delay fault). */
async function startAndWaitForRequest(
  s: SandboxSession,
  command: CommandCase,
  roomId: string,
  scratch: Scratch,
): Promise<Thenable<unknown>> {
  const asked = s.sandbox.requests.length;
  const running = command.run(s, roomId, scratch);
  await waitFor(() => s.sandbox.requests.length > asked, `${command.name} to send its first request`);
  return running;
}

/**
 * The class of test issue 12 asks for: every room and message command against a server that
 * fails, one that answers slowly, odd data, and a user who signs out or switches servers while
 * the command runs. What is checked is what a user would see: the command did its job, or it
 * changed nothing and said so; never half a change, never a write to the wrong server.
 */
describe('Every command at the edges', function () {
  this.timeout(120_000);
  let session: SandboxSession | undefined;
  let other: Sandbox | undefined;

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    session?.sandbox.clearFaults();
    await session?.dispose();
    await other?.stop();
    session = undefined;
    other = undefined;
  });

  async function setUp(command: CommandCase, roomId: string): Promise<{ s: SandboxSession; scratch: Scratch }> {
    const s = (session = await withSandbox({ seed: { sample: true, oddIds: true } }));
    const scratch = newScratch(roomId);
    await command.prepare?.(s, roomId, scratch);
    return { s, scratch };
  }

  for (const command of COMMAND_CASES) {
    describe(command.name, () => {
      it('with a failing server: changes nothing and tells the user', async () => {
        const { s, scratch } = await setUp(command, PLAIN_ROOM);
        const before = structuredClone(s.sandbox.store.get(PLAIN_ROOM));
        const shownBefore = s.ui.shown.length;
        s.sandbox.addFault({ kind: 'status', status: 500 });
        await command.run(s, PLAIN_ROOM, scratch);
        await waitFor(
          () => errorsShown(s, shownBefore).length > 0 || (command.failureShownIn?.(s, PLAIN_ROOM) ?? false),
          'the failure to be shown',
        );
        s.sandbox.clearFaults();
        assert.ok(command.unchanged(s, PLAIN_ROOM, scratch, before), 'nothing changed on the server');
        for (const message of errorsShown(s, shownBefore)) {
          assert.match(message, /500|server/i, `the error says what went wrong: ${message}`);
        }
      });

      it('with a slow server: waits and does its job', async () => {
        const { s, scratch } = await setUp(command, PLAIN_ROOM);
        s.sandbox.addFault({ kind: 'delay', delayMs: 1_000 });
        await command.run(s, PLAIN_ROOM, scratch);
        await waitFor(() => command.done(s, PLAIN_ROOM, scratch), `${command.name} to finish`);
        assert.deepEqual(errorsShown(s), []);
      });

      it(`with odd data (room "${ODD_ROOM}"): does its job`, async () => {
        const { s, scratch } = await setUp(command, ODD_ROOM);
        await command.run(s, ODD_ROOM, scratch);
        await waitFor(() => command.done(s, ODD_ROOM, scratch), `${command.name} to finish`);
        assert.deepEqual(errorsShown(s), []);
      });

      it('signed out in the middle: all or nothing, the tree cleared, any error says to sign in', async () => {
        const { s, scratch } = await setUp(command, PLAIN_ROOM);
        const before = structuredClone(s.sandbox.store.get(PLAIN_ROOM));
        s.sandbox.addFault({ kind: 'delay', delayMs: 1_000 });
        const shownBefore = s.ui.shown.length;
        const running = await startAndWaitForRequest(s, command, PLAIN_ROOM, scratch);
        await vscode.commands.executeCommand('worldclientRtc.signOut');
        await running;
        s.sandbox.clearFaults();
        await waitFor(() => s.api.rooms.view.welcomeState === 'signedOut', 'the signed-out state');
        assert.deepEqual(renderChildren(s.api), []);
        assert.ok(command.done(s, PLAIN_ROOM, scratch) || command.unchanged(s, PLAIN_ROOM, scratch, before), 'all or nothing');
        for (const message of errorsShown(s, shownBefore)) {
          assert.match(message, /sign in|signed in|session/i);
        }
      });

      it('switched to another server in the middle: nothing is written to the other server', async () => {
        const { s, scratch } = await setUp(command, PLAIN_ROOM);
        const b = (other = await startSandbox({ seed: { sample: true, oddIds: true } }));
        const before = structuredClone(s.sandbox.store.get(PLAIN_ROOM));
        const otherBefore = structuredClone(b.store.list());
        s.sandbox.addFault({ kind: 'delay', delayMs: 1_000 });
        const running = await startAndWaitForRequest(s, command, PLAIN_ROOM, scratch);
        await switchServer(s, b);
        await running;
        s.sandbox.clearFaults();
        assert.deepEqual(b.store.list(), otherBefore, 'the other server is untouched');
        assert.deepEqual(
          b.requests
            .filter((request) => request.method !== 'GET' && request.path.includes('/rtc'))
            .map((request) => `${request.method} ${request.path}`),
          [],
        );
        assert.ok(
          command.done(s, PLAIN_ROOM, scratch) || command.unchanged(s, PLAIN_ROOM, scratch, before),
          'all or nothing on the first server',
        );
      });
    });
  }
});
