import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { repoRoot } from '../runner/workspace';
import {
  roomFrame,
  runCommand,
  screenshot,
  signIn,
  startUiWorkbench,
  timelineFrame,
  waitForPanelTheme,
  type UiWorkbench,
} from './support/uiWorkbench';

declare function requestAnimationFrame(callback: () => void): number;

describe('Rooms Timeline in the browser', function () {
  this.timeout(300_000);
  let ui: UiWorkbench;
  let frame: Frame;

  before(async () => {
    ui = await startUiWorkbench({ sample: true });
    await signIn(ui);
    await runCommand(ui.page, 'WorldClient RTC: Show Timeline');
    frame = await timelineFrame(ui);
  });
  after(async () => ui?.close());

  it('shows the toolbar and the rooms count in words the user reads', async () => {
    assert.deepEqual(await frame.locator('.toolbar button').allTextContents(), [
      'Zoom Out (-)',
      'Zoom In (+)',
      'Fit All (0)',
      'Copy as SVG',
      'Save Picture…',
    ]);
    await frame.locator('.range', { hasText: /^1–\d+ \/ 12$/ }).waitFor({ timeout: 10_000 });
  });

  it('takes screenshots light and dark (test-artifacts/, copied to docs/screenshots/ for the README)', async () => {
    for (const theme of ['light', 'dark'] as const) {
      await ui.setTheme(theme);
      await waitForPanelTheme(frame, theme);
      // Two painted frames after the theme's colours arrive: the canvas is redrawn with them.
      await frame.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
      const file = await screenshot(ui.page, `timeline-${theme}`);
      fs.copyFileSync(file, path.join(repoRoot, 'docs', 'screenshots', `timeline-${theme}.png`));
      console.log(`      ${theme}: ${file}`);
    }
  });

  it('hovers a bar for its fields, and moves between bars with the keyboard, said for screen readers', async () => {
    const plot = frame.locator('.plot');
    // The first row (long-running, the earliest start) is 28 px of axis plus half a 22 px row down.
    await plot.hover({ position: { x: 100, y: 39 } });
    const hover = frame.locator('.hover:not([hidden])');
    await hover.waitFor({ timeout: 10_000 });
    const lines = await hover.locator('div').allTextContents();
    assert.equal(lines[0], 'long-running');
    assert.ok(lines.includes('Ended: still open'), JSON.stringify(lines));
    assert.match(lines[1], /^Started: /);
    assert.ok((await plot.getAttribute('aria-label'))?.includes('Up and Down move between rooms'));

    await plot.focus();
    await plot.press('ArrowDown');
    await frame.locator('[role="status"]', { hasText: /^orphaned-room, Started: / }).waitFor({ timeout: 10_000 });
  });

  it('opens the focused room with Enter, and a clicked room, in their panels', async () => {
    const plot = frame.locator('.plot');
    await plot.focus();
    await plot.press('Enter');
    await roomFrame(ui.page, 'orphaned-room');
    await runCommand(ui.page, 'WorldClient RTC: Show Timeline');
    const again = await timelineFrame(ui);
    await again.locator('.plot').click({ position: { x: 100, y: 39 } });
    await roomFrame(ui.page, 'long-running');
  });

  // Last: the reload starts a new extension host, which fills the panel VS Code brings back.
  it('comes back after a window reload, drawn again with the rooms', async () => {
    await runCommand(ui.page, 'View: Close All Editors');
    await runCommand(ui.page, 'WorldClient RTC: Show Timeline');
    await timelineFrame(ui);
    await runCommand(ui.page, 'Developer: Reload Window');
    await ui.page.locator('.part.statusbar [aria-label^="WorldClient RTC: signed in to"]').first().waitFor({ timeout: 120_000 });
    const restored = await timelineFrame(ui);
    await restored.locator('.range', { hasText: /^1–\d+ \/ 12$/ }).waitFor({ timeout: 30_000 });
    assert.equal(await ui.page.locator('.tab', { hasText: 'Rooms Timeline' }).count(), 1, 'one timeline tab, not two');
  });
});
