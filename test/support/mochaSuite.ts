import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export interface MochaOutcome {
  passes: number;
  failures: number;
}

/** Runs every compiled test file in a folder (and its subfolders) whose name ends with `suffix`, honouring WORLDCLIENT_RTC_TEST_GREP. */
export function runMochaFiles(folder: string, suffix: string, timeoutMs: number, rootHooks?: Mocha.RootHookObject): Promise<MochaOutcome> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: timeoutMs, reporter: 'spec', rootHooks });
  const grep = process.env.WORLDCLIENT_RTC_TEST_GREP;
  if (grep) {
    mocha.grep(grep);
  }
  testFiles(folder, suffix).forEach((file) => mocha.addFile(file));
  return new Promise((resolve) => {
    const runner = mocha.run(() => {
      // So the same files can run again in this process (the UI tests run once per VS Code version).
      mocha.unloadFiles();
      resolve({ passes: runner.stats?.passes ?? 0, failures: runner.stats?.failures ?? 0 });
    });
  });
}

/** Test files grouped by feature live in subfolders: every level is read, in name order. */
function testFiles(folder: string, suffix: string): string[] {
  return fs
    .readdirSync(folder, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const full = path.join(folder, entry.name);
      return entry.isDirectory() ? testFiles(full, suffix) : entry.name.endsWith(suffix) ? [full] : [];
    });
}

/**
 * For suites run inside the extension host: rejects when any test fails, which is how both
 * test hosts learn the outcome.
 */
export async function runMochaFolder(folder: string, rootHooks?: Mocha.RootHookObject): Promise<void> {
  const { failures } = await runMochaFiles(folder, '.test.js', 60_000, rootHooks);
  if (failures > 0) {
    throw new Error(`${failures} test(s) failed.`);
  }
}
