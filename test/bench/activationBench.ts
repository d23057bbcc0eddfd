import { launchOfflineWorkbench } from '../runner/offlineWorkbench';
import { vsixStubExtension } from '../runner/workspace';
import { runCommand } from '../ui/support/uiWorkbench';
import { median, printTable } from './stats';

const RUNS = Number(process.env.BENCH_ACTIVATION_RUNS ?? 3);
const SETTLE_MS = 10_000;

/**
 * Activation of the packaged extension as VS Code itself reports it ("Developer: Show
 * Running Extensions": code loading plus the activate call), in a fresh offline workbench
 * per run. The workbench is left to settle first, so its own startup does not crowd the two cores.
 */
export async function benchActivation(vsixPath: string, version = '1.100.3'): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const workbench = await launchOfflineWorkbench({ version, extensionDevelopmentPath: vsixStubExtension, installVsix: vsixPath, onLog: () => undefined });
    try {
      const page = workbench.page;
      if (!page) {
        throw new Error('no browser page');
      }
      await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 120_000 });
      await page.waitForTimeout(SETTLE_MS);
      await runCommand(page, 'WorldClient RTC: Focus on Rooms View');
      await page.waitForTimeout(2_000);
      await runCommand(page, 'Developer: Show Running Extensions');
      const label = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: 'WorldClient RTC' }).locator('.activation-time');
      await label.waitFor({ timeout: 30_000 });
      const text = (await label.textContent()) ?? '';
      const match = /(\d+)\s*ms/.exec(text);
      if (!match) {
        throw new Error(`unexpected activation label "${text}"`);
      }
      times.push(Number(match[1]));
    } finally {
      await workbench.close();
    }
  }
  printTable(`Activation of the packaged extension, VS Code ${version} (as VS Code reports it; median of ${RUNS} fresh workbenches)`, [
    ['activation (load + activate)', `${median(times)} ms (runs: ${times.join(', ')} ms; target ≤ 20 ms)`],
  ]);
  return median(times);
}
