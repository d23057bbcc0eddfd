import * as assert from 'node:assert/strict';
import {
  answerQuickInput,
  openRoom,
  roomsViewRow,
  runCommand,
  screenshot,
  signIn,
  startUiWorkbench,
  type UiWorkbench,
} from './support/uiWorkbench';

describe('Contract checks and Compare in the browser', function () {
  let ui: UiWorkbench;

  before(async () => {
    ui = await startUiWorkbench({ sample: true, contractBreaking: true });
    await signIn(ui);
    await runCommand(ui.page, 'WorldClient RTC: Focus on Rooms View');
  });

  after(async () => ui?.close());

  it('badges rooms that break the contract and lists the breaks in the Problems panel (screenshot)', async () => {
    const broken = roomsViewRow(ui.page, 'break-room-members-separator');
    await broken.waitFor({ timeout: 60_000 });
    // The FileDecorationProvider's badge and colour: VS Code draws them with a decoration class on the label.
    await broken.locator('[class*="monaco-decoration-itemColor"]').first().waitFor({ timeout: 30_000 });
    assert.equal(
      await roomsViewRow(ui.page, 'weekly-standup').locator('[class*="monaco-decoration-itemColor"]').count(),
      0,
      'a clean room has no badge',
    );
    await runCommand(ui.page, 'WorldClient RTC: Check Rooms');
    await ui.page.keyboard.press('Escape');
    await ui.page.keyboard.press('Control+Shift+M'); // View: Problems
    const problems = ui.page.locator('.markers-panel');
    // The first rows of the list (it is virtualized): a list-level break and one Check Rooms found in a message.
    await problems
      .locator('.monaco-list-row', { hasText: 'names the room "break-list-duplicate-id" more than once' })
      .first()
      .waitFor({ timeout: 30_000 });
    await problems.locator('.monaco-list-row', { hasText: 'Message 2 has data ""' }).first().waitFor({ timeout: 30_000 });
    await screenshot(ui.page, 'contract-checks');
  });

  it('opens the diff editor for Compare with… another room (screenshot)', async () => {
    await runCommand(ui.page, 'WorldClient RTC: Compare with…');
    await answerQuickInput(ui.page, /Compare which room\?/, 'release-planning');
    await answerQuickInput(ui.page, /Compare room "release-planning" with…/, 'Another room');
    await answerQuickInput(ui.page, /with which room\?/, 'design-review-2025-03');
    const diff = ui.page.locator('.monaco-diff-editor');
    await diff.first().waitFor({ timeout: 30_000 });
    const tab = ui.page.locator('.tab', { hasText: 'release-planning: design-review-2025-03 ↔ server now' });
    await tab.first().waitFor({ timeout: 30_000 });
    // Both sides' text, not just the editor's frame: the room ids on the two sides' "id" lines.
    await diff.locator('.editor.original .view-lines', { hasText: '"design-review-2025-03"' }).waitFor({ timeout: 30_000 });
    await diff.locator('.editor.modified .view-lines', { hasText: '"release-planning"' }).waitFor({ timeout: 30_000 });
    await ui.page.keyboard.press('Control+J'); // hide the Problems panel: more diff on the screenshot
    await screenshot(ui.page, 'compare');
  });

  it("shows a room's problems in its panel and marks the message at fault", async () => {
    const frame = await openRoom(ui, 'break-message-salt-base64');
    await frame.locator('.problems', { hasText: '1 contract problem (1 message marked ⚠ in the list)' }).waitFor({ timeout: 30_000 });
    const marked = frame.locator('.row.has-problem');
    await marked.first().waitFor({ timeout: 30_000 });
    assert.equal(await marked.count(), 1);
    assert.match((await marked.getAttribute('title')) ?? '', /^message\/salt-base64: Message 2 has the salt/);
    await screenshot(ui.page, 'contract-panel');
  });
});
