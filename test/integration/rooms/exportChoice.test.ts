import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { withSandbox, type SandboxSession } from '../support/fixtures';
import { refreshRooms } from '../support/tree';

function exportedIds(file: string): string[] {
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { rooms: { id: string }[] }).rooms.map((room) => room.id).sort();
}

describe('Export Rooms… asks which rooms', function () {
  this.timeout(120_000);
  let session: SandboxSession;
  let file: string;

  beforeEach(async () => {
    session = await withSandbox({ seed: { sample: true } });
    await refreshRooms(session.api);
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wcrtc-')), 'export.json');
  });
  afterEach(async () => {
    session?.api.rooms.model.setQuery({ filter: '' });
    await session?.dispose();
  });

  it('with no room named, offers all rooms, the filtered ones or a pick, and exports the choice', async () => {
    session.api.rooms.model.setQuery({ filter: 'incident' });
    session.ui.pick('The rooms the filter shows');
    session.ui.nextUri.push(vscode.Uri.file(file));
    await vscode.commands.executeCommand('worldclientRtc.exportRooms');
    const all = session.sandbox.store.list().length;
    assert.deepEqual(
      // The last quick pick: the first ones were the sign-in's.
      (session.ui.quickPicks.at(-1) ?? []).map((item) => `${item.label} (${item.description ?? ''})`),
      [`All rooms (${all} rooms)`, 'The rooms the filter shows (1 room)', 'Pick rooms… ()'],
    );
    assert.deepEqual(exportedIds(file), ['incident-4711']);
  });

  it('from the keyboard in the tree (Ctrl+S), asks too, offering the selection as one choice', async () => {
    session.ui.pick('Pick rooms…').pick('one-on-one', 'weekly-standup');
    session.ui.nextUri.push(vscode.Uri.file(file));
    await vscode.commands.executeCommand('worldclientRtc.exportRooms', { useSelection: true });
    assert.deepEqual(exportedIds(file), ['one-on-one', 'weekly-standup']);
  });

  it('Export All Rooms exports every room without asking which', async () => {
    session.ui.nextUri.push(vscode.Uri.file(file));
    await vscode.commands.executeCommand('worldclientRtc.exportAllRooms');
    assert.deepEqual(
      exportedIds(file),
      session.sandbox.store
        .list()
        .map((room) => room.id)
        .sort(),
    );
  });
});
