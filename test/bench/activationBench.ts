import type { Page } from 'playwright-core';
import { launchOfflineWorkbench } from '../runner/offlineWorkbench';
import { vsixStubExtension } from '../runner/workspace';
import { EXTENSION_ID } from '../support/extensionId';
import { runCommand } from '../ui/support/uiWorkbench';
import { floorDisplayName, floorExtensionId, floorFocusCommand, packageFloorExtension } from './activationFloor';
import { median, printTable } from './stats';

const RUNS = Number(process.env.BENCH_ACTIVATION_RUNS ?? 5);
const SETTLE_MS = 10_000;
/** Between the two activations, so that one extension's activation never overlaps the other's. */
const GAP_MS = 2_000;
const TARGET_MS = 8;

/** One extension's figures over the runs, in milliseconds. */
interface Times {
  /** What "Developer: Show Running Extensions" reports: loading the main module + the activate() call. */
  readonly reported: number[];
  /**
   * The whole of activation, until activate()'s promise resolved: Load Code + Call Activate +
   * Finish Activate (from the call's return until the promise resolved) in "Developer: Startup
   * Performance". What the extension awaits inside activate() is only here.
   */
  readonly whole: number[];
}

export interface ActivationFigures {
  readonly version: string;
  /** The first start in a fresh user profile. */
  readonly cold: { readonly ours: Times; readonly floor: Times };
  /** The next start of the same profile (the window reloaded): what a user gets every day. */
  readonly warm: { readonly ours: Times; readonly floor: Times };
}

interface Measured {
  readonly name: string;
  readonly id: string;
  readonly focusCommand: string;
}

const ours: Measured = { name: 'WorldClient RTC', id: EXTENSION_ID, focusCommand: 'WorldClient RTC: Focus on Rooms View' };
const floor: Measured = { name: floorDisplayName, id: floorExtensionId, focusCommand: floorFocusCommand };
const STATUS_BAR = '.monaco-workbench .part.statusbar';

/**
 * Activation of the packaged extension as VS Code itself reports it in "Developer: Show Running
 * Extensions" (codeLoadingTime + activateCallTime: loading the main module, then activate() up to
 * the moment it returns its promise — what it awaits afterwards is not in that figure), and the
 * whole activation, until that promise resolved ("Developer: Startup Performance"), beside a
 * one-tree, one-command floor extension (test/bench/floor) installed the same way, in the same
 * workbenches. Each run starts a fresh user profile and measures two starts of it:
 * - cold: the first start, as after installing or updating the extension (or VS Code);
 * - warm: the window reloaded — a new extension host, as every later start of VS Code is, with
 *   the disk and VS Code's own caches warm.
 * Each workbench is left to settle first, so its own startup does not crowd the two cores; which
 * of the two extensions activates first alternates from run to run.
 */
export async function benchActivation(vsixPath: string, version = '1.100.3'): Promise<ActivationFigures> {
  const floorVsix = await packageFloorExtension();
  const times = (): Times => ({ reported: [], whole: [] });
  const figures = { version, cold: { ours: times(), floor: times() }, warm: { ours: times(), floor: times() } };
  for (let run = 0; run < RUNS; run++) {
    const workbench = await launchOfflineWorkbench({
      version,
      extensionDevelopmentPath: vsixStubExtension,
      installVsix: [vsixPath, floorVsix],
      onLog: () => undefined,
    });
    try {
      const page = workbench.page;
      if (!page) {
        throw new Error('no browser page');
      }
      const order = run % 2 === 0 ? [ours, floor] : [floor, ours];
      await page.locator(STATUS_BAR).waitFor({ timeout: 120_000 });
      await measureStart(page, order, figures.cold);
      // Neither view may be on screen when the window comes back, or both would activate
      // during the workbench's own start instead of on the command below.
      await runCommand(page, 'View: Show Explorer');
      await runCommand(page, 'View: Close All Editors');
      await runCommand(page, 'Developer: Reload Window');
      await page.locator(STATUS_BAR).waitFor({ timeout: 120_000 });
      await measureStart(page, order, figures.warm);
    } catch (error) {
      console.error(
        `Activation run ${run + 1} in VS Code ${version} failed; screenshot: ${await workbench.screenshot('activation-bench')}`,
      );
      throw error;
    } finally {
      await workbench.close();
    }
  }
  printActivation(figures, RUNS);
  return figures;
}

async function measureStart(page: Page, order: readonly Measured[], into: { ours: Times; floor: Times }): Promise<void> {
  await page.waitForTimeout(SETTLE_MS);
  for (const extension of order) {
    await runCommand(page, extension.focusCommand);
    await page.waitForTimeout(GAP_MS);
  }
  await runCommand(page, 'Developer: Show Running Extensions');
  into.ours.reported.push(await reportedActivation(page, ours.name));
  into.floor.reported.push(await reportedActivation(page, floor.name));
  await runCommand(page, 'View: Close All Editors');
  await runCommand(page, 'Developer: Startup Performance');
  const [oursWhole, floorWhole] = await wholeActivations(page, [ours.id, floor.id]);
  into.ours.whole.push(oursWhole);
  into.floor.whole.push(floorWhole);
  await runCommand(page, 'View: Close All Editors');
}

/**
 * The "Activation: N ms" label of the extension's row in the Running Extensions editor. The list
 * renders only the rows in view (VS Code 1.139 shows it in a small modal editor), sorted by that
 * time, so it is scrolled from the top until the row appears.
 */
async function reportedActivation(page: Page, displayName: string): Promise<number> {
  const list = page.locator('.runtime-extensions-editor .monaco-list');
  const row = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: displayName });
  await list.waitFor({ timeout: 30_000 });
  await list.hover();
  await page.mouse.wheel(0, -100_000);
  for (let step = 0; step < 60 && (await row.count()) === 0; step++) {
    await page.mouse.wheel(0, 200);
    await page.waitForTimeout(100);
  }
  const label = row.locator('.activation-time');
  await label.filter({ hasText: /\d+\s*ms/ }).waitFor({ timeout: 30_000 });
  const text = (await label.textContent()) ?? '';
  const match = /(\d+)\s*ms/.exec(text);
  if (!match) {
    throw new Error(`unexpected activation label for ${displayName}: "${text}"`);
  }
  return Number(match[1]);
}

/**
 * Load Code + Call Activate + Finish Activate of each extension's row in the "Extension
 * Activation Stats" table of the Startup Performance document (columns: Extension, Eager, Load
 * Code, Call Activate, Finish Activate, Event, By). The editor renders only the lines in view,
 * so the document is read whole through the clipboard instead.
 */
async function wholeActivations(page: Page, extensionIds: readonly string[]): Promise<number[]> {
  const editor = page.locator('.editor-instance .monaco-editor').first();
  await editor.locator('.view-lines', { hasText: 'System Info' }).waitFor({ timeout: 30_000 });
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+C');
  // A string: the test project has no DOM types.
  const text = await page.evaluate<string>('navigator.clipboard.readText()');
  return extensionIds.map((extensionId) => {
    const line = text.split('\n').find((candidate) => candidate.split('|')[1]?.trim() === extensionId);
    const cells = (line ?? '').split('|').map((cell) => cell.trim());
    // ['', extension, eager, load code, call activate, finish activate, event, by, '']
    const phases = cells.slice(3, 6).map((cell) => (/^\d+$/.test(cell) ? Number(cell) : Number.NaN));
    if (phases.length !== 3 || phases.some((phase) => Number.isNaN(phase))) {
      throw new Error(`no Startup Performance row for ${extensionId}: "${line ?? ''}"`);
    }
    return phases.reduce((sum, phase) => sum + phase, 0);
  });
}

function printActivation(figures: ActivationFigures, runs: number): void {
  const row = (times: readonly number[]) => `${median(times)} ms (runs: ${times.join(', ')} ms)`;
  const judged = (times: readonly number[]) => `${row(times)} ${median(times) <= TARGET_MS ? '✓' : '✗'}`;
  printTable(
    `Activation as VS Code ${figures.version} reports it (Running Extensions: load + activate call), median of ${runs} fresh profiles`,
    [
      [`WorldClient RTC, warm start (window reloaded), target ≤ ${TARGET_MS} ms`, judged(figures.warm.ours.reported)],
      ['floor, same warm starts', row(figures.warm.floor.reported)],
      [`WorldClient RTC, cold start (first in a fresh profile), target ≤ ${TARGET_MS} ms`, judged(figures.cold.ours.reported)],
      ['floor, same cold starts', row(figures.cold.floor.reported)],
    ],
  );
  const source = `Developer: Startup Performance, load + call + finish, VS Code ${figures.version}`;
  printTable(`The whole of activation, until activate()'s promise resolved (${source}), median of ${runs}`, [
    ['WorldClient RTC, warm start', row(figures.warm.ours.whole)],
    ['floor, same warm starts', row(figures.warm.floor.whole)],
    ['WorldClient RTC, cold start', row(figures.cold.ours.whole)],
    ['floor, same cold starts', row(figures.cold.floor.whole)],
  ]);
}
