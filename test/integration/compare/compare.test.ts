import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { setSetting, waitFor, withSandbox, type SandboxSession } from '../support/fixtures';
import { refreshRooms } from '../support/tree';

interface RoomJson {
  id: string;
  messages: { id: string }[];
}

/** The diff editors open now: their title and the text of both sides. */
async function openDiffs(): Promise<{ label: string; original: vscode.Uri; modified: vscode.Uri; left: string; right: string }[]> {
  const diffs = [];
  for (const tab of vscode.window.tabGroups.all.flatMap((group) => group.tabs)) {
    if (tab.input instanceof vscode.TabInputTextDiff) {
      const { original, modified } = tab.input;
      const left = (await vscode.workspace.openTextDocument(original)).getText();
      const right = (await vscode.workspace.openTextDocument(modified)).getText();
      diffs.push({ label: tab.label, original, modified, left, right });
    }
  }
  return diffs;
}

async function onlyDiff(): Promise<Awaited<ReturnType<typeof openDiffs>>[number]> {
  await waitFor(async () => (await openDiffs()).length === 1, 'one diff editor');
  return (await openDiffs())[0];
}

/**
 * The room as the sandbox holds it, in the shape of the server's reply. Read from the store, not
 * from `worldclient-rtc:/<id>.json`: VS Code may still hold that document from an earlier test's
 * server, and a room of the same id there may differ.
 */
function storedRoom(s: SandboxSession, roomId: string): RoomJson & Record<string, unknown> {
  const room = s.sandbox.store.get(roomId);
  assert.ok(room, `the sandbox holds ${roomId}`);
  return {
    id: room.id,
    started: room.started,
    ended: room.ended,
    members: room.members,
    hasMessages: room.messages.length > 0,
    messages: room.messages,
  };
}

/** A message line without its comma, which leads on every message after the first. */
const withoutComma = (line: string): string => line.replace(/,$/, '').replace(/^ {2}, /, '    ');

function linesOnlyIn(text: string, other: string): string[] {
  const otherLines = new Set(other.split('\n').map(withoutComma));
  return text
    .split('\n')
    .map(withoutComma)
    .filter((line) => !otherLines.has(line));
}

describe('Compare with…', function () {
  this.timeout(120_000);
  let session: SandboxSession;
  let folder: string;

  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wcrtc-compare-'));
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setSetting('watchIntervalSeconds', undefined);
    await setSetting('compare.foldUnchangedAbove', undefined);
    await session?.dispose();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('with a saved snapshot: the room before Delete All Messages against the server now', async () => {
    session = await withSandbox({ seed: { sample: true } });
    session.ui.respond(/^Delete all 3 messages of room "release-planning"\?/, 'Delete All Messages');
    await vscode.commands.executeCommand('worldclientRtc.deleteMessages', 'release-planning');
    await session.ui.waitForMessage(/^Deleted 3 messages/);
    session.ui.pick((label) => label.startsWith('Snapshot of '));
    await vscode.commands.executeCommand('worldclientRtc.compareRoom', 'release-planning');
    const diff = await onlyDiff();
    assert.equal(diff.original.scheme, 'worldclient-rtc-compare');
    assert.equal(diff.modified.scheme, 'worldclient-rtc-compare');
    assert.match(diff.label, /^release-planning: snapshot .* ↔ server now$/);
    assert.equal((JSON.parse(diff.left) as RoomJson).messages.length, 3);
    assert.deepEqual((JSON.parse(diff.right) as RoomJson).messages, []);
  });

  it('with the room as the panel opened it: exactly the messages that arrived since, Watch or not', async () => {
    session = await withSandbox({ seed: { sample: true } });
    await setSetting('watchIntervalSeconds', 1);
    await vscode.commands.executeCommand('worldclientRtc.openRoom', 'weekly-standup');
    await waitFor(() => session.api.panels.describe('weekly-standup')?.status === 'ready', 'the panel to load');
    session.api.panels.receive('weekly-standup', { type: 'setWatch', enabled: true });
    const arrived = [
      { id: 'new-1', salt: 'c2FsdA==', data: 'ZGF0YQ==' },
      { id: 'new-2', salt: 'c2FsdA==', data: 'ZGF0YQ==' },
    ];
    session.sandbox.store.addMessages('weekly-standup', arrived);
    await waitFor(() => session.api.panels.describe('weekly-standup')?.newCount === 2, 'Watch to pick up the new messages', 15_000);
    session.ui.pick((label) => label.startsWith('When the panel was opened'));
    // The panel header's "Compare with…" button, as the webview posts it.
    session.api.panels.receive('weekly-standup', { type: 'action', action: 'compare' });
    const diff = await onlyDiff();
    assert.match(diff.label, /^weekly-standup: panel opened .* ↔ server now$/);
    assert.deepEqual(
      linesOnlyIn(diff.right, diff.left),
      arrived.map((message) => `    {"id": "${message.id}", "salt": "${message.salt}", "data": "${message.data}"}`),
    );
    assert.deepEqual(linesOnlyIn(diff.left, diff.right), [], 'nothing else differs');
  });

  it('a new message is one added line, the line before it unchanged; identical sides say there are no differences', async () => {
    session = await withSandbox({ seed: { sample: true } });
    await vscode.commands.executeCommand('worldclientRtc.openRoom', 'weekly-standup');
    await waitFor(() => session.api.panels.describe('weekly-standup')?.status === 'ready', 'the panel to load');
    session.ui.pick((label) => label.startsWith('When the panel was opened'));
    session.api.panels.receive('weekly-standup', { type: 'action', action: 'compare' });
    const same = await session.ui.waitForMessage(/no differences/);
    assert.match(same.message, /^“weekly-standup”: panel opened .* and server now are the same — no differences\.$/);
    assert.deepEqual(await openDiffs(), [], 'no empty diff is opened');

    session.sandbox.store.addMessages('weekly-standup', [{ id: 'new-1', salt: 'c2FsdA==', data: 'ZGF0YQ==' }]);
    session.ui.pick((label) => label.startsWith('When the panel was opened'));
    session.api.panels.receive('weekly-standup', { type: 'action', action: 'compare' });
    const diff = await onlyDiff();
    const leftLines = diff.left.split('\n');
    const rightLines = diff.right.split('\n');
    const at = rightLines.indexOf('  , {"id": "new-1", "salt": "c2FsdA==", "data": "ZGF0YQ=="}');
    assert.ok(at > 0, diff.right);
    const others = [...rightLines.slice(0, at), ...rightLines.slice(at + 1)];
    assert.deepEqual(others, leftLines, 'every other line, the one before included, is the same');
    // Strict JSON on both sides, so neither JSON nor JSON with Comments can report a problem (a trailing comma would be one).
    assert.equal((JSON.parse(diff.right) as RoomJson).messages.length, (JSON.parse(diff.left) as RoomJson).messages.length + 1);
  });

  it('with another room', async () => {
    session = await withSandbox({ seed: { sample: true } });
    await refreshRooms(session.api);
    session.ui.pick((label) => label.startsWith('Another room')).pick('incident-4711');
    await vscode.commands.executeCommand('worldclientRtc.compareRoom', 'weekly-standup');
    const diff = await onlyDiff();
    assert.equal(diff.label, 'weekly-standup: incident-4711 ↔ server now');
    assert.equal((JSON.parse(diff.left) as RoomJson).id, 'incident-4711');
    assert.equal((JSON.parse(diff.left) as RoomJson).messages.length, 250);
    assert.equal((JSON.parse(diff.right) as RoomJson).id, 'weekly-standup');
  });

  it('a big room opens with its unchanged stretches folded, every change shown; with folding off, whole', async () => {
    session = await withSandbox({ seed: { bigRoom: { id: 'big', messages: 20_000 } } });
    const server = storedRoom(session, 'big');
    const removed = server.messages[12_345];
    const changed = { ...server.messages[100], data: 'Y2hhbmdlZA' };
    const exported = {
      ...server,
      messages: [...server.messages.slice(0, 100), changed, ...server.messages.slice(101, 12_345), ...server.messages.slice(12_346)],
    };
    const file = path.join(folder, 'big.json');
    fs.writeFileSync(file, JSON.stringify(exported));
    const messageLine = (message: { id: string }) => `    ${JSON.stringify(message).replace(/","/g, '", "').replace(/":"/g, '": "')}`;

    session.ui.pick((label) => label.startsWith('A JSON file'));
    session.ui.nextUri.push(vscode.Uri.file(file));
    await vscode.commands.executeCommand('worldclientRtc.compareRoom', 'big');
    const folded = await onlyDiff();
    assert.ok(folded.right.split('\n').length < 60, `the server side has ${folded.right.split('\n').length} lines`);
    assert.deepEqual(linesOnlyIn(folded.left, folded.right), [messageLine(changed)]);
    assert.deepEqual(linesOnlyIn(folded.right, folded.left), [messageLine(server.messages[100]), messageLine(removed)]);
    const foldLine =
      '    // … 12,238 unchanged messages folded (from line 112 on the left, line 112 on the right; ' +
      'setting worldclientRtc.compare.foldUnchangedAbove) …';
    assert.ok(folded.right.split('\n').includes(foldLine), 'the fold line, word for word');
    assert.match(folded.right, /^ {2}"id": "big",$/m, "the room's fields show");
    assert.equal(
      (await vscode.workspace.openTextDocument(folded.modified)).languageId,
      'jsonc',
      'fold lines are comments, not JSON errors',
    );

    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setSetting('compare.foldUnchangedAbove', 0);
    session.ui.pick((label) => label.startsWith('A JSON file'));
    session.ui.nextUri.push(vscode.Uri.file(file));
    await vscode.commands.executeCommand('worldclientRtc.compareRoom', 'big');
    const whole = await onlyDiff();
    assert.deepEqual(JSON.parse(whole.left), exported);
    assert.equal((JSON.parse(whole.right) as RoomJson).messages.length, 20_000);
  });

  it("Compare with Server on a big export given by its URI (the Explorer's menu) opens a folded diff", async () => {
    session = await withSandbox({ seed: { bigRoom: { id: 'big', messages: 100_000 } } });
    const server = storedRoom(session, 'big');
    const file = path.join(folder, 'big-export.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        format: 'worldclient-rtc-rooms',
        version: 1,
        exportedAt: '2025-01-01T00:00:00Z',
        server: 'x',
        rooms: [{ ...server, messages: server.messages.slice(1) }],
      }),
    );
    await vscode.commands.executeCommand('worldclientRtc.compareWithServer', vscode.Uri.file(file));
    const diff = await onlyDiff();
    assert.ok(diff.right.split('\n').length < 60, `folded: the server side has ${diff.right.split('\n').length} lines`);
    assert.deepEqual(
      linesOnlyIn(diff.right, diff.left),
      [`    ${JSON.stringify(server.messages[0]).replace(/","/g, '", "').replace(/":"/g, '": "')}`],
      'the one message the export lacks',
    );
  });

  it('with a JSON file (an export), and Compare with Server on the file in an editor', async () => {
    session = await withSandbox({ seed: { sample: true } });
    const standup = JSON.parse(
      (await vscode.workspace.openTextDocument(vscode.Uri.parse('worldclient-rtc:/weekly-standup.json'))).getText(),
    ) as RoomJson & Record<string, unknown>;
    const oneOnOne = JSON.parse(
      (await vscode.workspace.openTextDocument(vscode.Uri.parse('worldclient-rtc:/one-on-one.json'))).getText(),
    ) as RoomJson;
    const edited = { ...standup, members: 'someone@example.com', messages: standup.messages.slice(0, 10) };
    const file = path.join(folder, 'export.json');
    fs.writeFileSync(
      file,
      JSON.stringify(
        { format: 'worldclient-rtc-rooms', version: 1, exportedAt: '2025-01-01T00:00:00Z', server: 'x', rooms: [edited, oneOnOne] },
        null,
        2,
      ),
    );

    session.ui.pick((label) => label.startsWith('A JSON file'));
    session.ui.nextUri.push(vscode.Uri.file(file));
    await vscode.commands.executeCommand('worldclientRtc.compareRoom', 'weekly-standup');
    const diff = await onlyDiff();
    assert.match(diff.label, /^weekly-standup: .*export\.json ↔ server now$/);
    assert.deepEqual(JSON.parse(diff.left), edited);
    assert.deepEqual(linesOnlyIn(diff.right, diff.left), [
      `  "members": "${String(standup.members)}"`,
      ...standup.messages.slice(10).map((message) => `    ${JSON.stringify(message).replace(/","/g, '", "').replace(/":"/g, '": "')}`),
    ]);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');

    await vscode.window.showTextDocument(vscode.Uri.file(file));
    await vscode.commands.executeCommand('worldclientRtc.compareWithServer');
    await waitFor(async () => (await openDiffs()).length === 1, 'a diff editor for the changed room');
    assert.deepEqual(
      (await openDiffs()).map((each) => each.label.split(':')[0]),
      ['weekly-standup'],
    );
    // The unchanged room opens no empty diff: a notification says so.
    await session.ui.waitForMessage(/^“one-on-one”: .*export\.json and server now are the same — no differences\.$/);
  });

  it('with the room as recorded at a moment of its history: exactly what arrived since, as ids and hashes', async () => {
    session = await withSandbox({ seed: { sample: true } });
    const current = session;
    // The history is kept per server URL, and a port may come back: a room of this test's own.
    const roomId = `recorded-${Date.now()}`;
    const message = (id: string) => ({ id, salt: 'c2FsdA==', data: 'ZGF0YQ==' });
    current.sandbox.store.put({
      id: roomId,
      started: '2026-12-01T10:00:00Z',
      ended: '',
      members: 'a@example.com',
      messages: [message('m1')],
    });
    await setSetting('watchIntervalSeconds', 1);
    await vscode.commands.executeCommand('worldclientRtc.openRoom', roomId);
    const firstSeen = (messageId: string) =>
      current.api.panels.rows(roomId, 0, 100).find((row) => row.id === messageId)?.history?.firstSeen;
    await waitFor(() => firstSeen('m1') !== undefined, 'the first sighting recorded', 15_000);
    current.api.panels.receive(roomId, { type: 'setWatch', enabled: true });
    current.sandbox.store.addMessages(roomId, [message('new-1'), message('new-2')]);
    await waitFor(() => firstSeen('new-2') !== undefined, 'Watch to record the arrivals', 15_000);

    const recordedAt = new Date(firstSeen('m1') ?? 0).toLocaleString();
    session.ui.pick((label) => label.startsWith('The room as recorded at')).pick(recordedAt);
    await vscode.commands.executeCommand('worldclientRtc.compareRoom', roomId);
    const diff = await onlyDiff();
    assert.equal(diff.label, `${roomId}: recorded ${recordedAt} ↔ server now`);
    const added = linesOnlyIn(diff.right, diff.left);
    assert.equal(added.length, 2, added.join('\n'));
    assert.match(added[0], /^ {4}\{"id": "new-1", "hash": "[0-9a-f]{16}"\}$/);
    assert.match(added[1], /^ {4}\{"id": "new-2", "hash": "[0-9a-f]{16}"\}$/);
    assert.deepEqual(linesOnlyIn(diff.left, diff.right), [], 'nothing else differs');
    assert.match(diff.left, /"id": "m1", "hash"/);
    assert.doesNotMatch(diff.left + diff.right, /ZGF0YQ==|c2FsdA==/, 'no message content: the history keeps hashes');
  });
});
