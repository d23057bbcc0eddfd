import * as path from 'node:path';
import { defaultSuitePath } from './workspace';

export type HostChoice = 'desktop' | 'offline' | 'auto';

export interface RunnerOptions {
  host: HostChoice;
  /** VS Code versions for the offline host, run one after the other. */
  offlineVersions: string[];
  /** What @vscode/test-electron downloads for the desktop host ('stable' or e.g. '1.100.3'). */
  desktopVersion: string;
  /** Compiled suite entry exporting run(). */
  suitePath: string;
  /** Limit for one run, from start of VS Code to the suite's end. */
  timeoutMs: number;
  /** A packaged extension to install and test instead of the development folder (offline host only). */
  vsixPath?: string;
}

export const usage = `Usage: node out/test/runner/runTests.js [options]

  --host desktop|offline|auto  which VS Code runs the suite            (env WORLDCLIENT_RTC_TEST_HOST, default auto)
  --vscode 1.100.3,1.139.1     offline host's VS Code version(s)       (env WORLDCLIENT_RTC_OFFLINE_VSCODE, default 1.100.3)
  --desktop-vscode VERSION     desktop host's download                 (env WORLDCLIENT_RTC_DESKTOP_VSCODE, default stable)
  --suite PATH                 compiled suite entry exporting run()    (default out/test/integration/index.js)
  --timeout SECONDS            limit for one run                       (env WORLDCLIENT_RTC_TEST_TIMEOUT, default 1200)
  --vsix PATH                  install this VSIX and test it instead of the development folder (offline host)

auto uses desktop VS Code when VSCODE_EXECUTABLE_PATH is set or a download succeeds (on Linux only
with a DISPLAY, e.g. under xvfb-run), else the offline host: VS Code from the npm package code-server,
installed on first use into .vscode-test/, in Chromium (CHROMIUM_PATH, default /usr/bin/chromium).
WORLDCLIENT_RTC_TEST_VERBOSE=1 also relays the workbench's routine log lines.`;

export function parseRunnerOptions(argv: readonly string[], env: NodeJS.ProcessEnv): RunnerOptions {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      flags.set('help', 'true');
      continue;
    }
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) {
      throw new Error(`Unexpected argument '${arg}'.\n\n${usage}`);
    }
    const value = match[2] ?? argv[++i];
    if (value === undefined) {
      throw new Error(`--${match[1]} needs a value.\n\n${usage}`);
    }
    flags.set(match[1], value);
  }
  if (flags.has('help')) {
    console.log(usage);
    process.exit(0);
  }
  const known = new Set(['host', 'vscode', 'desktop-vscode', 'suite', 'timeout', 'vsix']);
  for (const name of flags.keys()) {
    if (!known.has(name)) {
      throw new Error(`Unknown option --${name}.\n\n${usage}`);
    }
  }

  const host = (flags.get('host') ?? env.WORLDCLIENT_RTC_TEST_HOST ?? 'auto').trim();
  if (host !== 'desktop' && host !== 'offline' && host !== 'auto') {
    throw new Error(`--host must be desktop, offline or auto, not '${host}'.`);
  }
  const offlineVersions = versionList(flags.get('vscode') ?? env.WORLDCLIENT_RTC_OFFLINE_VSCODE ?? DEFAULT_OFFLINE_VSCODE);
  if (offlineVersions.length === 0) {
    throw new Error('--vscode needs at least one version, e.g. --vscode 1.100.3,1.139.1');
  }
  const timeoutSeconds = Number(flags.get('timeout') ?? env.WORLDCLIENT_RTC_TEST_TIMEOUT ?? 1200);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
    throw new Error('--timeout must be a positive number of seconds.');
  }
  return {
    host,
    offlineVersions,
    desktopVersion: flags.get('desktop-vscode') ?? env.WORLDCLIENT_RTC_DESKTOP_VSCODE ?? 'stable',
    suitePath: path.resolve(flags.get('suite') ?? defaultSuitePath),
    timeoutMs: timeoutSeconds * 1000,
    vsixPath: flags.has('vsix') ? path.resolve(String(flags.get('vsix'))) : undefined,
  };
}

/** The offline VS Code version when none is named: the oldest the extension supports. */
export const DEFAULT_OFFLINE_VSCODE = '1.100.3';

/** "1.100.3,1.139.1" (commas or spaces) as a list. */
export function versionList(text: string): string[] {
  return text.split(/[,\s]+/).filter(Boolean);
}

/** The offline VS Code versions WORLDCLIENT_RTC_OFFLINE_VSCODE names, or `fallback`. */
export function offlineVersionsFromEnv(fallback = DEFAULT_OFFLINE_VSCODE): string[] {
  return versionList(process.env.WORLDCLIENT_RTC_OFFLINE_VSCODE ?? fallback);
}
