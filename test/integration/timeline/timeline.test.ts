import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TimelineDescription } from '../../../src/timeline/timelineSeam';
import { waitFor, withSandbox, type SandboxSession } from '../support/fixtures';

const SHOW_TIMELINE = 'worldclientRtc.showTimeline';

function describeTimeline(session: SandboxSession): TimelineDescription {
  const description = session.api.timeline.describe();
  assert.ok(description, 'the timeline panel is open');
  return description;
}

/** The page said it drew the bars of the host's latest version: host → page → canvas works. */
async function waitForDrawn(session: SandboxSession, what = 'the timeline page to draw the bars'): Promise<TimelineDescription> {
  await waitFor(
    () => {
      const description = session.api.timeline.describe();
      return description?.drawn !== undefined && description.drawn.version === description.version && description.version > 0;
    },
    what,
    60_000,
  );
  return describeTimeline(session);
}

/** The sandbox's rooms in timeline order: by start, then by id. */
function expectedOrder(session: SandboxSession, roomIds: readonly string[]): string[] {
  const started = (roomId: string): number => Date.parse(session.sandbox.store.get(roomId)?.started ?? '');
  return [...roomIds].sort((a, b) => started(a) - started(b) || (a < b ? -1 : a > b ? 1 : 0));
}

function webviewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputWebview);
}

describe('Rooms Timeline', function () {
  this.timeout(120_000);
  let session: SandboxSession | undefined;

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await session?.dispose();
    session = undefined;
  });

  it("draws the seeded rooms' bars in start order, with the Rooms view's filter, in one panel", async () => {
    session = await withSandbox({ seed: { sample: true } });
    const listed = session.api.rooms.model.listed.map((room) => room.id);
    assert.equal(listed.length, 12);
    await vscode.commands.executeCommand(SHOW_TIMELINE);
    const drawn = await waitForDrawn(session);
    const order = expectedOrder(session, listed);
    assert.deepEqual(drawn.roomIds, order, 'the host orders the bars by start');
    assert.deepEqual(drawn.drawn?.ids, order.slice(0, drawn.drawn?.ids.length), 'the page draws them top to bottom in that order');
    assert.ok((drawn.drawn?.ids.length ?? 0) >= 5, `the page shows several rows (${drawn.drawn?.ids.length})`);
    assert.equal(drawn.drawn?.barCount, 12);
    const longRunning = drawn.bars[drawn.roomIds.indexOf('long-running')];
    assert.equal(longRunning.start, Date.parse('2024-01-15T08:00:00.000Z'));
    assert.equal(longRunning.end, null, 'an open room runs to now');
    assert.equal(drawn.title, 'Rooms Timeline');

    // The Rooms view's filter applies: only its rooms stay.
    session.ui.typeInputs('in');
    await vscode.commands.executeCommand('worldclientRtc.filterRooms');
    const shown = session.api.rooms.model.shownRoomIds();
    assert.ok(shown.length > 0 && shown.length < 12, `the filter narrows the list (${shown.length})`);
    await waitFor(() => describeTimeline(session as SandboxSession).barCount === shown.length, 'the timeline to follow the filter');
    const filtered = await waitForDrawn(session, 'the filtered bars to be drawn');
    assert.deepEqual(filtered.roomIds, expectedOrder(session, shown));
    assert.deepEqual(filtered.drawn?.ids, expectedOrder(session, shown));
    await vscode.commands.executeCommand('worldclientRtc.clearFilter');
    await waitFor(() => describeTimeline(session as SandboxSession).barCount === 12, 'the filter to clear');

    // Showing it again reveals the same panel.
    await vscode.commands.executeCommand(SHOW_TIMELINE);
    assert.equal(webviewTabs().length, 1);
  });

  it("opens a room's panel when the page asks (a click or Enter on its bar), and ignores messages that do not fit", async () => {
    session = await withSandbox({ seed: { sample: true } });
    await vscode.commands.executeCommand(SHOW_TIMELINE);
    const drawn = await waitForDrawn(session);
    const index = drawn.roomIds.indexOf('incident-4711');
    session.api.timeline.receive({ type: 'open', version: drawn.version, index });
    await waitFor(() => session?.api.panels.openRoomIds().includes('incident-4711') === true, "the room's panel to open");
    await waitFor(() => session?.api.panels.describe('incident-4711')?.status === 'ready', 'the room to load');

    // A stale version or a forged message opens nothing.
    session.api.timeline.receive({ type: 'open', version: drawn.version + 99, index: 0 });
    for (const bad of [{ type: 'open', version: drawn.version, index: -1 }, { type: 'open', roomId: 'x' }, 'ready', { type: 'picture' }]) {
      session.api.timeline.receive(bad);
    }
    assert.equal(describeTimeline(session).rejectedMessages, 4);
    assert.deepEqual(session.api.panels.openRoomIds(), ['incident-4711']);
  });

  it('marks rooms with contract problems, as the Rooms view badges them', async () => {
    session = await withSandbox({ seed: { sample: true, contractBreaking: true } });
    await vscode.commands.executeCommand(SHOW_TIMELINE);
    await waitForDrawn(session);
    const barOf = (roomId: string) => {
      const description = describeTimeline(session as SandboxSession);
      return description.bars[description.roomIds.indexOf(roomId)];
    };
    await waitFor(() => barOf('break-room-members-separator')?.severity !== 'none', 'the problem mark', 15_000);
    assert.equal(barOf('break-room-members-separator').problems, '1');
    assert.equal(barOf('weekly-standup').severity, 'none');
    assert.equal(barOf('weekly-standup').problems, '');
  });

  it('copies the picture as SVG and saves it through the save dialog, server text as XML text', async () => {
    session = await withSandbox({ seed: { sample: true } });
    session.sandbox.store.put({
      id: '<script>alert(1)</script>&',
      started: '2025-06-20T10:00:00Z',
      ended: '',
      members: 'a@b.c',
      messages: [],
    });
    await vscode.commands.executeCommand('worldclientRtc.refresh');
    await vscode.commands.executeCommand(SHOW_TIMELINE);
    const drawn = await waitForDrawn(session);
    const view = { from: drawn.drawn?.from ?? 0, to: drawn.drawn?.to ?? 1, firstRow: 0, rows: 20, width: 900 };
    await vscode.env.clipboard.writeText('');
    session.api.timeline.receive({ type: 'picture', action: 'copySvg', version: drawn.version, view, png: '' });
    await session.ui.waitForMessage(/^Copied the timeline as SVG\.$/);
    const svg = await vscode.env.clipboard.readText();
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.ok(svg.includes('&lt;script&gt;alert(1)&lt;/script&gt;&amp;'), 'the hostile id is text');
    assert.ok(!svg.includes('<script'), 'no markup from the server');
    assert.ok(svg.includes('>incident-4711<'));

    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wcrtc-timeline-'));
    const target = vscode.Uri.file(path.join(folder, 'picture.svg'));
    session.ui.nextUri.push(target);
    session.api.timeline.receive({ type: 'picture', action: 'save', version: drawn.version, view, png: '' });
    await session.ui.waitForMessage(/^Saved the timeline to /);
    assert.equal(fs.readFileSync(target.fsPath, 'utf8'), svg);

    // A PNG the page could not make is refused with advice, and nothing is written.
    const png = vscode.Uri.file(path.join(folder, 'picture.png'));
    session.ui.nextUri.push(png);
    session.api.timeline.receive({ type: 'picture', action: 'save', version: drawn.version, view, png: 'data:image/png;base64,AAAA' });
    await session.ui.waitForMessage(/could not be drawn as a PNG\. Save it as SVG instead\./);
    assert.equal(fs.existsSync(png.fsPath), false);
    fs.rmSync(folder, { recursive: true, force: true });
  });
});
