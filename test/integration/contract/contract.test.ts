import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { breakingRoomId } from '../../sandbox/contractBreakingSeed';
import { startSandbox } from '../../sandbox/server';
import { setSetting, switchServer, waitFor, withSandbox, type SandboxSession } from '../support/fixtures';
import { refreshRooms, renderChildren } from '../support/tree';

const SCHEME = 'worldclient-rtc';

function ourDiagnostics(): [vscode.Uri, vscode.Diagnostic[]][] {
  return vscode.languages.getDiagnostics().filter(([uri, diagnostics]) => uri.scheme === SCHEME && diagnostics.length > 0);
}

function diagnosticsOf(roomId: string): vscode.Diagnostic[] {
  return ourDiagnostics().find(([uri]) => uri.path === `/${encodeURIComponent(roomId)}.jsonc`)?.[1] ?? [];
}

/** The text a diagnostic underlines, and what it should underline: the JSON of the field it is about. */
async function underlined(roomId: string, diagnostic: vscode.Diagnostic): Promise<{ text: string; document: vscode.TextDocument }> {
  const document = await vscode.workspace.openTextDocument(
    vscode.Uri.from({ scheme: SCHEME, path: `/${encodeURIComponent(roomId)}.jsonc` }),
  );
  return { text: document.getText(diagnostic.range), document };
}

describe('Contract checks', function () {
  this.timeout(120_000);
  let session: SandboxSession;

  afterEach(async () => {
    await vscode.commands.executeCommand('worldclientRtc.showAllRooms');
    await setSetting('contract.disabledRules', undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await session?.dispose();
  });

  it('the list checks put each break in the Problems panel, on the room JSON, at the offending field', async () => {
    session = await withSandbox({ seed: { sample: true, contractBreaking: true } });
    await refreshRooms(session.api);
    await waitFor(() => diagnosticsOf(breakingRoomId('room/members-separator')).length > 0, 'list diagnostics');
    const expectations: [string, string][] = [
      ['room/started-not-iso', '"May 5, 2025 09:00"'],
      ['room/ended-not-iso', '"05/05/2025 10:00"'],
      ['room/ended-before-started', '"2025-05-05T08:00:00.000Z"'],
      ['room/started-in-future', '"2099-05-05T09:00:00.000Z"'],
      ['room/members-empty-entry', '"alice@example.com,,bob@example.com"'],
      ['room/members-separator', '"alice@example.com;bob@example.com"'],
      ['room/members-spaces', '"alice@example.com, bob@example.com"'],
      ['room/members-duplicate', '"alice@example.com,Alice@example.com"'],
      ['room/members-not-email', '"alice,bob@example.com"'],
      ['list/duplicate-id', `"${breakingRoomId('list/duplicate-id')}"`],
      ['room/has-messages-type', '"yes"'],
    ];
    for (const [ruleId, expected] of expectations) {
      const roomId = breakingRoomId(ruleId);
      const diagnostics = diagnosticsOf(roomId);
      assert.deepEqual(
        diagnostics.map((diagnostic) => diagnostic.code),
        [ruleId],
        roomId,
      );
      assert.equal(diagnostics[0].source, 'WorldClient RTC contract');
      assert.match(diagnostics[0].message, /expects/);
      assert.equal((await underlined(roomId, diagnostics[0])).text, expected, `${ruleId}: the range in the document`);
    }
    const clean = ourDiagnostics().filter(([uri]) => !decodeURIComponent(uri.path).startsWith('/break-') && uri.path !== '/.jsonc');
    assert.deepEqual(
      clean.map(([uri]) => uri.toString()),
      [],
      'the sample rooms have no problem',
    );
  });

  it('a room whose "members" is built to backtrack leaves the host answering, and its problem is still reported', async function () {
    // The old pattern for a well-formed list took about a minute on this, blocking the host; the suite then times out.
    this.timeout(30_000);
    session = await withSandbox({ seed: { sample: true } });
    const members = `${Array.from({ length: 10 }, (_, index) => `a${index}@b.c.c.c.c.c.c.c.c`).join(',')};x@b.c`;
    session.sandbox.store.put({ id: 'backtracking-members', started: '2025-06-01T10:00:00.000Z', ended: '', members, messages: [] });
    await refreshRooms(session.api);
    const requests = session.sandbox.requests.length;
    await refreshRooms(session.api);
    assert.ok(session.sandbox.requests.length > requests, 'the next command reached the server');
    await waitFor(() => diagnosticsOf('backtracking-members').length > 0, "the room's problem");
    assert.deepEqual(
      diagnosticsOf('backtracking-members').map((diagnostic) => diagnostic.code),
      ['room/members-separator'],
    );
  });

  it("Check Rooms loads every room and places the reply's problems on the message at fault", async () => {
    session = await withSandbox({ seed: { sample: true, contractBreaking: true } });
    await refreshRooms(session.api);
    const summary = (await vscode.commands.executeCommand('worldclientRtc.checkRooms')) as {
      checked: number;
      problems: number;
      failed: number;
    };
    assert.equal(summary.failed, 0);
    // Every stored room but the one listed under the empty id, which cannot be asked for.
    assert.equal(summary.checked, session.sandbox.store.list().length - 1);
    const shown = await session.ui.waitForMessage(/^Checked \d+ rooms against the API contract\. \d+ problems in \d+ rooms\.$/);
    assert.equal(shown.severity, 'warning');
    assert.deepEqual(shown.actions, ['Show Problems']);
    for (const [ruleId, field] of [
      ['message/salt-base64', 'salt'],
      ['message/data-base64', 'data'],
      ['message/duplicate-id', 'id'],
      ['message/empty-id', 'id'],
    ] as const) {
      const roomId = breakingRoomId(ruleId);
      const [diagnostic] = diagnosticsOf(roomId);
      assert.equal(diagnostic?.code, ruleId, roomId);
      const { text, document } = await underlined(roomId, diagnostic);
      const room = JSON.parse(document.getText()) as { messages: Record<string, string>[] };
      assert.equal(text, JSON.stringify(room.messages[1][field]), `${ruleId} underlines the second message's ${field}`);
      assert.equal(
        diagnostic.range.start.line,
        document
          .getText()
          .split('\n')
          .findIndex((line) => line.startsWith('  "messages"')) + 2,
        'on the second message line',
      );
    }
    for (const [ruleId, expected] of [
      ['room/has-messages-mismatch', 'false'],
      ['reply/wrong-room', '"some-other-room"'],
      ['room/list-mismatch', '"carol@example.com"'],
    ] as const) {
      const roomId = breakingRoomId(ruleId);
      const [diagnostic] = diagnosticsOf(roomId);
      assert.equal(diagnostic?.code, ruleId, roomId);
      assert.equal((await underlined(roomId, diagnostic)).text, expected, ruleId);
    }
  });

  it("a room's reply problems belong to its server: gone after a switch, though the new server lists that id", async () => {
    session = await withSandbox({ seed: { contractBreaking: true } });
    const salt = breakingRoomId('message/salt-base64');
    const separator = breakingRoomId('room/members-separator');
    await refreshRooms(session.api);
    await vscode.commands.executeCommand('worldclientRtc.checkRooms');
    await session.ui.waitForMessage(/^Checked \d+ rooms against the API contract/);
    assert.deepEqual(
      diagnosticsOf(salt).map((diagnostic) => diagnostic.code),
      ['message/salt-base64'],
    );

    // The next server lists a clean room under the same id, and its list comes at once.
    const next = await startSandbox({ seed: { contractBreaking: true } });
    try {
      next.store.put({ id: salt, started: '2025-01-01T00:00:00.000Z', ended: '', members: 'ann@example.com', messages: [] });
      await switchServer(session, next);
      await refreshRooms(session.api);
      await waitFor(() => diagnosticsOf(separator).length > 0, "the new server's list checks");
      assert.deepEqual(diagnosticsOf(salt), [], "what the last server sent is not shown as the new one's");
      assert.equal(session.api.rooms.provider.annotations?.decoration(salt), undefined, 'no badge either');
    } finally {
      await next.stop();
    }
  });

  it('a clean server yields no problem, and Check Rooms says so', async () => {
    session = await withSandbox({ seed: { sample: true } });
    await refreshRooms(session.api);
    await vscode.commands.executeCommand('worldclientRtc.checkRooms');
    const shown = await session.ui.waitForMessage(/^Checked 12 rooms/);
    assert.equal(shown.message, 'Checked 12 rooms against the API contract. No problems found.');
    assert.deepEqual(ourDiagnostics(), []);
  });

  it('badges, tooltips and "Only Rooms with Problems" in the Rooms view; a setting turns rules off', async () => {
    session = await withSandbox({ seed: { sample: true, contractBreaking: true } });
    await refreshRooms(session.api);
    const separator = breakingRoomId('room/members-separator');
    // The list checks run just after the refresh hands out the first page.
    await waitFor(() => session.api.rooms.provider.annotations?.decoration(separator) !== undefined, 'the list checks');
    const item = session.api.rooms.provider.getTreeItem(renderChildren(session.api).find((rendered) => rendered.label === separator)!.node);
    assert.equal(item.resourceUri?.scheme, 'worldclient-rtc-room');
    const annotations = session.api.rooms.provider.annotations;
    const decoration = annotations?.decoration(separator);
    assert.equal(decoration?.badge, '1');
    assert.equal((decoration?.color as vscode.ThemeColor).id, 'problemsErrorIcon.foreground');
    assert.equal(
      (annotations?.decoration(breakingRoomId('room/members-spaces'))?.color as vscode.ThemeColor).id,
      'problemsWarningIcon.foreground',
      'warnings only: warning colour',
    );
    assert.equal(annotations?.decoration('weekly-standup'), undefined);
    const tooltip = renderChildren(session.api).find((rendered) => rendered.label === separator)!.tooltip;
    assert.match(tooltip, /\*\*Contract problems \(1\):\*\*/);
    assert.match(tooltip, /room\/members\\-separator\\?: .*separates addresses with/, `rule id and message, as escaped text: ${tooltip}`);

    await vscode.commands.executeCommand('worldclientRtc.showOnlyRoomsWithProblems');
    const labels = renderChildren(session.api).map((rendered) => rendered.label);
    assert.ok(labels.includes(separator));
    assert.ok(!labels.includes('weekly-standup'), 'clean rooms are hidden');
    assert.ok(
      labels.every((label) => label === '' || label.startsWith('break-')),
      labels.join(', '),
    );
    await vscode.commands.executeCommand('worldclientRtc.showAllRooms');
    assert.ok(renderChildren(session.api).some((rendered) => rendered.label === 'weekly-standup'));

    await setSetting('contract.disabledRules', ['room/members-separator']);
    await waitFor(() => diagnosticsOf(separator).length === 0, "the disabled rule's diagnostics to go");
    assert.equal(annotations?.decoration(separator), undefined);
    assert.ok(diagnosticsOf(breakingRoomId('room/members-spaces')).length > 0, 'other rules stay on');
  });

  it("the room panel lists the room's problems and marks the messages that have one", async () => {
    session = await withSandbox({ seed: { sample: true, contractBreaking: true } });
    const salt = breakingRoomId('message/salt-base64');
    await vscode.commands.executeCommand('worldclientRtc.openRoom', salt);
    await waitFor(() => session.api.panels.describe(salt)?.problems !== undefined, "the panel's problems");
    const shown = session.api.panels.describe(salt)?.problems;
    assert.deepEqual(shown?.room, []);
    assert.deepEqual(
      shown?.messages.map(({ index, ruleId }) => [index, ruleId]),
      [[1, 'message/salt-base64']],
    );
    assert.match(shown?.messages[0].message ?? '', /^Message 2 has the salt "not base64!"; the contract expects non-empty base64\.$/);

    const separator = breakingRoomId('room/members-separator');
    await vscode.commands.executeCommand('worldclientRtc.openRoom', separator);
    await waitFor(() => session.api.panels.describe(separator)?.problems?.room.length === 1, "the header's problem");
    assert.equal(session.api.panels.describe(separator)?.problems?.room[0].ruleId, 'room/members-separator');

    await vscode.commands.executeCommand('worldclientRtc.openRoom', 'weekly-standup');
    await waitFor(() => session.api.panels.describe('weekly-standup')?.problems !== undefined, "the clean room's (empty) problems");
    assert.deepEqual(session.api.panels.describe('weekly-standup')?.problems, { type: 'problems', room: [], messages: [] });
  });
});
