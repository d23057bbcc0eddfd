/**
 * Click → first room rows, as a user feels it, on the production VSIX beside the one-fetch floor
 * (test/bench/floor). `npm run bench` runs it; alone, after packaging the VSIX as that script does:
 *   npx tsc -p . && node out/test/bench/firstRowsBench.js
 * (or WORLDCLIENT_RTC_BENCH_VSIX=file). BENCH_FIRST_ROWS_RUNS window loads per extension (default 7), each VS Code version of
 * WORLDCLIENT_RTC_OFFLINE_VSCODE (default 1.100.3). Run it under `flock /tmp/wcrtc-vscode.lock`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { launchOfflineWorkbench, type OfflineWorkbench } from '../runner/offlineWorkbench';
import { offlineVersionsFromEnv } from '../runner/options';
import { runAllCleanups } from '../runner/processes';
import { repoRoot, vsixStubExtension } from '../runner/workspace';
import { startSandbox } from '../sandbox/server';
import { runCommand, signIn } from '../ui/support/uiWorkbench';
import { packageFloorExtension } from './activationFloor';
import { extensionHostPid, firstTouchMicrosecondsPerPage, hostWork, workBetween, type HostWork } from './extensionHostProcess';
import { median, printTable } from './stats';

const RUNS = Number(process.env.BENCH_FIRST_ROWS_RUNS ?? 7);
/** After each window load, so the workbench's own start does not crowd the two cores. */
const SETTLE_MS = Number(process.env.BENCH_FIRST_ROWS_SETTLE_MS ?? 8_000);
const ROOMS = 10_000;
const STATUS_BAR = '.monaco-workbench .part.statusbar';

export interface Measured {
  readonly name: string;
  /** The activity-bar icon's label (its view container's title). */
  readonly icon: string;
  /** The view's pane header. */
  readonly pane: string;
}

export const ours: Measured = { name: 'WorldClient RTC', icon: 'WorldClient RTC', pane: 'Rooms' };
export const floor: Measured = { name: 'floor (one fetch)', icon: 'Activation Floor', pane: 'Floor Items' };

/** Page times (performance.now) of one start: the click's mousedown, the first row in the DOM, the next frame after it. */
export interface Start {
  readonly clickAt: number;
  readonly inDom: number;
  readonly painted: number;
}

export interface FirstRowsFigures {
  readonly version: string;
  readonly ours: number[];
  readonly floor: number[];
  /** The extension host's work in each of those starts, from before the click until the rows were painted. */
  readonly oursHost: HostWork[];
  readonly floorHost: HostWork[];
}

/**
 * In the workbench of openFirstRowsWorkbench, per run, a fresh window load
 * (Developer: Reload Window: a new extension host, neither extension active), a click on one
 * extension's activity-bar icon, and the time in the page from that click to the first room row
 * painted in its view; ours and the floor alternate, one per load.
 */
export async function benchFirstRows(vsixPath: string, version = '1.100.3'): Promise<FirstRowsFigures> {
  const opened = await openFirstRowsWorkbench(vsixPath, version);
  const figures: FirstRowsFigures = { version, ours: [], floor: [], oursHost: [], floorHost: [] };
  try {
    for (let run = 0; run < 2 * RUNS; run++) {
      // ABBA order, so neither extension always follows the other.
      const measured = run % 4 === 0 || run % 4 === 3 ? ours : floor;
      const { start, host } = await measureStart(opened, measured);
      (measured === ours ? figures.ours : figures.floor).push(start.painted - start.clickAt);
      (measured === ours ? figures.oursHost : figures.floorHost).push(host);
      const ms = (at: number) => `${(at - start.clickAt).toFixed(0)} ms`;
      console.log(
        `  ${measured.name}: click → rows in the DOM ${ms(start.inDom)}, painted ${ms(start.painted)};` +
          ` extension host's main thread ${host.mainThreadCpuMs.toFixed(0)} ms on a CPU, ${host.minorFaults} page faults`,
      );
    }
  } catch (error) {
    console.error(`First-rows bench in VS Code ${version} failed; screenshot: ${await opened.workbench.screenshot('first-rows-bench')}`);
    throw error;
  } finally {
    await opened.close();
  }
  printFirstRows(figures);
  return figures;
}

export interface FirstRowsWorkbench {
  readonly page: Page;
  readonly workbench: OfflineWorkbench;
  /** The sandbox's address, also in the extension host's environment (the floor reads it there). */
  readonly serverUrl: string;
  close(): Promise<void>;
}

/**
 * One workbench with our VSIX and the floor installed, the sandbox's 10,000 rooms, signed in once
 * through our prompts (the session stays in SecretStorage).
 */
export async function openFirstRowsWorkbench(vsixPath: string, version: string): Promise<FirstRowsWorkbench> {
  const floorVsix = await packageFloorExtension();
  const sandbox = await startSandbox({ seed: { rooms: ROOMS } });
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wcrtc-first-rows-'));
  fs.mkdirSync(path.join(folder, '.vscode'));
  const settings = {
    'worldclientRtc.serverUrl': sandbox.url,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'git.openRepositoryInParentFolders': 'never',
  };
  fs.writeFileSync(path.join(folder, '.vscode', 'settings.json'), JSON.stringify(settings, null, 2));
  const close = async (): Promise<void> => {
    await workbench?.close();
    await sandbox.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  };
  let workbench: OfflineWorkbench | undefined;
  try {
    workbench = await launchOfflineWorkbench({
      version,
      workspaceFolder: folder,
      extensionDevelopmentPath: vsixStubExtension,
      installVsix: [vsixPath, floorVsix],
      env: { WORLDCLIENT_RTC_FLOOR_SERVER_URL: sandbox.url, WORLDCLIENT_RTC_FLOOR_SESSION: sandbox.session },
      onLog: () => undefined,
    });
    const page = workbench.page;
    if (!page) {
      throw new Error('no browser page');
    }
    await page.locator(STATUS_BAR).waitFor({ timeout: 120_000 });
    await signIn({ page });
    return { page, workbench, serverUrl: sandbox.url, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** A fresh window (a new extension host, neither extension active), settled, with neither view on screen. */
export async function reloadWindow(page: Page): Promise<void> {
  // Neither view may be on screen when the window comes back, or it would activate during the workbench's start.
  await runCommand(page, 'View: Show Explorer');
  await runCommand(page, 'View: Close All Editors');
  const loaded = page.waitForEvent('load');
  await runCommand(page, 'Developer: Reload Window');
  await loaded;
  await page.locator(STATUS_BAR).waitFor({ timeout: 120_000 });
  await page.waitForTimeout(SETTLE_MS);
}

/** Clicks the extension's activity-bar icon and resolves with the page times of the click and its first rows. */
export async function clickForRows(page: Page, measured: Measured): Promise<Start> {
  await page.evaluate(watchForRows, { pane: measured.pane, rowLabel: '^room-\\d+$' });
  await page.locator(`.part.activitybar .action-item [aria-label^="${measured.icon}"]`).first().click();
  return page.evaluate<Start>('window.wcrtcFirstRows');
}

/**
 * One start, with what the new extension host did from just before the click until the rows were
 * painted (read from /proc when the page reports them: a few milliseconds late, so work that follows
 * the rows at once is counted too).
 */
async function measureStart(opened: FirstRowsWorkbench, measured: Measured): Promise<{ start: Start; host: HostWork }> {
  await reloadWindow(opened.page);
  const pid = extensionHostPid(`=${opened.serverUrl}`);
  const before = hostWork(pid);
  const start = await clickForRows(opened.page, measured);
  return { start, host: workBetween(before, hostWork(pid)) };
}

/**
 * Runs in the page before the click: stamps the click's mousedown, then watches the DOM until a
 * row of the view labelled like a room appears, and the frame after it that paints it.
 */
function watchForRows(options: { pane: string; rowLabel: string }): void {
  interface Node {
    readonly textContent: string | null;
    querySelector(selector: string): Node | null;
    querySelectorAll(selector: string): Iterable<Node>;
  }
  const page = globalThis as unknown as {
    document: Node & { body: Node; addEventListener(type: string, listener: () => void, options: object): void };
    performance: { now(): number };
    requestAnimationFrame(callback: () => void): void;
    MutationObserver: new (callback: () => void) => { observe(target: Node, options: object): void; disconnect(): void };
    wcrtcFirstRows?: Promise<Start>;
  };
  const label = new RegExp(options.rowLabel);
  const hasRows = (): boolean => {
    for (const pane of page.document.querySelectorAll('.part.sidebar .pane')) {
      if (pane.querySelector('.pane-header')?.textContent?.includes(options.pane)) {
        for (const row of pane.querySelectorAll('.monaco-list-row .label-name')) {
          if (label.test((row.textContent ?? '').trim())) {
            return true;
          }
        }
      }
    }
    return false;
  };
  page.wcrtcFirstRows = new Promise<Start>((resolve, reject) => {
    let clickAt: number | undefined;
    page.document.addEventListener('mousedown', () => (clickAt ??= page.performance.now()), { capture: true });
    const observer = new page.MutationObserver(() => {
      if (clickAt === undefined || !hasRows()) {
        return;
      }
      observer.disconnect();
      const started = clickAt;
      const inDom = page.performance.now();
      page.requestAnimationFrame(() => setTimeout(() => resolve({ clickAt: started, inDom, painted: page.performance.now() })));
    });
    observer.observe(page.document.body, { childList: true, subtree: true, characterData: true });
    setTimeout(() => reject(new Error(`no room rows in "${options.pane}" within 60 s`)), 60_000);
  });
}

function printFirstRows(figures: FirstRowsFigures): void {
  const whole = (ms: number) => ms.toFixed(0);
  const row = (times: readonly number[]) =>
    `median ${whole(median(times))} ms, min ${whole(Math.min(...times))}, max ${whole(Math.max(...times))}` +
    ` (runs: ${times.map(whole).join(', ')})`;
  const ratio = median(figures.ours) / median(figures.floor);
  const minima = Math.min(...figures.ours) / Math.min(...figures.floor);
  const rooms = ROOMS.toLocaleString('en-US');
  const title = `Click on the activity-bar icon → first room rows painted, ${rooms} rooms, VS Code ${figures.version}`;
  const pageCostUs = firstTouchMicrosecondsPerPage();
  const hostRow = (work: readonly HostWork[]) => {
    const faults = median(work.map((each) => each.minorFaults));
    return (
      `main thread ${whole(median(work.map((each) => each.mainThreadCpuMs)))} ms on a CPU, ` +
      `${whole(faults)} page faults (≈ ${whole((faults * pageCostUs) / 1000)} ms at this machine's cost), medians`
    );
  };
  printTable(`${title}, ${figures.ours.length} loads each`, [
    ['WorldClient RTC (production VSIX)', row(figures.ours)],
    ['floor: one fetch + JSON.parse + 200 ids', row(figures.floor)],
    ['ratio of medians (target ≤ 1.25×)', `${ratio.toFixed(2)}× (minima ${minima.toFixed(2)}×)`],
    ['extension host in those starts: ours', hostRow(figures.oursHost)],
    ['extension host in those starts: floor', hostRow(figures.floorHost)],
    ["this machine's first touch of a memory page", `${pageCostUs.toFixed(1)} µs per 4 KiB page`],
  ]);
}

if (require.main === module) {
  (async () => {
    const load = os
      .loadavg()
      .map((average) => average.toFixed(1))
      .join(' ');
    console.log(`First-rows benchmark on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, load ${load}`);
    for (const version of offlineVersionsFromEnv('1.100.3')) {
      await benchFirstRows(process.env.WORLDCLIENT_RTC_BENCH_VSIX ?? path.join(repoRoot, '.vscode-test', 'worldclient-rtc.vsix'), version);
    }
  })()
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    })
    .finally(() => runAllCleanups());
}
