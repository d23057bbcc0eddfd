import * as assert from 'node:assert/strict';
import { answerQuickInput, runCommand, screenshot, signIn, startUiWorkbench, type UiWorkbench } from './support/uiWorkbench';
import { clickDialogButton, readDialog } from './support/workbenchDialogs';

/** A loopback port nothing listens on: the switch to it needs no server. */
const UNUSED_SERVER = 'http://127.0.0.1:9';

describe('Switch Server in the browser: servers used before, and Forget', function () {
  this.timeout(300_000);
  let ui: UiWorkbench;

  before(async () => {
    ui = await startUiWorkbench({ sample: true });
    await signIn(ui);
  });

  after(async () => {
    await ui?.close();
  });

  it('lists the server used before with its state, and its bin forgets it after a confirmation', async () => {
    const used = ui.sandbox.url;
    await runCommand(ui.page, 'WorldClient RTC: Switch Server…');
    await answerQuickInput(ui.page, /^WorldClient RTC — /, 'Switch to another server…');
    await answerQuickInput(ui.page, 'WorldClient server', UNUSED_SERVER);
    // npm start's workspace sets the URL; the switch changes it there.
    await readDialog(ui.page, /The server URL is set in the workspace settings/);
    await clickDialogButton(ui.page, 'Change It There');
    await ui.page.locator('.quick-input-widget .quick-input-title', { hasText: /^Sign in to / }).waitFor({ timeout: 30_000 });
    await ui.page.keyboard.press('Escape');

    await runCommand(ui.page, 'WorldClient RTC: Switch Server…');
    const widget = ui.page.locator('.quick-input-widget');
    await widget.locator('.quick-input-title', { hasText: UNUSED_SERVER }).waitFor({ timeout: 30_000 });
    const row = widget.locator('.monaco-list-row', { hasText: used }).first();
    await row.waitFor();
    assert.match(await row.innerText(), /signed in, session remembered/);
    await row.hover();
    await row.locator('.action-label[aria-label="Forget this server"]').click();
    await readDialog(ui.page, /^Forget http:\/\/127\.0\.0\.1:\d+\?$/);
    await screenshot(ui.page, 'switch-server-forget');
    await clickDialogButton(ui.page, 'Forget');
    // The pick shows again, without it.
    await widget.locator('.quick-input-title', { hasText: UNUSED_SERVER }).waitFor({ timeout: 30_000 });
    await widget.locator('.monaco-list-row', { hasText: 'Test connection' }).first().waitFor();
    assert.equal(await widget.locator('.monaco-list-row', { hasText: used }).count(), 0, 'the forgotten server is not listed');
    await ui.page.keyboard.press('Escape');
  });
});
