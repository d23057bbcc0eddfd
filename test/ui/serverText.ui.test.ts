import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { answerQuickInput, runCommand, screenshot, signIn, startUiWorkbench, type UiWorkbench } from './support/uiWorkbench';

const LINK_ID = '[Details](command:workbench.action.reloadWindow)';
const LINK_ERROR = '[Fix it](command:workbench.action.reloadWindow)';
const WORD_JOINER = '\u2060';
/** Server text as a notification shows it: a visible space in `](`, so no link is built and nothing invisible is copied. */
const asNotified = (text: string): string => text.replaceAll('](', '] (');

/**
 * Delete confirmations are modal, and the offline workbench (run with --enable-smoke-test-driver)
 * refuses modal dialogs, so deleting is covered by test/integration/serverText.test.ts through the
 * recorded prompts; here the non-modal notifications are checked in the real DOM.
 */
describe('Server text in notifications, in the browser', function () {
  this.timeout(300_000);
  let ui: UiWorkbench;

  before(async () => {
    ui = await startUiWorkbench({ sample: true });
    ui.sandbox.store.put({ id: LINK_ID, started: '2025-06-01T10:00:00.000Z', ended: '', members: 'a@example.com', messages: [] });
    await signIn(ui);
  });
  after(async () => ui?.close());

  /** The notification (toast or notification centre) whose text, read without the joiners, contains `text`. */
  async function notification(text: string): Promise<Locator> {
    const items = ui.page.locator('.notification-list-item');
    const deadline = Date.now() + 60_000;
    for (let round = 1; ; round++) {
      if (round % 20 === 0) {
        // Newer VS Code versions may keep a toast out of sight: the notification centre lists it too.
        await runCommand(ui.page, 'Notifications: Show Notifications');
      }
      for (const item of await items.all()) {
        const shown = (await item.innerText().catch(() => '')).split(WORD_JOINER).join('');
        if (shown.includes(text)) {
          return item;
        }
      }
      if (Date.now() > deadline) {
        const file = await screenshot(ui.page, 'server-text-no-notification');
        throw new Error(`no notification shows ${JSON.stringify(text)} (${await items.count()} shown; screenshot ${file})`);
      }
      await ui.page.waitForTimeout(250);
    }
  }

  async function assertNoServerLinks(item: Locator): Promise<void> {
    const anchors = await item
      .locator('.notification-list-item-message a')
      .evaluateAll((links) =>
        links.map((link) => `${link.textContent ?? ''} → ${link.getAttribute('href') ?? link.getAttribute('data-href') ?? ''}`),
      );
    assert.deepEqual(anchors, [], 'no link was built from server text');
  }

  it('a failing load of a room whose id and error name are command links shows both as text', async () => {
    await runCommand(ui.page, 'WorldClient RTC: Copy Room JSON');
    await ui.page.locator('.quick-input-widget .quick-input-title', { hasText: 'Copy room JSON' }).waitFor({ timeout: 30_000 });
    ui.sandbox.addFault({ kind: 'status', status: 400, errorName: LINK_ERROR, method: 'GET', times: 1 });
    await answerQuickInput(ui.page, 'Copy room JSON', LINK_ID);
    const item = await notification('Could not open the room');
    await assertNoServerLinks(item);
    const text = (await item.innerText()).split(WORD_JOINER).join('');
    const readsAsSent = text.includes(asNotified(LINK_ID)) && text.includes(asNotified(LINK_ERROR));
    assert.ok(readsAsSent, `the room id and error name read as the server sent them: ${text}`);
    await screenshot(ui.page, 'server-text-load-failed');
  });

  it('a failing upload names the room and the error as text', async () => {
    await runCommand(ui.page, 'WorldClient RTC: Add Messages…');
    await answerQuickInput(ui.page, 'Add messages to which room?', LINK_ID);
    await answerQuickInput(ui.page, /^Add messages to room/, 'One message');
    await answerQuickInput(ui.page, /\(1\/3\)/, 'ui-message-1');
    await answerQuickInput(ui.page, /\(2\/3\)/, 'c2FsdA==');
    ui.sandbox.addFault({ kind: 'status', status: 500, errorName: LINK_ERROR, method: 'PUT', times: 1 });
    await answerQuickInput(ui.page, /\(3\/3\)/, 'ZGF0YQ==');
    const item = await notification('Chunk 1 of 1 failed');
    await assertNoServerLinks(item);
    const text = (await item.innerText()).split(WORD_JOINER).join('');
    assert.ok(text.includes(`room "${asNotified(LINK_ID)}"`) && text.includes(asNotified(LINK_ERROR)), text);
    assert.deepEqual(ui.dialogs, []);
  });
});
