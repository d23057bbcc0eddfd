/**
 * Room panel benchmark in the offline workbench (code-server's VS Code in headless Chromium):
 *   node esbuild.js && npx tsc -p . && node out/test/bench/panelBench.js
 * For rooms of 1,000 and 100,000 messages: time from accepting the room in "Open Room" (or
 * clicking it in the Rooms view) to the first rows on screen (the webview stamps that moment
 * on its <html>), DOM rows, and the webview's JS heap after opening and after scrolling
 * through the room. Each room is opened three times from the picker (cold: the first webview
 * of the session; then warm) and twice from the tree, in each VS Code version of
 * WORLDCLIENT_RTC_OFFLINE_VSCODE (default 1.100.3,1.139.1). The sandbox runs in this process,
 * as a real server would run elsewhere, so the extension host only does the extension's own work.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { offlineVersionsFromEnv } from '../runner/options';
import { runAllCleanups } from '../runner/processes';
import type { BrowserDocument } from '../ui/support/browserTypes';
import { roomFrame, roomsViewRow, runCommand, signIn, startUiWorkbench, type UiWorkbench } from '../ui/support/uiWorkbench';

declare const document: BrowserDocument & { documentElement: { dataset: Record<string, string | undefined> } };
declare const performance: { memory?: { usedJSHeapSize: number } };

/** The two ways the issue names to open a room: the palette's room picker, and a click in the Rooms view. */
type OpenedFrom = 'picker' | 'tree';

interface Figures {
  vscode: string;
  from: OpenedFrom;
  room: string;
  messages: number;
  run: string;
  firstRowsMs: number;
  domRows: number;
  heapAfterOpenMb: number;
  heapAfterScrollMb: number;
  domRowsAfterScroll: number;
}

/** Gets the room one step from opening; returns the step (pressing Enter on it, or clicking its row). */
async function prepareOpen(ui: UiWorkbench, roomId: string, from: OpenedFrom): Promise<() => Promise<void>> {
  if (from === 'tree') {
    await runCommand(ui.page, 'WorldClient RTC: Focus on Rooms View');
    const row = roomsViewRow(ui.page, roomId);
    await row.waitFor({ timeout: 60_000 });
    return () => row.click();
  }
  await runCommand(ui.page, 'WorldClient RTC: Open Room');
  const widget = ui.page.locator('.quick-input-widget');
  await widget.locator('.quick-input-title', { hasText: 'Open which room?' }).waitFor({ timeout: 60_000 });
  const input = widget.locator('.quick-input-box input');
  await input.fill(roomId);
  await widget.locator('.monaco-list-row', { hasText: roomId }).first().waitFor();
  return () => input.press('Enter');
}

async function openTimed(ui: UiWorkbench, roomId: string, from: OpenedFrom): Promise<{ frame: Frame; firstRowsMs: number }> {
  const open = await prepareOpen(ui, roomId, from);
  await ui.page.waitForTimeout(300);
  const started = Date.now();
  await open();
  const frame = await roomFrame(ui.page, roomId);
  await frame.waitForFunction(() => document.documentElement.dataset.firstRowsAt !== undefined, undefined, { timeout: 60_000 });
  const stamps = await frame.evaluate(() => ({ ...document.documentElement.dataset }));
  const since = (stamp: string | undefined): number => Number(stamp) - started;
  const script = `webview script started +${since(stamps.scriptStartAt)} ms`;
  console.log(`${roomId} (from the ${from}): ${script}, first state +${since(stamps.firstStateAt)} ms, first rows +${since(stamps.firstRowsAt)} ms`);
  return { frame, firstRowsMs: since(stamps.firstRowsAt) };
}

async function heapMb(frame: Frame): Promise<number> {
  const bytes = await frame.evaluate(() => performance.memory?.usedJSHeapSize ?? -1);
  return bytes < 0 ? Number.NaN : Math.round((bytes / 1024 / 1024) * 10) / 10;
}

function rowCount(frame: Frame): Promise<number> {
  return frame.evaluate(() => document.querySelectorAll('.row').length);
}

/** Page Down through a stretch of the room, then jump to the end, as someone skimming would. */
async function scrollThrough(page: Page, frame: Frame): Promise<void> {
  await frame.locator('.list').focus();
  for (let i = 0; i < 60; i++) {
    await frame.locator('.list').press('PageDown');
  }
  await frame.locator('.list').press('End');
  await page.waitForTimeout(500);
}

async function measure(ui: UiWorkbench, vscode: string, from: OpenedFrom, room: string, messages: number, run: string): Promise<Figures> {
  const { frame, firstRowsMs } = await openTimed(ui, room, from);
  const domRows = await rowCount(frame);
  const heapAfterOpenMb = await heapMb(frame);
  await scrollThrough(ui.page, frame);
  const figures = { vscode, from, room, messages, run, firstRowsMs, domRows, heapAfterOpenMb, heapAfterScrollMb: await heapMb(frame), domRowsAfterScroll: await rowCount(frame) };
  if (!process.env.BENCH_KEEP_OPEN) {
    await runCommand(ui.page, 'View: Close All Editors');
  }
  await ui.page.waitForTimeout(500);
  return figures;
}

/** The extension's own log lines about each panel (load time, first rows), for the breakdown. */
function printExtensionTimings(root: string): void {
  const logs = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('WorldClient RTC.log'));
  for (const file of logs) {
    const lines = fs.readFileSync(path.join(root, file), 'utf8').split('\n');
    console.log(lines.filter((line) => /Room panel .*(loaded|first rows|showing the first)/.test(line)).join('\n'));
  }
}

/** Each VS Code version starts webviews its own way (1.100 registers a service worker per webview), so each is measured. */
export async function benchPanel(versions = offlineVersionsFromEnv('1.100.3,1.139.1')): Promise<void> {
  const results: Figures[] = [];
  for (const version of versions) {
    const ui = await startUiWorkbench({ rooms: 1, messagesPerRoom: 1000, bigRoom: { id: 'big', messages: 100_000 } }, version);
    try {
      await signIn(ui);
      const runs: [OpenedFrom, string][] = [['picker', 'cold'], ['picker', 'warm'], ['picker', 'warm'], ['tree', 'warm'], ['tree', 'warm']];
      for (const [from, run] of runs) {
        results.push(await measure(ui, version, from, 'room-00001', 1000, run));
        results.push(await measure(ui, version, from, 'big', 100_000, run));
      }
      printExtensionTimings(ui.workbench.dirs.root);
    } finally {
      await ui.close();
    }
  }
  console.log('\nroom panel benchmark (offline workbench, headless Chromium; heap is Chromium\'s bucketed performance.memory)');
  console.table(results);
}

if (require.main === module) {
  benchPanel().then(
    async () => runAllCleanups(),
    async (error: unknown) => {
      console.error(error instanceof Error ? error.stack : error);
      await runAllCleanups();
      process.exitCode = 1;
    },
  );
}
