/**
 * Check Rooms over 1,000 rooms of 100 messages, on the production VSIX beside its floor (issue 22):
 *   npx tsc -p . && flock /tmp/wcrtc-vscode.lock node out/test/bench/checkRoomsBench.js
 * The floor is the floor extension's "Activation Floor: Check Rooms" (test/bench/floor/floorCheck.ts): the
 * same list GET and room GETs, four at a time, and JSON.parse, in the same extension host, started the
 * same way. Each run is timed in the page from the click on the command in the palette to its closing
 * notification on screen; ours and the floor alternate (ABBA), BENCH_CHECK_ROOMS_RUNS each (default 3).
 */
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { offlineVersionsFromEnv } from '../runner/options';
import { runAllCleanups } from '../runner/processes';
import { repoRoot, vsixStubExtension } from '../runner/workspace';
import { runCommand, signIn, startUiWorkbench } from '../ui/support/uiWorkbench';
import { packageFloorExtension } from './activationFloor';
import { median, printTable } from './stats';

const RUNS = Number(process.env.BENCH_CHECK_ROOMS_RUNS ?? 3);
const ROOMS = 1_000;
const MESSAGES = 100;

interface Checker {
  readonly name: string;
  readonly command: string;
  /** The start of the notification that closes the run. */
  readonly done: string;
}

const ours: Checker = { name: 'WorldClient RTC', command: 'WorldClient RTC: Check Rooms', done: `Checked ${ROOMS} rooms` };
const floor: Checker = { name: 'floor', command: 'Activation Floor: Check Rooms', done: `Floor: loaded ${ROOMS} rooms` };

/** Runs the command from the palette; resolves with the page's time from the click on it to its closing notification. */
async function timeCheck(page: Page, checker: Checker): Promise<number> {
  await runCommand(page, 'Notifications: Clear All Notifications');
  await page.evaluate(watchForNotification, checker.done);
  await runCommand(page, checker.command);
  return page.evaluate<number>('window.wcrtcCheckDone');
}

/** In the page: the palette row's mousedown, then the first notification toast whose text starts with `done`. */
function watchForNotification(done: string): void {
  const page = globalThis as unknown as {
    document: {
      body: unknown;
      addEventListener(type: string, listener: () => void, options: object): void;
      querySelectorAll(s: string): Iterable<{ textContent: string | null }>;
    };
    performance: { now(): number };
    MutationObserver: new (callback: () => void) => { observe(target: unknown, options: object): void; disconnect(): void };
    wcrtcCheckDone?: Promise<number>;
  };
  page.wcrtcCheckDone = new Promise<number>((resolve, reject) => {
    let clickAt: number | undefined;
    page.document.addEventListener('mousedown', () => (clickAt = page.performance.now()), { capture: true });
    const observer = new page.MutationObserver(() => {
      const toasts = [...page.document.querySelectorAll('.notification-toast .notification-list-item-message')];
      if (clickAt !== undefined && toasts.some((toast) => (toast.textContent ?? '').startsWith(done))) {
        observer.disconnect();
        resolve(page.performance.now() - clickAt);
      }
    });
    observer.observe(page.document.body, { childList: true, subtree: true, characterData: true });
    setTimeout(() => reject(new Error(`no notification "${done}…" within 10 minutes`)), 600_000);
  });
}

export async function benchCheckRooms(vsixPath: string, version = '1.100.3'): Promise<{ ours: number[]; floor: number[] }> {
  const floorVsix = await packageFloorExtension();
  const ui = await startUiWorkbench({ rooms: ROOMS, messagesPerRoom: MESSAGES }, version, {
    installVsix: [vsixPath, floorVsix],
    extensionDevelopmentPath: vsixStubExtension,
    env: (sandbox) => ({ WORLDCLIENT_RTC_FLOOR_SERVER_URL: sandbox.url, WORLDCLIENT_RTC_FLOOR_SESSION: sandbox.session }),
  });
  const figures = { ours: [] as number[], floor: [] as number[] };
  try {
    await signIn(ui);
    for (let run = 0; run < 2 * RUNS; run++) {
      const checker = run % 4 === 0 || run % 4 === 3 ? ours : floor;
      const ms = await timeCheck(ui.page, checker);
      (checker === ours ? figures.ours : figures.floor).push(ms);
      console.log(`  ${checker.name}: click → closing notification ${ms.toFixed(0)} ms`);
    }
  } finally {
    await ui.close();
  }
  const row = (times: readonly number[]) =>
    `median ${median(times).toFixed(0)} ms, min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}` +
    ` (runs: ${times.map((t) => t.toFixed(0)).join(', ')})`;
  printTable(`Check Rooms, ${ROOMS.toLocaleString('en-US')} rooms of ${MESSAGES} messages, VS Code ${version}, ${RUNS} runs each`, [
    ['WorldClient RTC (production VSIX)', row(figures.ours)],
    ['floor: the same GETs, 4 at a time + JSON.parse', row(figures.floor)],
    ['ratio of medians (target ≤ 1.25×)', `${(median(figures.ours) / median(figures.floor)).toFixed(2)}×`],
  ]);
  return figures;
}

if (require.main === module) {
  (async () => {
    for (const version of offlineVersionsFromEnv('1.100.3')) {
      await benchCheckRooms(process.env.WORLDCLIENT_RTC_BENCH_VSIX ?? path.join(repoRoot, '.vscode-test', 'worldclient-rtc.vsix'), version);
    }
  })()
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    })
    .finally(() => runAllCleanups());
}
