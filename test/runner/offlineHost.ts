import { MochaTally, RunResult } from './mochaTally';
import { launchOfflineWorkbench, OfflineWorkbench } from './offlineWorkbench';
import { WorkbenchLog } from './workbenchLog';
import { artifactsDir, repoRoot, vsixStubExtension } from './workspace';

export interface OfflineSuiteOptions {
  version: string;
  suitePath: string;
  timeoutMs: number;
  /** Install this VSIX and run the suite against it; the development folder is then a stub. */
  vsixPath?: string;
}

/** Runs the mocha suite once in the offline workbench and reports what mocha counted. */
export async function runOfflineSuite(options: OfflineSuiteOptions): Promise<RunResult> {
  let started = Date.now();
  const tally = new MochaTally();
  const fallbackLabel = `offline — VS Code ${options.version} in Chromium`;
  let workbench: OfflineWorkbench | undefined;
  let lastLogAt = Date.now();
  const log = new WorkbenchLog();
  try {
    workbench = await launchOfflineWorkbench({
      version: options.version,
      extensionDevelopmentPath: options.vsixPath ? vsixStubExtension : repoRoot,
      extensionTestsPath: options.suitePath,
      installVsix: options.vsixPath,
      env: {
        WORLDCLIENT_RTC_TEST_ARTIFACTS: artifactsDir,
        WORLDCLIENT_RTC_TEST_HOST: 'offline',
      },
      onLog: (level, text) => {
        lastLogAt = Date.now();
        tally.feed(`${text}\n`);
        if (log.add(level, text)) {
          (level === 'error' ? process.stderr : process.stdout).write(`${text}\n`);
        }
      },
    });
    const label = `offline — ${workbench.label} in Chromium`;
    const installSeconds = workbench.vscode.installSeconds;
    started += installSeconds * 1000;
    console.log(`Test host: ${label}`);
    console.log(`Workbench: ${workbench.server.origin} (suite ${options.suitePath})\n`);

    // A kept-alive timer, also because a pending promise alone would let Node exit with code 0.
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      workbench.exitCode.then((code) => ({ code })),
      new Promise<{ code: undefined }>((resolve) => (timer = setTimeout(() => resolve({ code: undefined }), options.timeoutMs))),
    ]).finally(() => clearTimeout(timer));
    // The exit notice and the console relay travel separately, so mocha's last lines (its
    // "N passing" summary among them) can arrive just after it.
    await waitForQuiet(() => lastLogAt, 750, 5000);
    tally.flush();
    // A run that "passes" without mocha's summary ran no test (e.g. a suite that found no files).
    const ok = outcome.code === 0 && tally.sawSummary;
    let problem: string | undefined;
    if (outcome.code === undefined) {
      problem = `timed out after ${options.timeoutMs / 1000} s (set WORLDCLIENT_RTC_TEST_TIMEOUT to change)`;
    } else if (!tally.sawSummary) {
      problem = `the extension host ended with code ${outcome.code} and mocha reported no result`;
    }
    if (!ok) {
      await reportFailure(workbench, log, problem ?? `suite failed (exit code ${outcome.code})`);
    }
    const counts = { passed: tally.passed, failed: tally.failed, pending: tally.pending };
    return { label, ok, ...counts, seconds: elapsed(started), installSeconds, problem };
  } catch (error) {
    const problem = error instanceof Error ? error.message : String(error);
    console.error(`\nOffline run failed: ${problem}`);
    if (workbench) {
      await reportFailure(workbench, log, problem);
    }
    const label = workbench ? `offline — ${workbench.label} in Chromium` : fallbackLabel;
    return { label, ok: false, passed: tally.passed, failed: tally.failed, pending: tally.pending, seconds: elapsed(started), problem };
  } finally {
    await workbench?.close();
  }
}

/** Everything needed to debug a CI failure without rerunning it: the page, and what the server said. */
async function reportFailure(workbench: OfflineWorkbench, log: WorkbenchLog, problem: string): Promise<void> {
  console.error(`\n✗ ${workbench.label}: ${problem}`);
  console.error(`Full workbench log: ${log.save(`offline-${workbench.vscode.vscodeVersion}`)}`);
  try {
    const file = await workbench.screenshot(`offline-${workbench.vscode.vscodeVersion}`);
    if (file) {
      console.error(`Screenshot of the workbench: ${file}`);
    }
  } catch (error) {
    console.error(`(no screenshot: ${String(error)})`);
  }
  const serverTail = workbench.server.output.toString().trim();
  console.error(`--- code-server output (last part) ---\n${serverTail || '(empty)'}\n--- end of code-server output ---`);
  const browserTail = workbench.browserErrors.toString().trim();
  if (browserTail) {
    console.error(`--- workbench errors in the browser console ---\n${browserTail}\n--- end ---`);
  }
}

async function waitForQuiet(lastActivity: () => number, quietMs: number, maxMs: number): Promise<void> {
  const deadline = Date.now() + maxMs;
  while (Date.now() - lastActivity() < quietMs && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function elapsed(started: number): number {
  return (Date.now() - started) / 1000;
}
