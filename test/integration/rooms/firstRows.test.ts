import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RoomSummary } from '../../../src/api/types';
import { ContractProblems } from '../../../src/contract/contractProblems';
import type { RoomsModel } from '../../../src/rooms/roomsModel';
import { RoomsTreeProvider } from '../../../src/rooms/roomsTreeProvider';
import { breakingRoomId } from '../../sandbox/contractBreakingSeed';
import { waitFor, withSandbox, type SandboxSession } from '../support/fixtures';
import { refreshRooms, renderChildren } from '../support/tree';

/**
 * The Rooms view hands VS Code its first rows before anything else, and what the view showed
 * with them before (the count, the contract badges, the tooltips) still follows within a second.
 */
describe('Rooms view: the first rows first, then the rest', function () {
  this.timeout(120_000);
  let session: SandboxSession;

  afterEach(async () => {
    await session?.dispose();
  });

  it('tells VS Code of a new list once per refresh: every announcement makes it ask for each row again', async () => {
    session = await withSandbox({ seed: { sample: true } });
    await refreshRooms(session.api);
    // The view is on screen: VS Code has asked for its rows, so it is told when they change.
    renderChildren(session.api);
    let announced = 0;
    const listener = session.api.rooms.provider.onDidChangeTreeData(() => announced++);
    try {
      await refreshRooms(session.api);
      // Not when the refresh starts, nor again when it ends: VS Code holds back the second of
      // two announcements 200 ms apart, and the rows with it.
      assert.equal(announced, 1, 'one announcement for the new list');
    } finally {
      listener.dispose();
    }
    assert.equal(renderChildren(session.api).length, 12);
  });

  it('tells nobody when a list is checked again with the same findings, and tells them when a finding changes', async () => {
    const room = (id: string, members: string) => ({ id, started: '2025-06-02T08:30:00.000Z', ended: '', members, hasMessages: false });
    const problems = new ContractProblems(new Set(), Date.now);
    const told: (readonly string[] | undefined)[] = [];
    const subscription = problems.onDidChange(({ roomIds }) => told.push(roomIds));
    const check = async (rooms: object[]): Promise<void> => {
      problems.setList(rooms);
      await waitFor(() => !problems.checkingList, 'the list checks');
    };
    try {
      await check([room('fine', 'alice@example.com'), room('broken', 'alice@example.com;bob@example.com')]);
      assert.deepEqual(told, [['broken']], 'the first findings');
      // What every refresh of an unchanged server sends: a new list, the same rooms.
      await check([room('fine', 'alice@example.com'), room('broken', 'alice@example.com;bob@example.com')]);
      assert.deepEqual(told, [['broken']], 'the same findings again are no news (before, each check told the Rooms view to redraw)');
      await check([room('fine', 'alice@example.com;bob@example.com'), room('broken', 'alice@example.com;bob@example.com')]);
      assert.deepEqual([...(told.at(-1) ?? [])].sort(), ['broken', 'fine'], 'a new finding is news');
      await check([room('fine', 'alice@example.com')]);
      assert.deepEqual([...(told.at(-1) ?? [])].sort(), ['broken', 'fine'], 'findings gone with their rooms are news');
      assert.equal(problems.forRoom('broken').length, 0);
    } finally {
      subscription.dispose();
      problems.dispose();
    }
  });

  it('the count, the badge and the tooltip follow the first rows within a second', async () => {
    session = await withSandbox({ seed: { sample: true, contractBreaking: true } });
    // The view is on screen: VS Code has asked for its rows, so it is told when they change.
    renderChildren(session.api);
    const firstRows = new Promise<number>((resolve) => {
      const listener = session.api.rooms.provider.onDidChangeTreeData(() => {
        if (renderChildren(session.api).length > 0) {
          listener.dispose();
          resolve(Date.now());
        }
      });
    });
    await refreshRooms(session.api);
    const rowsAt = await firstRows;
    const separator = breakingRoomId('room/members-separator');
    const row = () => renderChildren(session.api).find((item) => item.label === separator);
    await waitFor(() => session.api.rooms.provider.annotations?.decoration(separator) !== undefined, 'the badge', 1_000);
    await waitFor(() => /Contract problems \(1\)/.test(row()?.tooltip ?? ''), 'the problem in the tooltip', 1_000);
    assert.ok(Date.now() - rowsAt < 1_000, `badge and tooltip ${Date.now() - rowsAt} ms after the first rows`);
    const rendered = row();
    assert.ok(rendered);
    assert.match(rendered.tooltip, /\*\*Members \(\d+\):\*\*/, 'the tooltip, as a hover resolves it');
    const provider = session.api.rooms.provider;
    assert.equal(provider.getTreeItem(rendered.node).resourceUri?.scheme, 'worldclient-rtc-room', 'the badged room carries the decoration');
    const clean = renderChildren(session.api).find((item) => !item.label.startsWith('break-'));
    assert.ok(clean);
    assert.equal(provider.getTreeItem(clean.node).resourceUri, undefined, 'a room without problems asks VS Code for no decoration');
    assert.match(session.api.rooms.view.treeView.message ?? '', /^\d+ rooms on 127\.0\.0\.1:\d+$/, 'the count');
  });

  it('shows the first list with the welcome\'s "Loading rooms…" alone, and the progress bar too only when the list is slow', async () => {
    /** Signs in and resolves, as the first list is asked for, with the bars shown so far and what the welcome said. */
    const signIn = async (delayMs: number): Promise<{ shownBefore: number; welcome: string }> => {
      session = await withSandbox({ seed: { sample: true }, signedIn: false });
      if (delayMs > 0) {
        session.sandbox.addFault({ kind: 'delay', delayMs, method: 'GET', times: 1 });
      }
      const { model, view } = session.api.rooms;
      const listAsked = new Promise<{ shownBefore: number; welcome: string }>((resolve) => {
        const listener = model.onDidChange(() => {
          if (model.loading) {
            listener.dispose();
            resolve({ shownBefore: view.progressShown, welcome: view.welcomeState });
          }
        });
      });
      session.ui.pick('Paste a session token').typeInputs(session.sandbox.session, session.sandbox.csrfToken);
      void vscode.commands.executeCommand('worldclientRtc.signIn');
      return listAsked;
    };
    const quick = await signIn(0);
    const view = session.api.rooms.view;
    assert.equal(quick.welcome, 'loading', 'the welcome says "Loading rooms…"');
    await waitFor(() => session.api.rooms.model.state === 'ready', 'the quick list');
    assert.equal(view.progressShown, quick.shownBefore, 'a quick first list: no progress bar beside the welcome');
    // A list on screen: a refresh shows its progress at once.
    await refreshRooms(session.api);
    assert.equal(view.progressShown, quick.shownBefore + 1, 'a refresh with rows on screen shows the bar');
    await session.dispose();

    const slow = await signIn(2_000);
    assert.equal(slow.welcome, 'loading');
    await waitFor(() => view.progressShown === slow.shownBefore + 1, 'the progress bar, once the list is slow', 1_500);
    assert.ok(session.api.rooms.model.loading, 'shown while the list is still on its way');
    await waitFor(() => session.api.rooms.model.state === 'ready', 'the slow list');
  });

  it("gives VS Code's open question for the first rows its answer, with no news before it that would have it dropped", async () => {
    // VS Code's extension host drops an open question for the rows when the view announces a
    // change (VS Code then asks again, a round trip later), and one announced before it asked is
    // held back by a 200 ms debounce and can land while the question is open.
    const listChanged = new vscode.EventEmitter<void>();
    const badgesChanged = new vscode.EventEmitter<void>();
    const room: RoomSummary = { id: 'room-1', started: '2025-06-02T08:30:00.000Z', ended: '', members: 'alice', hasMessages: true };
    let listed = false;
    let version = 0;
    const model = {
      get state() {
        return listed ? 'ready' : 'loading';
      },
      get loading() {
        return !listed;
      },
      get version() {
        return version;
      },
      onDidChange: listChanged.event,
      visibleGroups: () => (listed ? [{ key: 'all', total: 1, rooms: [room], remaining: 0 }] : []),
      occurrenceOf: () => 1,
      isDeleting: () => false,
    } as unknown as RoomsModel;
    const provider = new RoomsTreeProvider(model);
    let announced = 0;
    const listener = provider.onDidChangeTreeData(() => announced++);
    const annotator = {
      resourceUri: (roomId: string) => vscode.Uri.from({ scheme: 'worldclient-rtc-room', path: `/${roomId}` }),
      tooltip: () => [],
      decoration: () => undefined,
      onDidChange: badgesChanged.event,
    };
    try {
      // At activation, before the view is shown: the badges are hooked up, the list starts loading.
      const annotation = provider.annotate(annotator);
      version++;
      listChanged.fire();
      const question = provider.getChildren();
      assert.ok(question instanceof Promise, 'the first question waits for the list');
      badgesChanged.fire();
      listed = true;
      version++;
      listChanged.fire();
      assert.deepEqual(
        (await question).map((node) => node.kind === 'room' && node.room.id),
        ['room-1'],
        'the rows come in the answer to the first question',
      );
      assert.equal(announced, 0, 'no announcement while VS Code had not asked or its question was open');
      badgesChanged.fire();
      assert.equal(announced, 1, 'once the rows are on screen, a change of badges redraws them');
      annotation.dispose();
    } finally {
      listener.dispose();
      provider.dispose();
      listChanged.dispose();
      badgesChanged.dispose();
    }
  });
  it("checks a big list in slices short enough for the rows to reach the window between them, however slow a room's checks", async () => {
    // Time as the checks' clock sees it: reading a room's id costs 0.1 ms, as checks not yet compiled by V8 can.
    let clockMs = 0;
    const rooms = Array.from({ length: 10_000 }, (_, index) => ({
      get id() {
        clockMs += 0.1;
        return `room-${index}`;
      },
      started: '2025-06-02T08:30:00.000Z',
      ended: '',
      members: 'alice@example.com',
      hasMessages: false,
    }));
    const problems = new ContractProblems(new Set(), Date.now, () => clockMs);
    // What else the extension host has to do (the answer with the rows, written to the window on a timer) gets a turn between slices.
    let longestWaitMs = 0;
    let since = clockMs;
    const probe = (): void => {
      longestWaitMs = Math.max(longestWaitMs, clockMs - since);
      since = clockMs;
      if (problems.checkingList) {
        setTimeout(probe, 0);
      }
    };
    try {
      problems.setList(rooms);
      setTimeout(probe, 0);
      await waitFor(() => !problems.checkingList, 'the list checks', 60_000);
      assert.ok(longestWaitMs <= 15, `other work waited up to ${longestWaitMs.toFixed(1)} ms for a slice of the checks`);
    } finally {
      problems.dispose();
    }
  });
});
