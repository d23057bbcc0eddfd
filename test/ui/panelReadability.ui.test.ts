import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { contrastRatio } from './support/contrast';
import { screenshot, startWithRoomPanel, waitForPanelTheme, type ThemeName, type UiWorkbench } from './support/uiWorkbench';

interface StyledElement {
  readonly textContent: string | null;
  readonly className: string;
  readonly parentElement: StyledElement | null;
}
declare const document: {
  querySelector(selector: string): StyledElement | null;
  querySelectorAll(selector: string): Iterable<StyledElement>;
};
declare function getComputedStyle(element: StyledElement): { color: string; backgroundColor: string };

const b64 = (bytes: number[]): string => Buffer.from(bytes).toString('base64');
const ROOM = {
  id: 'readable-room',
  started: '2026-11-24T10:00:00Z',
  ended: '',
  members: 'ann@example.com,bob@example.com',
  messages: [
    { id: 'msg-text', salt: b64([...Array(16).keys()]), data: Buffer.from('hello, readable world').toString('base64') },
    // 0xff never occurs in UTF-8.
    { id: 'msg-binary', salt: b64([...Array(16).keys()]), data: b64([0xff, 0xfe, 0xfd, 0x80, 0x81, 0x82]) },
  ],
};

/** Every text piece in the selected row, its colour and the colour actually behind it. */
function selectedRowColours(frame: Frame): Promise<{ cell: string; text: string; color: string; background: string }[]> {
  return frame.evaluate(() => {
    const opaqueBackground = (element: StyledElement | null): string => {
      for (let at = element; at; at = at.parentElement) {
        const background = getComputedStyle(at).backgroundColor;
        if (!/^rgba\(.*,\s*0\)$/.test(background) && background !== 'transparent') {
          return background;
        }
      }
      return 'rgb(255, 255, 255)';
    };
    return [...document.querySelectorAll('.row.active .cell:not(.badge):not(.actions), .row.active .cell-note')]
      .filter((element) => (element.textContent ?? '').trim() !== '')
      .map((element) => ({
        cell: element.className,
        text: element.textContent ?? '',
        color: getComputedStyle(element).color,
        background: opaqueBackground(element),
      }));
  });
}

describe('Room panel readability in the browser', function () {
  this.timeout(300_000);
  let ui: UiWorkbench;
  let frame: Frame;

  before(async () => {
    ({ ui, frame } = await startWithRoomPanel(ROOM, 2));
  });
  after(async () => ui?.close());

  it('labels the columns, sizes included', async () => {
    const headings = await frame.locator('.list-header .column').allTextContents();
    assert.deepEqual(headings, ['#', '', 'Id', 'Salt', 'Data', 'Size', 'First seen', '']);
    // Recorded when the panel loaded the room: the time the extension first saw each message, exact in the tooltip.
    const seen = frame.locator('.row:not(.loading)').first().locator('.cell.seen');
    await seen.filter({ hasText: /\S/ }).waitFor();
    assert.match((await seen.getAttribute('title')) ?? '', /^(First seen|Already there when the room was first seen,) /);
    assert.equal(await frame.locator('.row:not(.loading)').first().locator('.cell.size').getAttribute('title'), 'salt 16 B · data 21 B');
  });

  it('says in the cell when Base64 → UTF-8 cannot decode a value', async () => {
    await frame.locator('#view-mode').selectOption('text');
    const rows = frame.locator('.row:not(.loading)');
    await rows.nth(0).locator('.cell.data', { hasText: 'hello, readable world' }).waitFor();
    assert.equal(await rows.nth(1).locator('.cell.data').textContent(), `not UTF-8 — shown raw: ${ROOM.messages[1].data}`);
    assert.equal(await rows.nth(0).locator('.cell.data .cell-note').textContent(), '', 'a decoded value carries no note');
  });

  it('opens the detail view of a message from its row menu', async () => {
    await frame.locator('.row:not(.loading)').nth(1).locator('button.row-menu').click();
    await frame.locator('.row-menu-popup [role="menuitem"]', { hasText: 'Show details' }).click();
    await frame.locator('.detail:not([hidden]) .field-id .field-value', { hasText: 'msg-binary' }).waitFor({ timeout: 10_000 });
  });

  it('keeps every text of the selected row at 4.5:1 contrast or more in light, dark and high contrast', async () => {
    for (const theme of ['light', 'dark', 'highContrast'] as ThemeName[]) {
      await ui.setTheme(theme);
      await waitForPanelTheme(frame, theme);
      await frame.locator('.row:not(.loading)').nth(1).locator('.cell.index').click();
      await frame.locator('.row.active .cell.index', { hasText: '#2' }).waitFor();
      const colours = await selectedRowColours(frame);
      assert.ok(
        colours.some((c) => c.cell.includes('size')) && colours.some((c) => c.cell.includes('index')),
        `${theme}: the dimmed cells are measured`,
      );
      for (const { cell, text, color, background } of colours) {
        const ratio = contrastRatio(color, background);
        assert.ok(ratio >= 4.5, `${theme}: "${text}" (${cell}) is ${color} on ${background}, contrast ${ratio.toFixed(2)}:1`);
      }
      await screenshot(ui.page, `room-panel-selected-row-${theme}`);
    }
  });
});
