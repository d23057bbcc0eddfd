import * as fs from 'node:fs';
import * as path from 'node:path';
import { onExitSync } from './processes';

/** The repository root: this file runs from out/test/runner/, three levels below it. */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** Git-ignored cache shared with @vscode/test-electron, so one `rm -rf .vscode-test` resets every host. */
export const cacheDir = path.join(repoRoot, '.vscode-test');

/** Git-ignored folder for screenshots and logs that CI keeps when a run fails. */
export const artifactsDir = path.join(repoRoot, 'test-artifacts');

/** The compiled suite entry the lead engineer's test/integration/index.ts becomes. */
export const defaultSuitePath = path.join(repoRoot, 'out', 'test', 'integration', 'index.js');
/** An empty extension that stands in as the development folder when a packaged VSIX is under test. */
export const vsixStubExtension = path.join(repoRoot, 'test', 'vsix', 'stub');

/**
 * Every folder one VS Code run writes to. Each run gets its own so that runs never share state
 * (settings, storage, trust decisions, sockets) with each other or with the developer's own VS Code.
 */
export interface RunDirs {
  readonly root: string;
  readonly home: string;
  readonly tmp: string;
  readonly userData: string;
  readonly extensions: string;
  readonly browserProfile: string;
  readonly workspace: string;
  /** HOME, TMPDIR and XDG_* pointing into this run's folders, for code-server and Chromium. */
  readonly env: Record<string, string>;
  remove(): void;
}

/**
 * Creates the folders under a short /tmp prefix: code-server and VS Code put unix sockets under
 * TMPDIR and XDG_RUNTIME_DIR, and a socket path longer than ~100 characters fails to bind.
 */
export function createRunDirs(label: string): RunDirs {
  const root = fs.mkdtempSync(path.join('/tmp', 'wcrtc-'));
  const sub = (name: string): string => {
    const dir = path.join(root, name);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    return dir;
  };
  const home = sub('h');
  const tmp = sub('t');
  const env: Record<string, string> = {
    HOME: home,
    TMPDIR: tmp,
    XDG_CONFIG_HOME: sub('h/.config'),
    XDG_DATA_HOME: sub('h/.local/share'),
    XDG_CACHE_HOME: sub('h/.cache'),
    XDG_STATE_HOME: sub('h/.local/state'),
    XDG_RUNTIME_DIR: sub('r'),
  };
  const workspace = sub('w');
  // A visible marker file makes it obvious in screenshots which folder the workbench opened.
  fs.writeFileSync(path.join(workspace, 'README.md'), `Temporary workspace for ${label}.\n`);
  const forget = onExitSync(() => removeQuietly(root));
  return {
    root,
    home,
    tmp,
    userData: sub('u'),
    extensions: sub('e'),
    browserProfile: sub('b'),
    workspace,
    env,
    remove: () => {
      forget();
      removeQuietly(root);
    },
  };
}

/** Cleanup must never hide the real result of a run, so failures to delete are only reported. */
export function removeQuietly(dir: string): void {
  try {
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  } catch (error) {
    console.warn(`warning: could not remove ${dir}: ${String(error)}`);
  }
}

/** A file-system-safe timestamp so artifacts of successive runs never overwrite each other. */
export function artifactName(prefix: string, extension: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  fs.mkdirSync(artifactsDir, { recursive: true });
  return path.join(artifactsDir, `${prefix}-${stamp}.${extension}`);
}
