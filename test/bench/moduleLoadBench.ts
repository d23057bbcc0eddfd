import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../runner/workspace';
import type { ChildTimes } from './moduleLoadChild';
import { formatMs, median, printTable } from './stats';

const RUNS = Number(process.env.BENCH_MODULE_LOAD_RUNS ?? 15);

interface Way {
  readonly label: string;
  readonly args: () => string[];
}

/**
 * The part of activation our code decides, without a workbench's noise: loading the extension
 * (reading, compiling, running its top level) and activate(), in fresh Node processes against a
 * stand-in API, `require`d as VS Code loads it; both until activate() returns (what VS Code
 * reports) and until its promise settles (what activate() awaits).
 * VS Code's own figure (the activation benchmark) adds its loader and real API calls, and swings
 * by several milliseconds between identical workbenches on this machine; this one moves by
 * tenths. Build the production bundle first (`node esbuild.js --production`).
 */
export function benchModuleLoad(): void {
  const child = path.join(__dirname, 'moduleLoadChild.js');
  const typesFile = require.resolve('@types/vscode/index.d.ts', { paths: [repoRoot] });
  const dist = (file: string) => path.join(repoRoot, 'dist', file);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'wcrtc-module-load-'));
  let storageRun = 0;
  const run = (args: string[]): ChildTimes => {
    const result = spawnSync(process.execPath, [child, ...args], { encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(`the module load measurement failed: ${result.stderr}`);
    }
    return JSON.parse(result.stdout.trim().split('\n').pop() ?? '') as ChildTimes;
  };
  try {
    const storage = () => path.join(scratch, `storage-${storageRun++}`);
    const ways: Way[] = [{ label: 'dist/extension.js', args: () => [dist('extension.js'), typesFile, storage()] }];
    const times = ways.map(() => [] as ChildTimes[]);
    for (let round = 0; round < RUNS; round++) {
      ways.forEach((way, index) => times[index].push(run(way.args())));
    }
    const figure = (runs: readonly number[]) => `${formatMs(median(runs))} (min ${formatMs(Math.min(...runs))})`;
    printTable(`Extension load + activate() in plain Node (stand-in API, built-ins preloaded), median of ${RUNS} fresh processes`, [
      ...ways.flatMap((way, index): Array<[string, string]> => [
        [`${way.label}: until activate() returns (VS Code's figure)`, figure(times[index].map((time) => time.ms))],
        [`${way.label}: until activation settles`, figure(times[index].map((time) => time.settledMs))],
      ]),
    ]);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchModuleLoad();
}
