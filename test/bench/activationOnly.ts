/**
 * The activation benchmark alone (`npm run bench` runs it too), for each VS Code version of
 * WORLDCLIENT_RTC_OFFLINE_VSCODE (default 1.100.3,1.139.1), BENCH_ACTIVATION_RUNS fresh
 * workbenches each (default 5). Package the VSIX first, as `npm run bench` does:
 *   npx vsce package --no-dependencies --no-rewrite-relative-links --out .vscode-test/worldclient-rtc.vsix
 *   npx tsc -p . && node out/test/bench/activationOnly.js
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { offlineVersionsFromEnv } from '../runner/options';
import { runAllCleanups } from '../runner/processes';
import { repoRoot } from '../runner/workspace';
import { benchActivation } from './activationBench';

async function main(): Promise<void> {
  console.log(`Activation benchmark on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}`);
  const vsix = path.join(repoRoot, '.vscode-test', 'worldclient-rtc.vsix');
  for (const version of offlineVersionsFromEnv('1.100.3,1.139.1')) {
    await benchActivation(vsix, version);
  }
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => runAllCleanups());
