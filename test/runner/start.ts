/**
 * Quick start (`npm start`): a sandbox WorldClient server with sample rooms, and a VS Code with
 * this extension loaded and pointed at it. Desktop VS Code when one can be had, else the offline
 * VS Code from code-server served on 127.0.0.1 for a browser. Ctrl+C stops everything.
 *
 *   npm start -- [--workbench auto|desktop|offline] [--vscode 1.100.3] [--verbose] [sandbox options]
 *
 * Sandbox options are those of `npm run sandbox -- --help`. Environment: SANDBOX_PORT,
 * WORKBENCH_PORT, VSCODE_EXECUTABLE_PATH, WORLDCLIENT_RTC_OFFLINE_VSCODE, CHROMIUM_PATH.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseSandboxArgs } from '../sandbox/cli';
import { startSandbox } from '../sandbox/server';
import { findDesktopVSCode, launchDesktopVSCode } from './desktopLaunch';
import { launchOfflineWorkbench } from './offlineWorkbench';
import { offlineVersionsFromEnv } from './options';
import { startBanner } from './startBanner';
import { killGroup, onInterrupt, runAllCleanups, setInterruptExitCode } from './processes';
import { cacheDir, repoRoot } from './workspace';

interface StartOptions {
  workbench: 'auto' | 'desktop' | 'offline';
  vscode: string;
  verbose: boolean;
  sandboxArgs: string[];
}

function parseStartArgs(argv: string[]): StartOptions {
  const options: StartOptions = {
    workbench: 'auto',
    vscode: offlineVersionsFromEnv()[0],
    verbose: false,
    sandboxArgs: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = (): string => inline ?? argv[++i] ?? '';
    if (flag === '--workbench') {
      const choice = value();
      if (choice !== 'auto' && choice !== 'desktop' && choice !== 'offline') {
        throw new Error(`--workbench must be auto, desktop or offline, not '${choice}'`);
      }
      options.workbench = choice;
    } else if (flag === '--vscode') {
      options.vscode = value();
    } else if (flag === '--verbose') {
      options.verbose = true;
    } else {
      options.sandboxArgs.push(argv[i]);
    }
  }
  return options;
}

/** Writes only the server URL into the folder's settings; the session token never goes to a file. */
function writeStartWorkspace(serverUrl: string): string {
  const folder = path.join(cacheDir, 'start-workspace');
  const settingsFile = path.join(folder, '.vscode', 'settings.json');
  fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
  let settings: Record<string, unknown> = {};
  try {
    settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
  } catch {
    // first start, or a file the user broke: start over
  }
  // The sandbox port changes from start to start; other settings the user made are kept.
  settings['worldclientRtc.serverUrl'] = serverUrl;
  // The folder sits inside this repository; without this, the Git extension offers to open it.
  settings['git.openRepositoryInParentFolders'] ??= 'never';
  // A newcomer should land on the Rooms view, not on VS Code's (or code-server's) walkthrough tabs.
  settings['workbench.startupEditor'] ??= 'none';
  settings['workbench.welcomePage.walkthroughs.openOnInstall'] ??= false;
  fs.writeFileSync(settingsFile, JSON.stringify(settings, null, 2) + '\n');
  const readme = path.join(folder, 'README.md');
  if (!fs.existsSync(readme)) {
    fs.writeFileSync(readme, '# WorldClient RTC quick start\n\nOpen the WorldClient RTC view in the activity bar and sign in.\n');
  }
  return folder;
}

async function main(): Promise<void> {
  setInterruptExitCode(0);
  const options = parseStartArgs(process.argv.slice(2));
  const sandboxOptions = parseSandboxArgs(options.sandboxArgs);
  sandboxOptions.port ??= Number(process.env.SANDBOX_PORT ?? 0);
  if (options.verbose) {
    sandboxOptions.onRequest = (r) => console.log(`sandbox: ${r.method} ${r.path} -> ${r.status || 'reset'}`);
  }
  const sandbox = await startSandbox(sandboxOptions);
  onInterrupt(() => sandbox.stop());
  const folder = writeStartWorkspace(sandbox.url);

  const banner = startBanner(sandbox, sandboxOptions, folder);

  const desktop = options.workbench === 'offline' ? { unavailable: 'offline was asked for' } : await findDesktopVSCode('stable');
  if ('command' in desktop) {
    console.log([...banner, `Opening ${desktop.description} with the extension loaded…`, 'Press Ctrl+C to stop.'].join('\n'));
    const child = launchDesktopVSCode(desktop, folder, repoRoot);
    onInterrupt(() => killGroup(child));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    console.log(`VS Code closed (exit code ${code}); stopping the sandbox.`);
    return;
  }
  if (options.workbench === 'desktop') {
    throw new Error(`No desktop VS Code: ${desktop.unavailable}`);
  }
  if (options.workbench === 'auto') {
    console.log(`No desktop VS Code (${desktop.unavailable}); serving the offline VS Code instead.`);
  }
  const workbench = await launchOfflineWorkbench({
    version: options.vscode,
    workspaceFolder: folder,
    extensionDevelopmentPath: repoRoot,
    port: process.env.WORKBENCH_PORT ? Number(process.env.WORKBENCH_PORT) : undefined,
    browser: false,
  });
  console.log(
    [
      ...banner,
      `${workbench.label} is running. Open this URL in a browser (on this machine, or through a forwarded port):`,
      '',
      `  ${workbench.url}`,
      '',
      'Press Ctrl+C to stop.',
    ].join('\n'),
  );
  // Runs until Ctrl+C (the interrupt handlers stop code-server and the sandbox) or until
  // code-server dies on its own. Registered last, this handler runs first on Ctrl+C.
  let interrupted = false;
  onInterrupt(() => {
    interrupted = true;
  });
  const reason = await workbench.server.exited;
  if (interrupted) {
    return;
  }
  console.error(`code-server stopped unexpectedly (${reason}). Its last output:\n${workbench.server.output.toString()}`);
  process.exitCode = 1;
}

main().then(
  async () => {
    await runAllCleanups();
  },
  async (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    await runAllCleanups();
    process.exitCode = 1;
  },
);
