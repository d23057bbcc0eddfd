import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { withSandbox, type SandboxSession } from './support/fixtures';

describe('Small but visible edges', function () {
  this.timeout(120_000);
  let session: SandboxSession | undefined;

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await session?.dispose();
    session = undefined;
  });

  it('the palette picker calls a room ending in the future active, as the tree does', async () => {
    const s = (session = await withSandbox({ seed: { sample: true } }));
    s.ui.pick('all-hands-q3');
    await vscode.commands.executeCommand('worldclientRtc.openRoomJson');
    const items = s.ui.quickPicks.at(-1) ?? []; // the first one was Sign In's
    assert.equal(items.find((item) => item.label === 'all-hands-q3')?.description, 'active', 'its end lies in the future');
    assert.equal(items.find((item) => item.label === 'incident-4711')?.description, 'ended');
    assert.equal(items.find((item) => item.label === 'weekly-standup')?.description, 'active');
  });

  it('Export starts in the workspace folder or home with a name that is safe on Windows', async () => {
    const s = (session = await withSandbox({ seed: {} }));
    s.sandbox.store.put({ id: 'CON', started: '2026-11-24T10:00:00Z', ended: '', members: '', messages: [] });
    s.sandbox.store.put({ id: 'a:b|c?', started: '2026-11-24T10:00:00Z', ended: '', members: '', messages: [] });
    // The test reads where each save dialog starts, then cancels both.
    s.ui.nextUri.push(undefined, undefined);
    await vscode.commands.executeCommand('worldclientRtc.exportRooms', 'CON');
    await vscode.commands.executeCommand('worldclientRtc.exportRooms', 'a:b|c?');
    const [con, odd] = s.ui.saveDialogs.map((options) => options.defaultUri);
    assert.ok(con && odd);
    assert.equal(path.basename(con.fsPath), 'room-CON.json');
    assert.equal(path.basename(odd.fsPath), 'a_b_c_.json');
    const expectedFolder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.homedir();
    assert.equal(path.dirname(con.fsPath), expectedFolder, 'not the file-system root');
  });

  it('Export replaces an existing file whole and leaves no temporary file', async () => {
    const s = (session = await withSandbox({ seed: { sample: true } }));
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wcrtc-export-'));
    const file = path.join(folder, 'export.json');
    fs.writeFileSync(file, 'an older export that is much longer than nothing at all '.repeat(1000));
    s.ui.nextUri.push(vscode.Uri.file(file));
    await vscode.commands.executeCommand('worldclientRtc.exportRooms', 'one-on-one');
    assert.equal((JSON.parse(fs.readFileSync(file, 'utf8')) as { rooms: { id: string }[] }).rooms[0].id, 'one-on-one');
    assert.deepEqual(fs.readdirSync(folder), ['export.json']);
  });

  it('Export onto a folder of that name writes nothing: the folder and its files stay, no temporary file is left', async () => {
    const s = (session = await withSandbox({ seed: { sample: true } }));
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wcrtc-export-'));
    const target = path.join(folder, 'export.json');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'keep.txt'), 'mine');
    s.ui.nextUri.push(vscode.Uri.file(target));
    await vscode.commands.executeCommand('worldclientRtc.exportRooms', 'one-on-one');
    const refused = await s.ui.waitForMessage(/export\.json/);
    assert.equal(refused.severity, 'error');
    assert.equal(fs.readFileSync(path.join(target, 'keep.txt'), 'utf8'), 'mine', 'the folder is untouched');
    assert.deepEqual(fs.readdirSync(folder), ['export.json'], 'no temporary file is left');
  });

  it('Import refuses a file above its documented limit with a clear message, before reading it', async () => {
    const s = (session = await withSandbox({ seed: {} }));
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wcrtc-import-')), 'huge.json');
    // A sparse file: 201 MiB to the file system, no disk space used.
    fs.writeFileSync(file, '');
    fs.truncateSync(file, 201 * 1024 * 1024);
    s.ui.nextUri.push(vscode.Uri.file(file));
    assert.equal(await vscode.commands.executeCommand('worldclientRtc.importRooms'), undefined);
    const refused = await s.ui.waitForMessage(/Import reads at most 200 MiB/);
    assert.equal(refused.severity, 'error');
    assert.match(refused.message, /is 201\.0 MiB.*Split it into smaller files/);
    assert.deepEqual(s.sandbox.store.list(), []);
  });
});
