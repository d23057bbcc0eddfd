/**
 * Integration test entry (`npm run test:integration`): runs the mocha suite inside a real VS Code,
 * desktop when one can be had, else the offline host (code-server's VS Code in Chromium).
 * See options.ts for flags and environment variables.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveDesktopVSCode, runDesktopSuite } from './desktopHost';
import { RunResult, summarize } from './mochaTally';
import { runOfflineSuite } from './offlineHost';
import { parseRunnerOptions, RunnerOptions } from './options';
import { runEntryPoint } from './processes';
import { repoRoot } from './workspace';

async function main(): Promise<number> {
  const options = parseRunnerOptions(process.argv.slice(2), process.env);
  const missing = checkBuildOutputs(options);
  if (missing) {
    console.error(missing);
    return 1;
  }
  const results = await runSelectedHost(options);
  printSummary(results);
  return results.length > 0 && results.every((result) => result.ok) ? 0 : 1;
}

async function runSelectedHost(options: RunnerOptions): Promise<RunResult[]> {
  // Installing a VSIX is done through code-server's CLI, so a packaged build is tested offline.
  if (options.host !== 'offline' && !options.vsixPath) {
    const desktop = await resolveDesktopVSCode(options.desktopVersion);
    if ('executable' in desktop) {
      return [await runDesktopSuite(desktop.executable, desktop.version, options.suitePath)];
    }
    if (options.host === 'desktop') {
      console.error(`Desktop VS Code unavailable: ${desktop.unavailable}`);
      return [{ label: 'desktop', ok: false, passed: 0, failed: 0, pending: 0, seconds: 0, problem: desktop.unavailable }];
    }
    console.log(`Desktop VS Code unavailable (${desktop.unavailable}); using the offline host.`);
  }
  const results: RunResult[] = [];
  for (const version of options.offlineVersions) {
    results.push(
      await runOfflineSuite({ version, suitePath: options.suitePath, timeoutMs: options.timeoutMs, vsixPath: options.vsixPath }),
    );
  }
  return results;
}

/** Running against a stale or missing build gives confusing failures; say what to run instead. */
function checkBuildOutputs(options: RunnerOptions): string | undefined {
  const bundle = path.join(repoRoot, 'dist', 'extension.js');
  if (!fs.existsSync(bundle)) {
    return `Missing ${path.relative(repoRoot, bundle)}: run \`npm run build\` first.`;
  }
  if (!fs.existsSync(options.suitePath)) {
    return `Missing the test suite ${path.relative(repoRoot, options.suitePath)}: run \`npx tsc -p .\` first.`;
  }
  return undefined;
}

function printSummary(results: readonly RunResult[]): void {
  console.log('\n=== integration test summary ===');
  for (const result of results) {
    const counts = `${result.passed} passed, ${result.failed} failed${result.pending ? `, ${result.pending} pending` : ''}`;
    const problem = result.problem ? ` — ${result.problem}` : '';
    const install = result.installSeconds ? ` (+ ${result.installSeconds.toFixed(0)} s installing)` : '';
    console.log(`${result.ok ? 'PASS' : 'FAIL'}  ${result.label}: ${counts} in ${result.seconds.toFixed(1)} s${install}${problem}`);
  }
  const total = summarize(results);
  // The closing line CI reads; skipped (mocha's pending) is only added when there are some.
  console.log(`integration: ${total.passed} passed, ${total.failed} failed${total.pending ? `, ${total.pending} skipped` : ''}`);
}

runEntryPoint('integration', main);
