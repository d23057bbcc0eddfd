/**
 * UI tests of the room panel in the offline workbench (code-server's VS Code in headless
 * Chromium): `node out/test/ui/runUiTests.js`. Each suite starts its own workbench through
 * test/runner's launchOfflineWorkbench; screenshots go to test-artifacts/. Prints the plain
 * "ui: N passed, N failed" closing line and exits non-zero on any failure.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { runAllCleanups } from '../runner/processes';

async function main(): Promise<number> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 300_000, reporter: 'spec' });
  const grep = process.env.WORLDCLIENT_RTC_TEST_GREP;
  if (grep) {
    mocha.grep(grep);
  }
  for (const file of fs.readdirSync(__dirname).sort()) {
    if (file.endsWith('.ui.test.js')) {
      mocha.addFile(path.join(__dirname, file));
    }
  }
  const stats = await new Promise<{ passes: number; failures: number }>((resolve) => {
    const runner = mocha.run(() => resolve({ passes: runner.stats?.passes ?? 0, failures: runner.stats?.failures ?? 0 }));
  });
  console.log(`ui: ${stats.passes} passed, ${stats.failures} failed`);
  return stats.failures === 0 && stats.passes > 0 ? 0 : 1;
}

main().then(
  async (code) => {
    await runAllCleanups();
    process.exitCode = code;
  },
  async (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    await runAllCleanups();
    console.log('ui: 0 passed, 1 failed');
    process.exitCode = 1;
  },
);
