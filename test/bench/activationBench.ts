import type { Page } from 'playwright-core';
import { launchOfflineWorkbench } from '../runner/offlineWorkbench';
import { vsixStubExtension } from '../runner/workspace';
import { runCommand } from '../ui/support/uiWorkbench';
import { floorDisplayName, floorFocusCommand, packageFloorExtension } from './activationFloor';
import { median, printTable } from './stats';

const RUNS = Number(process.env.BENCH_ACTIVATION_RUNS ?? 5);
const SETTLE_MS = 10_000;
/** Between the two activations, so that one extension's activation never overlaps the other's. */
const GAP_MS = 2_000;
const TARGET_MS = 8;

export interface ActivationFigures {
  readonly version: string;
  readonly ours: readonly number[];
  readonly floor: readonly number[];
}

interface Measured {
  readonly name: string;
  readonly focusCommand: string;
}

const ours: Measured = { name: 'WorldClient RTC', focusCommand: 'WorldClient RTC: Focus on Rooms View' };
const floor: Measured = { name: floorDisplayName, focusCommand: floorFocusCommand };

/**
 * Activation of the packaged extension as VS Code itself reports it in "Developer: Show Running
 * Extensions" (codeLoadingTime + activateCallTime: loading the main module, then activate() up to
 * the moment it returns its promise — what it awaits afterwards is not in that figure), beside a
 * one-tree, one-command floor extension (test/bench/floor) installed the same way, in the same
 * fresh offline workbenches. Each workbench is left to settle first, so its own startup does not
 * crowd the two cores; which of the two activates first alternates from run to run.
 */
export async function benchActivation(vsixPath: string, version = '1.100.3'): Promise<ActivationFigures> {
  const floorVsix = await packageFloorExtension();
  const figures = { version, ours: [] as number[], floor: [] as number[] };
  for (let run = 0; run < RUNS; run++) {
    const workbench = await launchOfflineWorkbench({ version, extensionDevelopmentPath: vsixStubExtension, installVsix: [vsixPath, floorVsix], onLog: () => undefined });
    try {
      const page = workbench.page;
      if (!page) {
        throw new Error('no browser page');
      }
      await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 120_000 });
      await page.waitForTimeout(SETTLE_MS);
      const order = run % 2 === 0 ? [ours, floor] : [floor, ours];
      for (const extension of order) {
        await runCommand(page, extension.focusCommand);
        await page.waitForTimeout(GAP_MS);
      }
      await runCommand(page, 'Developer: Show Running Extensions');
      figures.ours.push(await reportedActivation(page, ours.name));
      figures.floor.push(await reportedActivation(page, floor.name));
    } catch (error) {
      console.error(`Activation run ${run + 1} in VS Code ${version} failed; screenshot: ${await workbench.screenshot('activation-bench')}`);
      throw error;
    } finally {
      await workbench.close();
    }
  }
  printActivation(figures, RUNS);
  return figures;
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

function printActivation(figures: ActivationFigures, runs: number): void {
  const row = (times: readonly number[]) => `${median(times)} ms (runs: ${times.join(', ')} ms)`;
  const verdict = median(figures.ours) <= TARGET_MS ? '✓' : '✗';
  printTable(`Activation as VS Code ${figures.version} reports it (Running Extensions: load + activate call), median of ${runs} fresh workbenches`, [
    [`WorldClient RTC (packaged VSIX), target ≤ ${TARGET_MS} ms`, `${row(figures.ours)} ${verdict}`],
    ['floor: one tree + one command, packaged the same way', row(figures.floor)],
  ]);
}
