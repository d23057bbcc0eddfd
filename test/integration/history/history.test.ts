import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MessageRow } from '../../../src/shared/protocol';
import { setSetting, waitFor, withSandbox, type SandboxSession } from '../support/fixtures';
import { refreshRooms, renderChildren } from '../support/tree';

const WATCH_SECONDS = 2;

describe('Message history', function () {
  this.timeout(120_000);
  let session: SandboxSession | undefined;
  // The sandbox's port (so its URL, so its history) may come back in a later test: each test has rooms of its own.
  let roomId = '';

  beforeEach(() => {
    roomId = `history-${Date.now()}`;
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setSetting('watchIntervalSeconds', undefined);
    await setSetting('history.maxMegabytes', undefined);
    await session?.dispose();
    session = undefined;
  });

  async function openWatchedRoom(current: SandboxSession): Promise<void> {
    const message = (id: string): { id: string; salt: string; data: string } => ({ id, salt: 'c2FsdA==', data: 'ZGF0YQ==' });
    current.sandbox.store.put({
      id: roomId,
      started: '2026-12-01T10:00:00Z',
      ended: '',
      members: 'a@example.com',
      messages: [message('m1')],
    });
    await setSetting('watchIntervalSeconds', WATCH_SECONDS);
    await vscode.commands.executeCommand('worldclientRtc.openRoom', roomId);
    current.api.panels.receive(roomId, { type: 'setWatch', enabled: true });
  }

  function rowOf(current: SandboxSession, messageId: string): MessageRow | undefined {
    return current.api.panels.rows(roomId, 0, 100).find((row) => row.id === messageId);
  }

  it('a message added while Watch runs gets a First seen within one Watch interval; one there before says so', async () => {
    session = await withSandbox({ seed: { sample: true } });
    const current = session;
    await openWatchedRoom(current);
    await waitFor(() => Boolean(rowOf(current, 'm1')?.history), 'the first sighting recorded');
    assert.equal(rowOf(current, 'm1')?.history?.before, true, 'm1 was there when the room was first seen');

    const addedAt = Date.now();
    current.sandbox.store.addMessages(roomId, [{ id: 'arrived', salt: 'c2FsdA==', data: 'bmV3' }]);
    await waitFor(() => Boolean(rowOf(current, 'arrived')?.history), 'Watch to record the new message', 15_000);
    const seen = rowOf(current, 'arrived')?.history;
    assert.equal(seen?.before, false);
    const delay = (seen?.firstSeen ?? 0) - addedAt;
    // One interval, plus the poll's own request to the sandbox, which answers from this same busy
    // process (a second on a loaded CI machine); a poll missed or recorded late is a whole interval more.
    assert.ok(delay >= 0 && delay <= WATCH_SECONDS * 1000 + 1000, `first seen ${delay} ms after it was added`);

    // Sorted by First seen, newest first: the arrival leads.
    current.api.panels.receive(roomId, { type: 'sort', order: { by: 'firstSeen', descending: true } });
    assert.deepEqual(
      current.api.panels.rows(roomId, 0, 2).map((row) => row.id),
      ['arrived', 'm1'],
    );
  });

  it('marks a message whose data changed under the same id, with the earlier hash', async () => {
    session = await withSandbox({ seed: { sample: true } });
    const current = session;
    await openWatchedRoom(current);
    await waitFor(() => Boolean(rowOf(current, 'm1')?.history), 'the first sighting recorded');
    const firstHash = rowOf(current, 'm1')?.history;
    assert.equal(firstHash?.changedAt, null);

    const stored = current.sandbox.store.get(roomId);
    assert.ok(stored);
    current.sandbox.store.put({ ...stored, messages: [{ id: 'm1', salt: 'c2FsdA==', data: 'Y2hhbmdlZA==' }] });
    await waitFor(() => typeof rowOf(current, 'm1')?.history?.changedAt === 'number', 'Watch to see the change', 15_000);
    const changed = rowOf(current, 'm1')?.history;
    assert.match(changed?.previousHash ?? '', /^[0-9a-f]{16}$/);
    assert.equal(changed?.before, true, 'still first seen when the room was');
  });

  it('the Rooms view shows a "new" count for messages seen since the room was opened; opening it clears the count', async () => {
    session = await withSandbox({ seed: { sample: true } });
    const current = session;
    await openWatchedRoom(current);
    await refreshRooms(current.api);
    const item = (): { tooltip: string; badge: string | undefined } => {
      const rendered = renderChildren(current.api).find((candidate) => candidate.label === roomId);
      const node = rendered?.node;
      const uri = node ? current.api.rooms.provider.getTreeItem(node).resourceUri : undefined;
      return { tooltip: rendered?.tooltip ?? '', badge: uri ? current.api.history.decorations.decoration(roomId)?.badge : undefined };
    };
    await waitFor(() => Boolean(rowOf(current, 'm1')?.history), 'the first sighting recorded');
    assert.equal(item().badge, undefined);

    current.sandbox.store.addMessages(roomId, [
      { id: 'n1', salt: '', data: 'YQ==' },
      { id: 'n2', salt: '', data: 'Yg==' },
    ]);
    await waitFor(() => item().badge === '2', 'the "new" badge', 15_000);
    assert.match(item().tooltip, /2 new messages since you last opened this room/);

    await vscode.commands.executeCommand('worldclientRtc.openRoom', roomId);
    await waitFor(() => item().badge === undefined, 'the badge to clear');
    assert.doesNotMatch(item().tooltip, /new message/);
  });

  it('a list recorded without new messages leaves the "new" counts, and the Rooms view, as they were', async () => {
    session = await withSandbox({ seed: { sample: true } });
    const current = session;
    current.sandbox.store.put({ id: roomId, started: '2026-12-01T10:00:00Z', ended: '', members: 'a@example.com', messages: [] });
    // The view is on screen, and the history has recorded the list once.
    renderChildren(current.api);
    await refreshRooms(current.api);
    await current.api.history.whenIdle();
    let told = 0;
    const listener = current.api.history.decorations.onDidChange(() => told++);
    try {
      // A room's fields change: the history records that, and no message, so no count.
      current.sandbox.store.put({
        id: roomId,
        started: '2026-12-01T10:00:00Z',
        ended: '',
        members: 'a@example.com,b@example.com',
        messages: [],
      });
      await refreshRooms(current.api);
      await current.api.history.whenIdle();
      assert.equal(told, 0, 'no count changed: before, every recorded list told VS Code of each room it named and redrew the view');
      current.sandbox.store.addMessages(roomId, [{ id: 'n1', salt: '', data: 'YQ==' }]);
      await vscode.commands.executeCommand('worldclientRtc.openRoom', roomId);
      await current.api.history.whenIdle();
      await waitFor(() => told > 0, 'the opening, which sets the count to nought, to be told');
    } finally {
      listener.dispose();
    }
  });

  it('keeps a server within its budget: the rooms first seen longest ago are forgotten first', async () => {
    session = await withSandbox({ seed: {} });
    const current = session;
    await setSetting('history.maxMegabytes', 1);
    const room = (id: string, count: number) => ({
      id,
      started: '2026-12-01T10:00:00Z',
      ended: '',
      members: 'a@example.com',
      messages: Array.from({ length: count }, (_, index) => ({ id: `m${index}`, salt: 'c2FsdA==', data: 'ZGF0YQ==' })),
    });
    const firstSeen = (id: string): number | undefined => current.api.panels.rows(id, 0, 1)[0]?.history?.firstSeen;
    const openAndRecord = async (id: string): Promise<number> => {
      await vscode.commands.executeCommand('worldclientRtc.openRoom', id);
      await waitFor(() => firstSeen(id) !== undefined, `${id} recorded`, 30_000);
      return firstSeen(id) ?? 0;
    };
    // About 30 bytes a message on disk: a room of 12,000 fits the 1 MB budget, four of them do not.
    const oldest = `${roomId}-oldest`;
    const big = [1, 2, 3, 4].map((index) => `${roomId}-big-${index}`);
    current.sandbox.store.put(room(oldest, 3));
    big.forEach((id) => current.sandbox.store.put(room(id, 12_000)));
    const oldestSeen = await openAndRecord(oldest);
    let newestSeen = 0;
    for (const id of big) {
      newestSeen = await openAndRecord(id);
    }

    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.ok((await openAndRecord(oldest)) > oldestSeen, 'the oldest room was forgotten: seen again as if for the first time');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.equal(await openAndRecord(big[3]), newestSeen, 'the newest room keeps its history');
  });

  it('Clear History empties the server history', async () => {
    session = await withSandbox({ seed: { sample: true } });
    const current = session;
    await openWatchedRoom(current);
    await waitFor(() => Boolean(rowOf(current, 'm1')?.history), 'the first sighting recorded');
    // Watch off first: its next poll would record the room again.
    current.api.panels.receive(roomId, { type: 'setWatch', enabled: false });
    current.ui.pick(new URL(current.sandbox.url).origin);
    await vscode.commands.executeCommand('worldclientRtc.clearHistory');
    assert.equal(rowOf(current, 'm1')?.history, null);
    assert.ok(current.ui.shown.some((shown) => /message history of .* is cleared/.test(JSON.stringify(shown))));
  });
});
