import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { hugeRoomParts } from '../sandbox/faults';
import { waitFor, withSandbox, type SandboxSession } from './support/fixtures';
import { refreshRooms } from './support/tree';

const MB = 1_000_000;
const HUGE = ['huge-1', 'huge-2', 'huge-3', 'huge-4'];

/** Rooms whose every reply is `bytes` of `{}` messages, streamed by the sandbox. */
function addHugeRooms(session: SandboxSession, ids: readonly string[], bytes: number): void {
  for (const id of ids) {
    session.sandbox.store.put({ id, started: '2026-11-24T10:00:00.000Z', ended: '', members: 'ann@example.com', messages: [] });
    session.sandbox.addFault({ kind: 'hugeRoom', roomId: id, hugeBodyBytes: bytes, method: 'GET' });
  }
}

function sha256(parts: Iterable<string>): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    hash.update(part);
  }
  return hash.digest('hex');
}

describe('Replies too big to hold', function () {
  this.timeout(240_000);
  let session: SandboxSession;

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await session?.dispose();
  });

  it('Check Rooms over four 60 MB rooms leaves the host answering, and its summary names each room with its reason', async () => {
    session = await withSandbox({ seed: { sample: true } });
    addHugeRooms(session, HUGE, 60 * MB);
    // A room that answers late keeps Check Rooms busy, so whatever the machine's speed the other command runs meanwhile.
    session.sandbox.store.put({ id: 'late', started: '2026-11-24T10:00:00.000Z', ended: '', members: 'ann@example.com', messages: [] });
    session.sandbox.addFault({ kind: 'delay', roomId: 'late', delayMs: 15_000, method: 'GET' });
    await refreshRooms(session.api);
    let checkFinished = false;
    const check = Promise.resolve(vscode.commands.executeCommand('worldclientRtc.checkRooms')).finally(() => {
      checkFinished = true;
    });
    const asked = (id: string): boolean => session.sandbox.requests.some((request) => request.path.endsWith(`/rooms/${id}`));
    await waitFor(() => HUGE.some(asked), 'Check Rooms to ask for a big room');
    // Another command of ours, while the big rooms load: it is answered before Check Rooms ends.
    session.ui.respond(/^Connection to /, undefined);
    const lines = (await vscode.commands.executeCommand('worldclientRtc.testConnection')) as { ok: boolean }[];
    assert.ok(lines.length > 0 && lines.every((line) => line.ok), JSON.stringify(lines));
    assert.equal(checkFinished, false, 'Test Connection was answered while Check Rooms was still loading');
    const summary = (await check) as { failed: number; failures: { roomId: string; reason: string }[] };
    assert.equal(summary.failed, 4);
    assert.deepEqual(summary.failures.map((failure) => failure.roomId).sort(), HUGE);
    const shown = await session.ui.waitForMessage(/4 rooms could not be loaded/);
    const named = shown.message.match(/"huge-\d" \(too big: 60 MB, over the 500 MB limit\)/g) ?? [];
    assert.equal(new Set(named).size, 3, shown.message);
    assert.match(shown.message, /\) and 1 more\. No problems found\.$/);
    assert.deepEqual(shown.actions, ['Show Details']);
  });

  it('a panel of a room too big to hold says so, shows the listed fields, and Export JSON streams the reply to a file', async () => {
    session = await withSandbox({ seed: {} });
    addHugeRooms(session, ['huge-1'], 30 * MB);
    await refreshRooms(session.api);
    await vscode.commands.executeCommand('worldclientRtc.openRoom', 'huge-1').then(undefined, () => undefined);
    await waitFor(() => session.api.panels.describe('huge-1')?.status === 'error', 'the panel to fail its load');
    const panel = session.api.panels.describe('huge-1');
    assert.match(panel?.statusText ?? '', /is too big: 30 MB, over the 500 MB limit\..*Export JSON… still saves the room to a file/);
    assert.equal(panel?.header?.members, 'ann@example.com', 'the fields from the room list');
    assert.equal(panel?.header?.messageCount, null);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wcrtc-too-big-')), 'huge.json');
    session.ui.nextUri.push(vscode.Uri.file(file));
    session.api.panels.receive('huge-1', { type: 'action', action: 'exportJson' });
    await session.ui.waitForMessage(/^Exported room "huge-1" as the server sent it \(30 MB, not checked\) to /, 60_000);
    const written = fs.readFileSync(file);
    const expected = sha256(hugeRoomParts('huge-1', 30 * MB));
    assert.equal(createHash('sha256').update(written).digest('hex'), expected, 'the file holds the reply byte for byte');
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ['huge.json'], 'no temporary file left');
  });
});
