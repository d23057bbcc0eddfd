import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { withSandbox, type SandboxSession } from '../support/fixtures';

describe('Import into a server that already has some of the rooms', function () {
  this.timeout(120_000);
  let session: SandboxSession;
  let file: string;

  beforeEach(async () => {
    session = await withSandbox({ seed: { sample: true, oddIds: true } });
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wcrtc-')), 'export.json');
    session.ui.nextUri.push(vscode.Uri.file(file));
    await vscode.commands.executeCommand('worldclientRtc.exportRooms', undefined, ['incident-4711', 'weekly-standup', 'a/b']);
    session.sandbox.store.delete('a/b');
    session.ui.nextUri.push(vscode.Uri.file(file));
  });
  afterEach(async () => {
    await session?.dispose();
  });

  it('asks once for all conflicts; Replace keeps a copy, and Undo puts the old rooms back', async () => {
    const changed = { ...structuredClone(session.sandbox.store.get('weekly-standup')!), members: 'changed@example.com', messages: [] };
    session.sandbox.store.put(changed);
    const exported = JSON.parse(fs.readFileSync(file, 'utf8')) as { rooms: { id: string; members: string }[] };
    session.ui.pick('Replace');
    const summary = session.ui.hold(/^Imported 1 room, replaced 2\.$/);
    const report = (await vscode.commands.executeCommand('worldclientRtc.importRooms')) as { replaced: string[]; imported: string[] };
    const question = session.ui.prompts.at(-1) ?? '';
    const asked = `2 rooms already exist on ${session.sandbox.url}: “incident-4711”, “weekly-standup”: `;
    assert.ok(question.startsWith(asked), `asked once, naming the server and both rooms: ${question}`);
    assert.deepEqual(
      session.ui.quickPicks.at(-1)?.map((item) => item.label),
      ['Skip', 'Replace', 'Import under a new id'],
    );
    assert.deepEqual(report.imported, ['a/b']);
    assert.deepEqual(report.replaced, ['incident-4711', 'weekly-standup']);
    const shown = await session.ui.waitForMessage(/^Imported 1 room, replaced 2\.$/);
    assert.deepEqual(shown.actions, ['Undo Replace']);
    assert.match(shown.detail ?? '', /^Imported: “a\/b”\nReplaced \(Undo puts the old ones back\): “incident-4711”, “weekly-standup”$/);
    const replacedMembers = exported.rooms.find((room) => room.id === 'weekly-standup')?.members;
    assert.equal(session.sandbox.store.get('weekly-standup')?.members, replacedMembers, 'the file’s room is on the server');

    summary.release('Undo Replace');
    await session.ui.waitForMessage(/^Put back “incident-4711”, “weekly-standup” as before the import\.$/);
    assert.deepEqual(session.sandbox.store.get('weekly-standup'), changed, 'the server’s room is back as it was');
  });

  it('Import under a new id picks an id no room uses, and the summary names each new id', async () => {
    session.sandbox.store.put({ id: 'incident-4711-imported', started: '', ended: '', members: 'a@x.org', messages: [] });
    session.ui.pick('Import under a new id');
    session.ui.respond(/^Imported 1 room, imported 2 under a new id\.$/, undefined);
    const report = (await vscode.commands.executeCommand('worldclientRtc.importRooms')) as { renamed: { from: string; to: string }[] };
    assert.deepEqual(report.renamed, [
      { from: 'incident-4711', to: 'incident-4711-imported-2' },
      { from: 'weekly-standup', to: 'weekly-standup-imported' },
    ]);
    const original = session.sandbox.store.get('incident-4711');
    assert.deepEqual(session.sandbox.store.get('incident-4711-imported-2')?.messages, original?.messages);
    const shown = await session.ui.waitForMessage(/^Imported 1 room, imported 2 under a new id\.$/);
    assert.match(
      shown.detail ?? '',
      /Imported “incident-4711” as “incident-4711-imported-2”\nImported “weekly-standup” as “weekly-standup-imported”/,
    );
  });

  it('Skip leaves the existing rooms as they are and names each in the summary', async () => {
    session.ui.pick('Skip');
    session.ui.respond(/^Imported 1 room, skipped 2\.$/, undefined);
    await vscode.commands.executeCommand('worldclientRtc.importRooms');
    const shown = await session.ui.waitForMessage(/^Imported 1 room, skipped 2\.$/);
    assert.match(shown.detail ?? '', /Skipped “incident-4711”: a room with this id already exists\nSkipped “weekly-standup”: a room/);
  });
});
