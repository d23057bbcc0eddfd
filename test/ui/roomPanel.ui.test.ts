import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import type { BrowserDocument, BrowserElement, BrowserStyle } from './support/browserTypes';
import { openRoom, screenshot, signIn, startUiWorkbench, type UiWorkbench } from './support/uiWorkbench';

declare const document: BrowserDocument;
declare function getComputedStyle(element: BrowserElement): BrowserStyle;
declare function requestAnimationFrame(callback: () => void): number;

const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '<script>alert(1)</script>';
const JS = 'javascript:alert(1)';

/** What the page's DOM holds that hostile text could have created if it were parsed as HTML. */
function domProbe(frame: Frame): Promise<{ images: number; scripts: string[]; links: number; handlers: number; rows: number }> {
  return frame.evaluate(() => ({
    images: document.querySelectorAll('img').length,
    // Describes each script: where it comes from, whether it carries a nonce, how it starts.
    scripts: [...document.querySelectorAll('script')].map(
      (script) =>
        `${script.getAttribute('src') ? 'src' : 'inline'} nonce=${script.getAttribute('nonce') !== null} ` +
        (script.textContent ?? '').slice(0, 40),
    ),
    links: document.querySelectorAll('a').length,
    handlers: [...document.querySelectorAll('*')].filter((element) =>
      [...element.attributes].some((attribute) => attribute.name.startsWith('on')),
    ).length,
    rows: document.querySelectorAll('.row').length,
  }));
}

/** Relative luminance (0 black … 1 white) of a CSS `rgb(…)` / `rgba(…)` colour. */
function luminance(colour: string): number {
  const [r, g, b] = (colour.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((part) => {
    const channel = Number(part) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function texts(frame: Frame, selector: string): Promise<string[]> {
  return frame.evaluate((css) => [...document.querySelectorAll(css)].map((element) => element.textContent ?? ''), selector);
}

describe('Room panel in the browser', function () {
  this.timeout(300_000);

  describe('hostile data', () => {
    let ui: UiWorkbench;
    before(async () => {
      ui = await startUiWorkbench({ hostile: true });
      await signIn(ui);
    });
    after(async () => ui?.close());

    it('shows ids, members and data as literal text and runs nothing', async () => {
      const frame = await openRoom(ui, IMG);
      await frame.locator('.row:not(.loading)').first().waitFor();
      assert.deepEqual(await texts(frame, '.fact-id'), [IMG]);
      assert.match(
        (await texts(frame, '.fact-members'))[0],
        new RegExp(`${SCRIPT.replace(/[()]/g, '\\$&')}@example\\.com, ${JS.replace(/[()]/g, '\\$&')}, ${IMG.replace(/[()]/g, '\\$&')}`),
      );
      assert.deepEqual(await texts(frame, '.row .cell.id'), [SCRIPT, JS, IMG]);
      assert.deepEqual(await texts(frame, '.row .cell.salt'), [IMG, SCRIPT, JS]);
      assert.deepEqual(await texts(frame, '.row .cell.data'), [JS, IMG, SCRIPT]);

      // Expand a message: the detail area shows the values whole, still as text.
      await frame.locator('.row').nth(2).click();
      await frame.locator('.list').press('Enter');
      await frame.locator('.detail .field-data .field-value', { hasText: SCRIPT }).waitFor();
      assert.deepEqual(await texts(frame, '.detail .field-value'), [IMG, JS, SCRIPT]);
      // A decoded view of something that is not base64 says so and shows it raw.
      await frame.locator('#view-mode').selectOption('text');
      await frame.locator('.detail .field-data .field-note', { hasText: 'not base64 — shown raw' }).waitFor();
      assert.equal(await frame.locator('#decoded-note').textContent(), 'decoded, not decrypted');

      const probe = await domProbe(frame);
      assert.equal(probe.images, 0, 'no <img> was created');
      // VS Code itself injects the acquireVsCodeApi bootstrap; every other script is our one bundle.
      const ours = probe.scripts.filter((script) => !script.includes('globalThis.acquireVsCodeApi'));
      assert.deepEqual(ours, ['src nonce=true '], 'only our own bundled, nonced script');
      assert.equal(probe.links, 0, 'no javascript: link was created');
      assert.equal(probe.handlers, 0, 'no inline event handler attribute anywhere');
      assert.deepEqual(ui.dialogs, []);
      await screenshot(ui.page, 'room-panel-hostile');
    });
  });

  describe('100,000 messages and themes', () => {
    let ui: UiWorkbench;
    let frame: Frame;
    before(async () => {
      ui = await startUiWorkbench({ bigRoom: { id: 'big', messages: 100_000 } });
      await signIn(ui);
      // The room's reply sends its first 20 KB at once and the rest 8 s later, as over a slow link.
      frame = await openRoom(ui, 'big', () => ui.sandbox.addFault({ kind: 'slowBody', firstBytes: 20_000, delayMs: 8000, method: 'GET' }));
      await frame.locator('.row:not(.loading)').first().waitFor();
    });
    after(async () => ui?.close());

    it('shows the first rows while the rest of the room is still arriving, then the whole room', async () => {
      assert.deepEqual(await texts(frame, '.fact-count'), ['counting… (first 80 shown)']);
      assert.match((await texts(frame, '.updated'))[0], /Loading the rest of the room…/);
      assert.equal((await texts(frame, '.row:not(.loading) .cell.index'))[0], '#1');
      await frame.locator('.fact-count', { hasText: /^100,000$/ }).waitFor({ timeout: 60_000 });
      ui.sandbox.clearFaults();
      assert.doesNotMatch((await texts(frame, '.updated'))[0], /Loading/);
    });

    it('keeps fewer than 500 rows in the DOM and scrolls to the last message', async () => {
      await frame.locator('.fact-count', { hasText: /^100,000$/ }).waitFor({ timeout: 60_000 });
      // A full list must not squeeze the column headings away.
      const headings = await frame.locator('.list-header').boundingBox();
      assert.ok(headings && headings.height >= 14, `the column headings are visible (${JSON.stringify(headings)})`);
      const atTop = await domProbe(frame);
      assert.ok(atTop.rows > 0 && atTop.rows < 500, `rows in the DOM at the top: ${atTop.rows}`);
      await frame.locator('.list').focus();
      await frame.locator('.list').press('End');
      const last = frame.locator('.row:not(.loading) .cell.index', { hasText: '#100,000' });
      await last.waitFor({ timeout: 30_000 });
      assert.ok(await last.isVisible(), 'the last message is on screen');
      const cut = await last.evaluate((cell) => cell.scrollWidth > cell.clientWidth);
      assert.equal(cut, false, 'the number "#100,000" is shown whole, not cut with an ellipsis');
      const atEnd = await domProbe(frame);
      assert.ok(atEnd.rows < 500, `rows in the DOM at the end: ${atEnd.rows}`);
      const active = await frame.evaluate(() => document.querySelector('.list')?.getAttribute('aria-activedescendant'));
      assert.equal(active, 'row-99999', 'the last row is the active one for screen readers');
    });

    it('follows the light, dark and high-contrast themes (screenshots in test-artifacts/)', async () => {
      const expected = { light: (l: number) => l > 0.7, dark: (l: number) => l < 0.3, highContrast: (l: number) => l < 0.05 };
      for (const theme of ['light', 'dark', 'highContrast'] as const) {
        await ui.setTheme(theme);
        const read = (): Promise<{ background: string; color: string }> =>
          frame.evaluate(() => {
            const body = getComputedStyle(document.body);
            return { background: body.backgroundColor, color: body.color };
          });
        let colours = await read();
        const deadline = Date.now() + 15_000;
        // The webview receives the new theme variables a moment after the workbench switches.
        while (!expected[theme](luminance(colours.background)) && Date.now() < deadline) {
          await ui.page.waitForTimeout(200);
          colours = await read();
        }
        assert.ok(expected[theme](luminance(colours.background)), `${theme}: the panel background is ${colours.background}`);
        assert.ok(
          Math.abs(luminance(colours.background) - luminance(colours.color)) > 0.4,
          `${theme}: text ${colours.color} stands out on ${colours.background}`,
        );
        // The screenshot waits for the workbench around the panel to wear the theme too, and for
        // two painted frames after that, so it never catches a half-switched window.
        const themeClass = { light: 'vs', dark: 'vs-dark', highContrast: 'hc-black' }[theme];
        await ui.page.waitForFunction(
          (name) => document.querySelector('.monaco-workbench')?.classList.contains(name) === true,
          themeClass,
          { timeout: 15_000 },
        );
        await ui.page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
        console.log(`      ${theme}: ${await screenshot(ui.page, `room-panel-${theme}`)}`);
      }
    });
  });
});
