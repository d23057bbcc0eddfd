/**
 * Rooms Timeline benchmark, in the offline workbench (code-server's VS Code in headless Chromium):
 *   npx tsc -p . && npm run build && flock /tmp/wcrtc-vscode.lock node out/test/bench/timelineBench.js   (npm run bench:timeline)
 * With 10,000 rooms listed: the time from "Show Timeline" to the first bars on screen, the page's render
 * time (the bars message received, checked, laid out and drawn), and the draw time of each step of a pan
 * (60 Right-arrow presses and 60 Down-arrow presses, each waited for two frames). In each VS Code version of
 * WORLDCLIENT_RTC_OFFLINE_VSCODE (default 1.100.3).
 */
import type { Frame } from 'playwright-core';
import { offlineVersionsFromEnv } from '../runner/options';
import { runAllCleanups } from '../runner/processes';
import type { BrowserDocument } from '../ui/support/browserTypes';
import { runCommand, signIn, startUiWorkbench, type UiWorkbench } from '../ui/support/uiWorkbench';
import { formatMs, median, printTable } from './stats';

const ROOMS = 10_000;

interface Marks {
  firstDrawAt?: string;
  firstRenderMs?: string;
  lastDrawMs?: string;
}
declare const document: BrowserDocument & { documentElement: { dataset: Marks } };
declare class KeyboardEvent {
  constructor(type: string, init: { key: string; bubbles: boolean });
}
declare function requestAnimationFrame(callback: () => void): number;

async function timelineMarks(ui: UiWorkbench, timeoutMs = 120_000): Promise<{ frame: Frame; marks: Marks }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of ui.page.frames()) {
      const marks = await frame.evaluate(() => ({ ...document.documentElement.dataset })).catch(() => undefined);
      if (marks?.firstDrawAt !== undefined && marks.firstRenderMs !== undefined) {
        return { frame, marks };
      }
    }
    if (Date.now() > deadline) {
      throw new Error('The timeline never drew.');
    }
    await ui.page.waitForTimeout(50);
  }
}

/** Presses a key on the plot `times` times, two frames apart, and returns each draw's time. */
function panDraws(frame: Frame, key: string, times: number): Promise<number[]> {
  return frame.evaluate(
    async ({ key, times }) => {
      const plot = document.querySelector('.plot') as unknown as { dispatchEvent(event: unknown): boolean } | null;
      const draws: number[] = [];
      for (let step = 0; step < times; step++) {
        plot?.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
        await new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
        draws.push(Number(document.documentElement.dataset.lastDrawMs));
      }
      return draws;
    },
    { key, times },
  );
}

async function benchVersion(version: string): Promise<[string, string][]> {
  const ui = await startUiWorkbench({ sample: true, rooms: ROOMS }, version);
  try {
    await signIn(ui);
    const started = Date.now();
    await runCommand(ui.page, 'WorldClient RTC: Show Timeline');
    const { frame, marks } = await timelineMarks(ui);
    const pans = [...(await panDraws(frame, 'ArrowRight', 60)), ...(await panDraws(frame, 'ArrowDown', 60))];
    return [
      [`${version}: Show Timeline → first bars on screen`, formatMs(Number(marks.firstDrawAt) - started)],
      [`${version}: page render of ${ROOMS.toLocaleString('en-US')} rooms (receive, check, draw)`, formatMs(Number(marks.firstRenderMs))],
      [`${version}: pan step draw, median / max of ${pans.length}`, `${formatMs(median(pans))} / ${formatMs(Math.max(...pans))}`],
    ];
  } finally {
    await ui.close();
  }
}

/** The figures for each VS Code version of WORLDCLIENT_RTC_OFFLINE_VSCODE, printed as one table (part of `npm run bench`). */
export async function benchTimeline(): Promise<void> {
  const rows: [string, string][] = [];
  for (const version of offlineVersionsFromEnv()) {
    rows.push(...(await benchVersion(version)));
  }
  printTable(`Rooms Timeline, ${ROOMS.toLocaleString('en-US')} rooms`, rows);
}

if (require.main === module) {
  benchTimeline()
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    })
    .finally(() => runAllCleanups());
}
