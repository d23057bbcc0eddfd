import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { textContrast } from './support/contrast';
import {
  openRoom,
  runCommand,
  screenshot,
  signIn,
  startWithRoomPanel,
  waitForPanelTheme,
  type ThemeName,
  type UiWorkbench,
} from './support/uiWorkbench';

interface LaidOutElement {
  getBoundingClientRect(): { width: number; height: number };
}
declare const document: { querySelector(selector: string): LaidOutElement | null };

const b64 = (bytes: number[]): string => Buffer.from(bytes).toString('base64');
const MEMBERS = Array.from({ length: 40 }, (_, i) => `member-${i + 1}@example.com`);
const ROOM = {
  id: 'layout-room',
  started: '2026-11-24T10:05:00Z',
  ended: '2026-11-24T18:30:00Z',
  members: MEMBERS.join(','),
  messages: Array.from({ length: 5 }, (_, i) => ({
    id: `00000000-0000-4000-8000-00000000000${i}`,
    salt: b64([...Array(16).keys()]),
    data: b64(Array.from({ length: 120 }, (_, byte) => (byte * 7 + i) % 256)),
  })),
};

/** Rendered width in CSS pixels of the first element matching each selector. */
function widths(frame: Frame, selectors: string[]): Promise<number[]> {
  return frame.evaluate((list) => list.map((selector) => document.querySelector(selector)?.getBoundingClientRect().width ?? -1), selectors);
}

describe('Room panel layout in the browser', function () {
  this.timeout(300_000);
  let ui: UiWorkbench;
  let frame: Frame;

  before(async () => {
    ({ ui, frame } = await startWithRoomPanel(ROOM, 5));
    for (const theme of ['light', 'dark'] as ThemeName[]) {
      await ui.setTheme(theme);
      await waitForPanelTheme(frame, theme);
      console.log(`      ${theme}: ${await screenshot(ui.page, `room-panel-layout-${theme}`)}`);
    }
  });
  after(async () => ui?.close());

  it('gives the Data column most of the row, keeps the salt narrow and puts the copies in one menu', async () => {
    const [row, salt, data] = await widths(frame, ['.row', '.row .cell.salt', '.row .cell.data']);
    assert.ok(data >= row * 0.4, `data gets ${data} of ${row} px`);
    assert.ok(salt * 3 <= data, `salt ${salt} px, data ${data} px`);
    const first = frame.locator('.row:not(.loading)').first();
    assert.equal(await first.locator('button').count(), 1, 'one button per row');
    await first.locator('.cell.index').click();
    await first.locator('button.row-menu').click();
    const menu = frame.locator('.row-menu-popup[role="menu"]');
    assert.deepEqual(await menu.locator('[role="menuitem"]').allTextContents(), ['Copy id', 'Copy salt', 'Copy data', 'Show details']);
    await menu.locator('[role="menuitem"]', { hasText: 'Show details' }).click();
    await frame.locator('.detail:not([hidden]) .field-id .field-value', { hasText: ROOM.messages[0].id }).waitFor({ timeout: 10_000 });
    assert.equal(await menu.isVisible(), false, 'the menu closes after a choice');
  });

  it('shows dates in the locale on one line, the ISO value in the tooltip', async () => {
    for (const [key, iso] of [
      ['started', ROOM.started],
      ['ended', ROOM.ended],
    ] as const) {
      const expected = await frame.evaluate(
        (value) => new Date(value).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }),
        iso,
      );
      const fact = frame.locator(`.fact-${key}`);
      assert.equal(await fact.textContent(), expected);
      assert.equal(await fact.locator('time').getAttribute('title'), iso);
      const box = await fact.boundingBox();
      assert.ok(box && box.height < 30, `${key} fits one line (${JSON.stringify(box)})`);
    }
  });

  it('lists a few members, then all of them with "Show all"', async () => {
    const members = frame.locator('.fact-members');
    assert.equal(await members.locator('.member').count(), 5);
    const toggle = frame.locator('button.members-toggle');
    assert.equal(await toggle.textContent(), 'Show all 40');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    await toggle.click();
    assert.deepEqual(await members.locator('.member').allTextContents(), MEMBERS);
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    await toggle.click();
    assert.equal(await members.locator('.member').count(), 5);
  });

  it('resizes columns by mouse and by keyboard, and keeps the widths when the panel comes back', async () => {
    const [idBefore, saltBefore] = await widths(frame, ['.row .cell.id', '.row .cell.salt']);
    const handle = frame.locator('.list-header .resize-handle[data-column="id"]');
    const box = await handle.boundingBox();
    assert.ok(box, 'the Id column has a resize handle');
    await ui.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await ui.page.mouse.down();
    await ui.page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2, { steps: 5 });
    await ui.page.mouse.up();
    const saltHandle = frame.locator('.list-header .resize-handle[data-column="salt"]');
    assert.equal(await saltHandle.getAttribute('role'), 'separator');
    await saltHandle.focus();
    for (let i = 0; i < 3; i++) {
      await saltHandle.press('ArrowRight');
    }
    const [idAfter, saltAfter] = await widths(frame, ['.row .cell.id', '.row .cell.salt']);
    assert.ok(Math.abs(idAfter - idBefore - 60) <= 4, `id ${idBefore} → ${idAfter} px after a 60 px drag`);
    assert.ok(Math.abs(saltAfter - saltBefore - 30) <= 4, `salt ${saltBefore} → ${saltAfter} px after three ArrowRight`);

    // Another editor hides the panel (its page is torn down); opening the room again brings it back.
    await runCommand(ui.page, 'File: New Untitled Text File');
    frame = await openRoom(ui, ROOM.id);
    await frame.locator('.row:not(.loading)').first().waitFor();
    const [idBack, saltBack] = await widths(frame, ['.row .cell.id', '.row .cell.salt']);
    assert.deepEqual([Math.round(idBack), Math.round(saltBack)], [Math.round(idAfter), Math.round(saltAfter)]);
  });

  it('says what Watch does in its tooltip, and how to stop it on the button', async () => {
    const watch = frame.locator('button.action-watch');
    assert.match((await watch.getAttribute('title')) ?? '', /^Check the room for new messages every \d+ s/);
    await watch.click();
    await frame.locator('button.action-watch', { hasText: /^Stop watching \(every \d+ s\)$/ }).waitFor({ timeout: 10_000 });
    assert.match((await watch.getAttribute('title')) ?? '', /Click to stop\.$/);
    await watch.click();
    await frame.locator('button.action-watch', { hasText: /^Watch$/ }).waitFor({ timeout: 10_000 });
  });

  it('disables the room actions with the reason when signed out', async () => {
    await runCommand(ui.page, 'WorldClient RTC: Sign Out');
    const add = frame.locator('button.action-addMessages');
    await frame.locator('button.action-addMessages[aria-disabled="true"]').waitFor({ timeout: 30_000 });
    assert.match((await add.getAttribute('title')) ?? '', /^Signed out/);
    assert.match((await frame.locator('.unavailable').textContent()) ?? '', /^Signed out/);
    assert.equal(await frame.locator('button.action-exportJson').getAttribute('aria-disabled'), 'false', 'the loaded copy still exports');
    // Forced: Playwright itself refuses aria-disabled buttons. Nothing starts (no prompt opens).
    await add.click({ force: true });
    assert.equal(await ui.page.locator('.quick-input-widget .quick-input-title', { hasText: /message/i }).isVisible(), false);
    assert.equal(await frame.locator('.unavailable').isVisible(), true);
    await signIn(ui);
    await frame.locator('button.action-addMessages[aria-disabled="false"]').waitFor({ timeout: 30_000 });
    assert.equal(await frame.locator('.unavailable').isVisible(), false);
  });

  it('disables the actions on a deleted room, saying it is gone', async () => {
    ui.sandbox.store.delete(ROOM.id);
    await frame.locator('button.action-refresh').click();
    await frame.locator('button.action-deleteMessages[aria-disabled="true"]').waitFor({ timeout: 30_000 });
    assert.match((await frame.locator('button.action-deleteMessages').getAttribute('title')) ?? '', /no longer exists/);
    assert.equal(await frame.locator('button.action-refresh').getAttribute('aria-disabled'), 'false', 'Refresh can find it again');
    ui.sandbox.store.put(structuredClone(ROOM));
    await frame.locator('button.action-refresh').click();
    await frame.locator('button.action-deleteMessages[aria-disabled="false"]').waitFor({ timeout: 30_000 });
  });

  it('keeps dates, members, menus, handles and reasons at 4.5:1 or more in light, dark and high contrast', async () => {
    const selectors = [
      '.fact-started time',
      '.fact-members .member',
      'button.members-toggle',
      '.list-header .column.data',
      '.row.active button.row-menu',
    ];
    for (const theme of ['light', 'dark', 'highContrast'] as ThemeName[]) {
      await ui.setTheme(theme);
      await waitForPanelTheme(frame, theme);
      await frame.locator('.row:not(.loading)').first().locator('.cell.index').click();
      for (const selector of selectors) {
        const { text, background, ratio } = await textContrast(frame.locator(selector).first());
        console.log(`      ${theme} ${selector}: ${ratio.toFixed(2)}:1`);
        assert.ok(ratio >= 4.5, `${theme}: ${selector} is ${text} on ${background}, contrast ${ratio.toFixed(2)}:1`);
      }
      console.log(`      ${theme}: ${await screenshot(ui.page, `room-panel-layout-after-${theme}`)}`);
    }
  });
});
