import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { openRoom, runCommand, signIn, startUiWorkbench, type UiWorkbench } from './support/uiWorkbench';

const ROOM = 'history-across-reload';
const SALT = 'c2FsdA==';

/** The First seen cell of the message with this id, once the panel has its history. */
function seenCell(frame: Frame, messageId: string) {
  return frame.locator('.row:not(.loading)', { has: frame.locator('.id', { hasText: messageId }) }).locator('.seen');
}

async function seenTooltip(frame: Frame, messageId: string, pattern: RegExp): Promise<string> {
  const cell = seenCell(frame, messageId);
  await cell.waitFor({ timeout: 30_000 });
  for (const deadline = Date.now() + 30_000; ;) {
    const title = (await cell.getAttribute('title')) ?? '';
    if (pattern.test(title)) {
      return title;
    }
    assert.ok(Date.now() < deadline, `the First seen tooltip of ${messageId} matches ${pattern}: "${title}"`);
    await frame.page().waitForTimeout(200);
  }
}

describe('Message history in the browser', function () {
  this.timeout(300_000);
  let ui: UiWorkbench;

  before(async () => {
    ui = await startUiWorkbench({});
    ui.sandbox.store.put({
      id: ROOM,
      started: '2026-12-01T10:00:00Z',
      ended: '',
      members: 'a@example.com',
      messages: [{ id: 'there-from-the-start', salt: SALT, data: 'b2xk' }],
    });
    await signIn(ui);
  });

  after(async () => ui?.close());

  // A reload starts a new extension host, which reads the history back from global storage.
  it('survives a window reload: a message seen before keeps its time, one added after is first seen after the reload', async () => {
    const before = await seenTooltip(await openRoom(ui, ROOM), 'there-from-the-start', /^Already there when the room was first seen, /);

    await runCommand(ui.page, 'Developer: Reload Window');
    await ui.page.locator('.part.statusbar [aria-label^="WorldClient RTC: signed in to"]').first().waitFor({ timeout: 120_000 });
    await runCommand(ui.page, 'View: Close All Editors');
    ui.sandbox.store.addMessages(ROOM, [{ id: 'arrived-after-reload', salt: SALT, data: 'bmV3' }]);

    const frame = await openRoom(ui, ROOM);
    assert.equal(await seenTooltip(frame, 'there-from-the-start', /^Already there/), before, 'the time recorded before the reload');
    await seenTooltip(frame, 'arrived-after-reload', /^First seen /);
    assert.match(await seenCell(frame, 'arrived-after-reload').innerText(), /now|second/);
    assert.equal(ui.dialogs.length, 0);
  });
});
