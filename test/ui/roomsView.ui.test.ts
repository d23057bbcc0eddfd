import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../runner/workspace';
import { extensionGlobalStorage } from '../support/extensionId';
import { findNotification } from './support/workbenchDialogs';
import { luminance, parseColour, textContrast } from './support/contrast';
import { roomFrame, roomsViewPane, roomsViewRow, runCommand, signIn, startUiWorkbench, type UiWorkbench } from './support/uiWorkbench';

const ROOM_ACTIONS = [
  'Open Room',
  'Open Room as JSON',
  'Add Messages…',
  'Delete All Messages…',
  'Copy Room Id',
  'Copy Room JSON',
  'Export Rooms…',
  'Delete Room…',
];

describe('Rooms view in the browser', function () {
  let ui: UiWorkbench;

  before(async () => {
    ui = await startUiWorkbench({ sample: true, hostile: true });
    await signIn(ui);
    await runCommand(ui.page, 'WorldClient RTC: Focus on Rooms View');
  });

  after(async () => ui?.close());

  const row = (label: string) => roomsViewRow(ui.page, label);

  it('lists the rooms with their descriptions, hostile ids as plain text', async () => {
    await row('weekly-standup').waitFor({ timeout: 60_000 });
    const standup = await row('weekly-standup').innerText();
    assert.match(standup, /5 members · \d+ (mo|y) ago/);
    const hostile = row('<img');
    await hostile.waitFor();
    assert.equal(await hostile.locator('img').count(), 0, 'the hostile id is text, not an element');
    assert.equal(ui.dialogs.length, 0);
    const header = await roomsViewPane(ui.page).locator('.pane-header').innerText();
    assert.match(header, /rooms/i);
  });

  it('offers every room action in the context menu', async () => {
    await row('incident-4711').click({ button: 'right' });
    const menu = ui.page.locator('.context-view .monaco-menu');
    await menu.waitFor({ timeout: 10_000 });
    const items = (await menu.locator('.action-label').allInnerTexts()).map((text) => text.trim()).filter(Boolean);
    for (const action of ROOM_ACTIONS) {
      assert.ok(items.includes(action), `"${action}" is in the menu: ${items.join(' | ')}`);
    }
    await ui.page.keyboard.press('Escape');
  });

  it('opens a room on a click on its row, and on Enter from the keyboard (VS Code asks for the click when it happens)', async () => {
    // The rows are sent without their command (resolveTreeItem adds it): a click must still open the room.
    // First the hostile rooms' badges: the tree is redrawn with them, and while VS Code redraws a tree
    // it can resolve no row of it (as it could run no row's command before), so a click then is lost.
    await roomsViewPane(ui.page).locator('[class*="monaco-decoration-itemColor"]').first().waitFor({ timeout: 30_000 });
    await row('weekly-standup').click();
    await roomFrame(ui.page, 'weekly-standup', 30_000);
    await runCommand(ui.page, 'View: Close All Editors');
    // Gone from the page, so only the Enter below can bring the room's panel back.
    await ui.page.waitForFunction("document.querySelectorAll('.tabs-container .tab, iframe.webview').length === 0", undefined, {
      timeout: 10_000,
    });
    // From the keyboard alone: into the view, down to the row, Enter.
    await runCommand(ui.page, 'WorldClient RTC: Focus on Rooms View');
    const focused = roomsViewPane(ui.page).locator('.monaco-list-row.focused .label-name');
    await ui.page.keyboard.press('Home');
    for (let step = 0; (await focused.innerText({ timeout: 5_000 })).trim() !== 'weekly-standup'; step++) {
      assert.ok(step < 40, 'weekly-standup is reachable with the arrow keys');
      await ui.page.keyboard.press('ArrowDown');
    }
    await ui.page.keyboard.press('Enter');
    await roomFrame(ui.page, 'weekly-standup', 30_000);
    await runCommand(ui.page, 'View: Close All Editors');
    assert.equal(ui.dialogs.length, 0);
  });

  it('is readable in every theme: room names contrast at least 4.5:1 with the list behind them (screenshots saved)', async () => {
    // A sanity check per theme, so a theme switch that did not happen cannot pass unnoticed.
    const backgroundIs = { light: (l: number) => l > 0.7, dark: (l: number) => l < 0.3, highContrast: (l: number) => l < 0.05 };
    for (const theme of ['light', 'dark', 'highContrast'] as const) {
      await ui.setTheme(theme);
      const name = row('weekly-standup').locator('.label-name');
      await name.waitFor();
      const contrast = await textContrast(name);
      const seen = `${theme}: room name ${contrast.text} on ${contrast.background}, ${contrast.ratio.toFixed(2)}:1`;
      console.log(`      ${seen}`);
      assert.ok(backgroundIs[theme](luminance(parseColour(contrast.background))), `${seen}: not the ${theme} theme's list background`);
      assert.ok(contrast.ratio >= 4.5, `${seen}: below the 4.5:1 that WCAG AA asks for text`);
      const file = path.join(repoRoot, 'test-artifacts', `rooms-view-${theme}.png`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      await ui.page.locator('.part.sidebar').screenshot({ path: file });
    }
  });

  // Last: the reload starts a new extension host, as the next start of VS Code would.
  it('after a reload over damaged files in global storage, lists the rooms, still signed in, and drops the old cache', async () => {
    const storage = extensionGlobalStorage(ui.workbench.dirs.userData);
    // What an earlier version and a torn write leave behind: a code cache of garbage (of every
    // length, one named as that version named its files), and damaged snapshots of deleted rooms.
    const codeCache = path.join(storage, 'code-cache');
    fs.mkdirSync(codeCache, { recursive: true });
    for (const [index, length] of [0, 1, 4096, 100_000, 3_000_000].entries()) {
      const name = `0123abcd-${length}-1700000000000${index}-v8-12.4.254.21-node.33.v8cache`;
      fs.writeFileSync(path.join(codeCache, name), randomBytes(length));
    }
    const deleted = path.join(storage, 'deleted');
    fs.mkdirSync(deleted, { recursive: true });
    fs.writeFileSync(path.join(deleted, 'torn.info.json'), '{"snapshotId":"torn","savedAt":"2026-');
    fs.writeFileSync(path.join(deleted, 'torn.room.json'), randomBytes(100_000));
    fs.writeFileSync(path.join(deleted, 'garbage.info.json'), randomBytes(2_000_000));

    await runCommand(ui.page, 'Developer: Reload Window');
    await ui.page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 120_000 });
    await runCommand(ui.page, 'WorldClient RTC: Focus on Rooms View');
    await row('weekly-standup').waitFor({ timeout: 60_000 });
    assert.match(await roomsViewPane(ui.page).locator('.pane-header').innerText(), /rooms/i);
    await ui.page.locator('.part.statusbar [aria-label^="WorldClient RTC: signed in to"]').first().waitFor({ timeout: 30_000 });
    // Removed a few seconds after activation, quietly.
    for (const deadline = Date.now() + 30_000; fs.existsSync(codeCache);) {
      assert.ok(Date.now() < deadline, 'the old code cache folder is removed after the start');
      await ui.page.waitForTimeout(200);
    }
    // The damaged snapshots are skipped (and logged), never offered.
    await runCommand(ui.page, 'WorldClient RTC: Restore Deleted Room…');
    await findNotification(ui.page, /^No deleted rooms or messages are kept for this server/);
    assert.equal(ui.dialogs.length, 0);
  });
});
