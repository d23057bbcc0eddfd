import * as assert from 'node:assert/strict';
import { roomFrame, roomsViewPane, roomsViewRow, runCommand, signIn, startUiWorkbench, type UiWorkbench } from './support/uiWorkbench';

interface FocusedElement {
  closest(selector: string): { querySelector(selector: string): { textContent: string | null } | null } | null;
}
declare const document: { activeElement: FocusedElement | null };

describe('Rooms view order and filter in the browser', function () {
  this.timeout(300_000);
  let ui: UiWorkbench;

  before(async () => {
    ui = await startUiWorkbench({ sample: true });
    await signIn(ui);
    await runCommand(ui.page, 'WorldClient RTC: Focus on Rooms View');
    await roomsViewRow(ui.page, 'weekly-standup').waitFor({ timeout: 60_000 });
  });
  after(async () => ui?.close());

  const groupRow = (label: string) => roomsViewPane(ui.page).locator('.monaco-list-row .label-name', { hasText: new RegExp(`^${label}$`) });
  const rowLabels = async (): Promise<string[]> =>
    (await roomsViewPane(ui.page).locator('.monaco-list-row .label-name').allInnerTexts()).map((text) => text.trim());

  /**
   * The open "Sort and Group" menu, wherever VS Code puts it: 1.139 draws a title bar's menu in a
   * shadow root inside the title itself, not always under the workbench's context view.
   */
  const orderMenu = () => ui.page.locator('.monaco-menu').filter({ hasText: 'Sort Rooms: Newest First' });

  /** The "Sort and Group" menu of the view's title bar, opened; its items. */
  async function openOrderMenu(): Promise<{ label: string }[]> {
    const menu = orderMenu();
    for (let attempt = 1; ; attempt++) {
      // The only view of its container: its title actions sit in the side bar's title, not in a pane header.
      await roomsViewPane(ui.page).hover();
      await ui.page.locator('.action-label[aria-label="Sort and Group"]:visible').first().click();
      try {
        await menu.waitFor({ timeout: 10_000 });
        const items = await menu.locator('.action-item:not(.disabled) .action-menu-item').evaluateAll((found) =>
          found.map((item) => ({
            label: (item.querySelector('.action-label')?.textContent ?? '').trim(),
          })),
        );
        if (items.length > 0) {
          return items;
        }
        throw new Error('the menu closed as it was read');
      } catch (error) {
        if (attempt === 3) {
          throw error;
        }
        // A click while the title bar's actions were being rebuilt opened nothing, or a menu that closed at once.
        console.log(`      the "Sort and Group" menu did not open (${(error as Error).message.split('\n')[0]}); clicking it again`);
        await ui.page.keyboard.press('Escape');
      }
    }
  }

  /**
   * Clicks an item of the open "Sort and Group" menu and waits for the menu to close, which is how
   * VS Code shows it ran the item. VS Code rebuilds the title bar's menus when a setting or context
   * key they read changes (the view's own updates just after its first rows do that). A click that
   * lands while it does so either runs nothing and leaves the menu open (seen on a loaded machine in
   * 1.100.3), or finds the item gone because the menu closed under it (1.139.1): the click is made
   * once more, on the menu as it is now, opened again if it closed.
   */
  async function clickMenuItem(label: string): Promise<void> {
    const menu = orderMenu();
    for (let attempt = 1; ; attempt++) {
      try {
        if (!(await menu.isVisible())) {
          await openOrderMenu();
        }
        await menu.locator('.action-label', { hasText: label }).click({ timeout: 5_000 });
        await menu.waitFor({ state: 'detached', timeout: 5_000 });
        return;
      } catch (error) {
        if (attempt === 3) {
          throw error;
        }
        console.log(`      the click on "${label}" did not run it (the menu was being rebuilt); clicking it again`);
      }
    }
  }

  /** The items of the menu marked as in effect. */
  const marked = (items: { label: string }[]): string[] => items.map((item) => item.label).filter((label) => label.startsWith('✓ '));

  it('sorts from the title bar menu, the order in effect marked', async () => {
    const before = await openOrderMenu();
    assert.deepEqual(marked(before), ['✓ Sort Rooms: Newest First'], JSON.stringify(before));
    assert.ok(
      before.some((item) => item.label === 'Sort Rooms: By Id'),
      JSON.stringify(before),
    );
    await clickMenuItem('Sort Rooms: By Id');
    const pane = roomsViewPane(ui.page);
    await pane.locator('.monaco-list-row').first().locator('.label-name', { hasText: '3f2c9a10' }).waitFor({ timeout: 15_000 });
    const labels = await rowLabels();
    assert.deepEqual(
      labels,
      [...labels].sort((a, b) => a.localeCompare(b)),
      'the rooms are in id order',
    );
    const after = await openOrderMenu();
    assert.deepEqual(marked(after), ['✓ Sort Rooms: By Id'], JSON.stringify(after));
    assert.ok(
      after.some((item) => item.label === 'Sort Rooms: Newest First'),
      JSON.stringify(after),
    );
    await ui.page.keyboard.press('Escape');
  });

  it('groups by state from the palette, marked in the menu, and ungroups from the menu', async () => {
    await runCommand(ui.page, 'WorldClient RTC: Group Rooms by State');
    await groupRow('Active').waitFor({ timeout: 15_000 });
    await groupRow('Ended').waitFor();
    const items = await openOrderMenu();
    assert.deepEqual(marked(items), ['✓ Sort Rooms: By Id', '✓ Group Rooms by State'], JSON.stringify(items));
    await clickMenuItem('Group Rooms by State');
    await groupRow('Active').waitFor({ state: 'detached', timeout: 15_000 });
    assert.deepEqual(marked(await openOrderMenu()), ['✓ Sort Rooms: By Id'], 'the group mark is gone');
    await ui.page.keyboard.press('Escape');
  });

  it('opens a room from the tree and keeps the keyboard in the tree', async () => {
    await roomsViewRow(ui.page, 'incident-4711').click();
    await roomFrame(ui.page, 'incident-4711');
    const focusInTree = await ui.page.evaluate(
      () => document.activeElement?.closest('.pane')?.querySelector('.pane-header')?.textContent ?? '',
    );
    assert.match(focusInTree, /Rooms/, 'the focus stayed in the Rooms view');
    await ui.page.keyboard.press('ArrowDown');
    const focused = roomsViewPane(ui.page).locator('.monaco-list-row.focused');
    assert.doesNotMatch(await focused.innerText(), /incident-4711/, 'the arrow key moved in the tree');
  });

  it('filters as you type, and Escape brings the previous filter back', async () => {
    await runCommand(ui.page, 'WorldClient RTC: Filter Rooms…');
    // The filter's own input, not the command palette's it replaces (typing there would be lost).
    await ui.page.locator('.quick-input-widget .quick-input-title', { hasText: 'Filter rooms' }).waitFor({ timeout: 30_000 });
    const input = ui.page.locator('.quick-input-widget .quick-input-box input');
    await input.pressSequentially('incident');
    // No Enter: the view follows the typing.
    await roomsViewRow(ui.page, 'weekly-standup').waitFor({ state: 'detached', timeout: 15_000 });
    assert.deepEqual(await rowLabels(), ['incident-4711']);
    await ui.page.keyboard.press('Escape');
    await roomsViewRow(ui.page, 'weekly-standup').waitFor({ timeout: 15_000 });
  });
});
