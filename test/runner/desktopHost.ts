import * as fs from 'node:fs';
import * as path from 'node:path';
import { download, runTests, SilentReporter } from '@vscode/test-electron';
import { MochaTally, RunResult } from './mochaTally';
import { artifactsDir, cacheDir, createRunDirs, repoRoot } from './workspace';

export type DesktopResolution = { executable: string; version: string } | { unavailable: string };

/**
 * Finds a desktop VS Code: the one named by VSCODE_EXECUTABLE_PATH, else test-electron's cached or
 * downloaded copy. Answers with a reason instead of throwing, because in auto mode "no desktop
 * VS Code here" is an expected outcome that switches to the offline host.
 */
export async function resolveDesktopVSCode(
  version: string,
  commandForDisplay = 'npm run test:integration -- --host desktop',
): Promise<DesktopResolution> {
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return {
      unavailable:
        'no DISPLAY: desktop VS Code needs a display on Linux; start it under xvfb-run ' +
        `(Debian package xvfb), e.g. \`xvfb-run -a ${commandForDisplay}\``,
    };
  }
  const given = process.env.VSCODE_EXECUTABLE_PATH;
  if (given) {
    return fs.existsSync(given)
      ? { executable: given, version: readDesktopVersion(given) }
      : { unavailable: `VSCODE_EXECUTABLE_PATH=${given} does not exist` };
  }
  try {
    // The idle timeout turns a stalled or unreachable update server into a quick answer.
    const executable = await download({ version, cachePath: cacheDir, timeout: 15_000, reporter: new SilentReporter() });
    return { executable, version: readDesktopVersion(executable) };
  } catch (error) {
    return { unavailable: `could not download VS Code ${version}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export async function runDesktopSuite(executable: string, version: string, suitePath: string): Promise<RunResult> {
  const label = `desktop — VS Code ${version} (${executable})`;
  console.log(`Test host: ${label}\n`);
  const started = Date.now();
  const tally = new MochaTally();
  const dirs = createRunDirs(`desktop VS Code ${version}`);
  // test-electron 2 (the line that still supports Node 20) copies VS Code's output to our
  // stdout and stderr; reading it on the way is how mocha's result is counted.
  const stopTee = [process.stdout, process.stderr].map((stream) => teeInto(stream, (text) => tally.feed(text)));
  try {
    await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: suitePath,
      extensionTestsEnv: { WORLDCLIENT_RTC_TEST_ARTIFACTS: artifactsDir, WORLDCLIENT_RTC_TEST_HOST: 'desktop' },
      // test-electron itself adds --skip-welcome, --disable-workspace-trust and friends.
      launchArgs: [dirs.workspace, '--disable-extensions', '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions],
    });
    tally.flush();
    // Exit code 0 without mocha's summary means no test ran.
    const problem = tally.sawSummary ? undefined : 'VS Code exited 0 but mocha reported no result';
    const counts = { passed: tally.passed, failed: tally.failed, pending: tally.pending };
    return { label, ok: tally.sawSummary, ...counts, seconds: (Date.now() - started) / 1000, problem };
  } catch (error) {
    tally.flush();
    const problem = error instanceof Error ? error.message : String(error);
    console.error(`\n✗ desktop VS Code ${version}: ${problem}`);
    return {
      label,
      ok: false,
      passed: tally.passed,
      failed: tally.failed,
      pending: tally.pending,
      seconds: (Date.now() - started) / 1000,
      problem: tally.sawSummary ? undefined : problem,
    };
  } finally {
    stopTee.forEach((stop) => stop());
    dirs.remove();
  }
}

/** The product version sits in resources/app/package.json beside the Linux and Windows executables. */
function readDesktopVersion(executable: string): string {
  const candidates = [
    path.join(path.dirname(executable), 'resources', 'app', 'package.json'),
    path.join(path.dirname(executable), '..', 'Resources', 'app', 'package.json'),
  ];
  for (const file of candidates) {
    try {
      return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
    } catch {
      // try the next layout
    }
  }
  return 'unknown version';
}

/** Passes every write on unchanged and hands a copy of its text to `observe`; returns the undo. */
function teeInto(stream: NodeJS.WriteStream, observe: (text: string) => void): () => void {
  const original = stream.write;
  stream.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
    observe(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString());
    return (original as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof stream.write;
  return () => {
    stream.write = original;
  };
}
