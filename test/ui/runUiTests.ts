/**
 * UI tests of the Rooms view and the room panel in the offline workbench (code-server's VS Code in headless
 * Chromium): `node out/test/ui/runUiTests.js`. Each suite starts its own workbench through
 * test/runner's launchOfflineWorkbench; screenshots go to test-artifacts/. Prints the plain
 * "ui: N passed, N failed" closing line and exits non-zero on any failure.
 */
import { runEntryPoint } from '../runner/processes';
import { runMochaFiles } from '../support/mochaSuite';

async function main(): Promise<number> {
  const stats = await runMochaFiles(__dirname, '.ui.test.js', 300_000);
  console.log(`ui: ${stats.passes} passed, ${stats.failures} failed`);
  return stats.failures === 0 && stats.passes > 0 ? 0 : 1;
}

runEntryPoint('ui', main);
