/**
 * UI tests of the Rooms view and the room panel in the offline workbench (code-server's VS Code in headless
 * Chromium): `node out/test/ui/runUiTests.js`, once per VS Code version in WORLDCLIENT_RTC_OFFLINE_VSCODE
 * (default 1.100.3). Each suite starts its own workbench through test/runner's launchOfflineWorkbench;
 * screenshots go to test-artifacts/ (the last version's remain). Prints the plain
 * "ui: N passed, N failed" closing line and exits non-zero on any failure.
 */
import { offlineVersionsFromEnv } from '../runner/options';
import { runEntryPoint } from '../runner/processes';
import { runMochaFiles } from '../support/mochaSuite';

async function main(): Promise<number> {
  const versions = offlineVersionsFromEnv();
  let passes = 0;
  let failures = 0;
  for (const version of versions) {
    console.log(`\nUI tests in VS Code ${version}`);
    // startUiWorkbench opens the first version of this list: one version per pass.
    process.env.WORLDCLIENT_RTC_OFFLINE_VSCODE = version;
    const stats = await runMochaFiles(__dirname, '.ui.test.js', 300_000);
    passes += stats.passes;
    failures += stats.failures;
  }
  console.log(`ui: ${passes} passed, ${failures} failed`);
  return failures === 0 && passes > 0 ? 0 : 1;
}

runEntryPoint('ui', main);
