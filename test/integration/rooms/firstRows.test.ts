import * as assert from 'node:assert/strict';
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

  it('the count, the badge and the tooltip follow the first rows within a second', async () => {
    session = await withSandbox({ seed: { sample: true, contractBreaking: true } });
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
    assert.match(session.api.rooms.view.treeView.message ?? '', /^\d+ rooms$/, 'the count');
  });
});
