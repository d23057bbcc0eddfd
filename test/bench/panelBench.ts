/**
 * Room panel benchmark on the production VSIX beside its floor, in the offline workbench (code-server's VS Code in headless Chromium):
 *   npx vsce package --no-dependencies --no-rewrite-relative-links --out .vscode-test/worldclient-rtc.vsix
 *   npx tsc -p . && flock /tmp/wcrtc-vscode.lock node out/test/bench/panelBench.js   (or WORLDCLIENT_RTC_BENCH_VSIX=file)
 * For rooms of 1,000 and 100,000 messages: time from accepting the room in "Open Room" (or
 * clicking it in the Rooms view) to the first rows on screen (the webview stamps that moment
 * on its <html>), DOM rows, and the webview's JS heap after opening and after scrolling
 * through the room. Beside ours, the floor (test/bench/floor/floorPanel.ts): a webview showing the
 * first 35 messages of the same room from one fetch, opened from an input box, timed from the same
 * Enter. Each room is opened from the picker once cold (the first webview of the session), then
 * ours and the floor alternate (ABBA), BENCH_PANEL_RUNS warm opens each (default 4), then twice from
 * the tree; in each VS Code version of WORLDCLIENT_RTC_OFFLINE_VSCODE (default 1.100.3,1.139.1).
 * The extension host's resident memory is read while each room is open, beside the room reply's size.
 * The sandbox runs in this process, as a real server would run elsewhere, so the extension host only
 * does the extensions' own work.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { offlineVersionsFromEnv } from '../runner/options';
import { runAllCleanups } from '../runner/processes';
import { repoRoot, vsixStubExtension } from '../runner/workspace';
import type { BrowserDocument } from '../ui/support/browserTypes';
import { roomFrame, roomsViewRow, runCommand, signIn, startUiWorkbench, type UiWorkbench } from '../ui/support/uiWorkbench';
import { packageFloorExtension } from './activationFloor';
import { extensionHostPid, residentMemoryMiB } from './extensionHostProcess';
import { median, printTable } from './stats';

const RUNS = Number(process.env.BENCH_PANEL_RUNS ?? 4);
const MiB = 1024 * 1024;

declare const document: BrowserDocument & { documentElement: { dataset: Record<string, string | undefined> } };
declare const performance: { memory?: { usedJSHeapSize: number } };

/**
 * The two ways the issue names to open a room: the palette's room picker, and a click in the Rooms view;
 * 'floor' is the floor extension's panel (test/bench/floor/floorPanel.ts) opened from an input box.
 */
type OpenedFrom = 'picker' | 'tree' | 'floor';

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
  /** The extension host's resident memory with the room open (after scrolling). */
  hostRssMiB: number;
}

/** Gets the room one step from opening; returns the step (pressing Enter on it, or clicking its row). */
async function prepareOpen(ui: UiWorkbench, roomId: string, from: OpenedFrom): Promise<() => Promise<void>> {
  if (from === 'floor') {
    await runCommand(ui.page, 'Activation Floor: Open Room');
    const input = ui.page.locator('.quick-input-widget .quick-input-box input');
    await ui.page.locator('.quick-input-widget .quick-input-title', { hasText: 'Floor: open which room?' }).waitFor({ timeout: 60_000 });
    await input.fill(roomId);
    return () => input.press('Enter');
  }
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
  console.log(
    `${roomId} (from the ${from}): ${script}, first state +${since(stamps.firstStateAt)} ms, first rows +${since(stamps.firstRowsAt)} ms`,
  );
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
  // The floor's page is 35 rows and no list to scroll.
  if (from !== 'floor') {
    await scrollThrough(ui.page, frame);
  }
  const heapAfterScrollMb = await heapMb(frame);
  const domRowsAfterScroll = await rowCount(frame);
  const hostRssMiB = Math.round(residentMemoryMiB(extensionHostPid(`=${ui.sandbox.url}`)).now);
  const figures = {
    ...{ vscode, from, room, messages, run, firstRowsMs, domRows },
    ...{ heapAfterOpenMb, heapAfterScrollMb, domRowsAfterScroll, hostRssMiB },
  };
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
export async function benchPanel(vsixPath: string, versions = offlineVersionsFromEnv('1.100.3,1.139.1')): Promise<void> {
  const results: Figures[] = [];
  const floorVsix = await packageFloorExtension();
  for (const version of versions) {
    const ui = await startUiWorkbench({ rooms: 1, messagesPerRoom: 1000, bigRoom: { id: 'big', messages: 100_000 } }, version, {
      installVsix: [vsixPath, floorVsix],
      extensionDevelopmentPath: vsixStubExtension,
      env: (sandbox) => ({ WORLDCLIENT_RTC_FLOOR_SERVER_URL: sandbox.url, WORLDCLIENT_RTC_FLOOR_SESSION: sandbox.session }),
    });
    try {
      await signIn(ui);
      const signedInRssMiB = residentMemoryMiB(extensionHostPid(`=${ui.sandbox.url}`)).now;
      // ABBA, so neither always follows the other.
      const warm = Array.from({ length: 2 * RUNS }, (_, run): [OpenedFrom, string] => [(run % 4) % 3 === 0 ? 'picker' : 'floor', 'warm']);
      const runs: [OpenedFrom, string][] = [['picker', 'cold'], ...warm, ['tree', 'warm'], ['tree', 'warm']];
      for (const [from, run] of runs) {
        results.push(await measure(ui, version, from, 'room-00001', 1000, run));
        results.push(await measure(ui, version, from, 'big', 100_000, run));
      }
      printExtensionTimings(ui.workbench.dirs.root);
      const peakRssMiB = residentMemoryMiB(extensionHostPid(`=${ui.sandbox.url}`)).peak;
      const memory = { signedInRssMiB, peakRssMiB, replyMiB: await replyMiB(ui, 'big') };
      printSummary(
        version,
        results.filter((figures) => figures.vscode === version),
        memory,
      );
    } finally {
      await ui.close();
    }
  }
  console.log("\nroom panel benchmark (offline workbench, headless Chromium; heap is Chromium's bucketed performance.memory)");
  console.table(results);
}

/** The size of the room's reply as the server sends it. */
async function replyMiB(ui: UiWorkbench, roomId: string): Promise<number> {
  const reply = await fetch(`${ui.sandbox.url}/WorldClientAPI/rtc/rooms/${encodeURIComponent(roomId)}`, {
    headers: { Accept: 'application/json', Authorization: `Bearer ${ui.sandbox.session}` },
  });
  return (await reply.arrayBuffer()).byteLength / MiB;
}

interface HostMemory {
  signedInRssMiB: number;
  peakRssMiB: number;
  replyMiB: number;
}

function printSummary(version: string, results: readonly Figures[], memory: HostMemory): void {
  const whole = (ms: number) => ms.toFixed(0);
  const row = (times: readonly number[]) =>
    `median ${whole(median(times))} ms, min ${whole(Math.min(...times))}, max ${whole(Math.max(...times))}` +
    ` (runs: ${times.map(whole).join(', ')})`;
  const rows: [string, string][] = [];
  for (const messages of [1000, 100_000]) {
    const times = (from: OpenedFrom) =>
      results.filter((f) => f.messages === messages && f.from === from && f.run === 'warm').map((f) => f.firstRowsMs);
    const size = messages.toLocaleString('en-US');
    rows.push([`${size} messages, WorldClient RTC from the picker (warm)`, row(times('picker'))]);
    rows.push([`${size} messages, floor: one fetch + first 35 rows`, row(times('floor'))]);
    const ratio = median(times('picker')) / median(times('floor'));
    rows.push([`${size} messages, ratio of medians (target ≤ 1.25×)`, `${ratio.toFixed(2)}×`]);
  }
  const open = (from: OpenedFrom) => results.filter((f) => f.messages === 100_000 && f.from === from).map((f) => f.hostRssMiB);
  rows.push(['extension host RSS, signed in, no room open', `${whole(memory.signedInRssMiB)} MiB`]);
  const ours = open('picker');
  rows.push(['… with the 100,000-message room open in our panel', `median ${whole(median(ours))} MiB (max ${whole(Math.max(...ours))})`]);
  rows.push(["… with it open in the floor's panel", `median ${whole(median(open('floor')))} MiB`]);
  rows.push(['… peak over the whole run (VmHWM)', `${whole(memory.peakRssMiB)} MiB`]);
  rows.push(["the 100,000-message room's reply", `${memory.replyMiB.toFixed(1)} MiB`]);
  printTable(`Room panel: accept → first message rows, VS Code ${version}, ${RUNS} warm opens each`, rows);
}

if (require.main === module) {
  benchPanel(process.env.WORLDCLIENT_RTC_BENCH_VSIX ?? path.join(repoRoot, '.vscode-test', 'worldclient-rtc.vsix')).then(
    async () => runAllCleanups(),
    async (error: unknown) => {
      console.error(error instanceof Error ? error.stack : error);
      await runAllCleanups();
      process.exitCode = 1;
    },
  );
}
