import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { repoRoot } from '../runner/workspace';
import { formatMs, median, printTable } from './stats';

const RUNS = Number(process.env.BENCH_MODULE_LOAD_RUNS ?? 15);

/**
 * The part of activation our code decides, without a workbench's noise: loading
 * dist/extension.js (reading, compiling, running its top level) and the synchronous part of
 * activate(), in fresh Node processes against a stand-in API. VS Code's own figure (the
 * activation benchmark) adds its loader and real API calls, and swings by several milliseconds
 * between identical workbenches on this machine; this one moves by tenths, so it shows what a
 * change to the bundle does. Build the production bundle first (`node esbuild.js --production`).
 */
export function benchModuleLoad(): void {
  const child = path.join(__dirname, 'moduleLoadChild.js');
  const typesFile = require.resolve('@types/vscode/index.d.ts', { paths: [repoRoot] });
  const loads: number[] = [];
  const activates: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const result = spawnSync(process.execPath, [child, path.join(repoRoot, 'dist', 'extension.js'), typesFile], { encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(`the module load measurement failed: ${result.stderr}`);
    }
    const measured = JSON.parse(result.stdout.trim().split('\n').pop() ?? '') as { loadMs: number; activateMs: number };
    loads.push(measured.loadMs);
    activates.push(measured.activateMs);
  }
  printTable(`Module load in plain Node (stand-in API, built-ins preloaded), median of ${RUNS} fresh processes`, [
    ['require dist/extension.js (read, compile, top level)', `${formatMs(median(loads))} (min ${formatMs(Math.min(...loads))})`],
    ['activate(), synchronous part', `${formatMs(median(activates))} (min ${formatMs(Math.min(...activates))})`],
  ]);
}

if (require.main === module) {
  benchModuleLoad();
}
