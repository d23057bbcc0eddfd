import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runAllCleanups } from '../runner/processes';
import { repoRoot } from '../runner/workspace';
import { benchActivation } from './activationBench';
import { benchCheckRooms } from './checkRoomsBench';
import { benchClient } from './clientBench';
import { benchCli } from './cliBench';
import { benchFirstRows } from './firstRowsBench';
import { benchHistory } from './historyBench';
import { benchModuleLoad } from './moduleLoadBench';
import { benchPanel } from './panelBench';
import { benchTimeline } from './timelineBench';
import { printTable } from './stats';

const VSIX = path.join(repoRoot, '.vscode-test', 'worldclient-rtc.vsix');

/**
 * `npm run bench`: every figure in one run against the sandbox server. Sizes and the client
 * are measured here; activation, the tree, the panel and Check Rooms inside a real (offline) VS Code
 * (the tree from inside the extension host, the rest through Chromium), the moments a user waits
 * for beside their floors (test/bench/floor) on the production VSIX.
 */
async function main(): Promise<void> {
  const memory = `${Math.round(os.totalmem() / 2 ** 30)} GiB`;
  console.log(`Benchmarks on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${memory}, Node ${process.version}`);
  const size = (file: string) => `${(fs.statSync(path.join(repoRoot, file)).size / 1024).toFixed(1)} KiB`;
  printTable('Sizes (production build)', [
    ['dist/extension.js (the extension, loaded at activation)', `${size('dist/extension.js')} (target ≤ 150 KB)`],
    ['dist/undici.js (loaded while the session is read)', size('dist/undici.js')],
    ['dist/webview.js', size('dist/webview.js')],
    ['VSIX', size(path.relative(repoRoot, VSIX))],
  ]);
  await benchClient();
  await benchCli();
  await benchHistory();
  benchModuleLoad();
  await benchFirstRows(VSIX);
  await benchActivation(VSIX);
  const runner = path.join(__dirname, '..', 'runner', 'runTests.js');
  const suite = path.join(__dirname, 'inHost', 'index.js');
  const result = spawnSync(process.execPath, [runner, '--host', 'offline', '--suite', suite], { stdio: 'inherit' });
  await benchPanel(VSIX);
  await benchCheckRooms(VSIX);
  await benchTimeline();
  process.exitCode = result.status ?? 1;
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => runAllCleanups());
