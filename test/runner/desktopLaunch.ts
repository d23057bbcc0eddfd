import { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveDesktopVSCode } from './desktopHost';
import { spawnGroup } from './processes';
import { cacheDir } from './workspace';

export type DesktopCandidate = { command: string; isCli: boolean; description: string } | { unavailable: string };

/**
 * For the quick start: VSCODE_EXECUTABLE_PATH, else a `code` on PATH, else a test-electron
 * download. A person's own `code` is preferred to a 150 MB download.
 */
export async function findDesktopVSCode(version: string): Promise<DesktopCandidate> {
  const onPath = process.env.VSCODE_EXECUTABLE_PATH ? undefined : findOnPath('code');
  if (onPath && (process.platform !== 'linux' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY)) {
    return { command: onPath, isCli: true, description: `\`code\` on PATH (${onPath})` };
  }
  const resolved = await resolveDesktopVSCode(version, 'npm start -- --workbench desktop');
  if ('unavailable' in resolved) {
    return resolved;
  }
  return { command: resolved.executable, isCli: false, description: `VS Code ${resolved.version} (${resolved.executable})` };
}

/**
 * Opens a separate VS Code instance (own user-data and extensions folders under .vscode-test/)
 * so the developer's running VS Code is untouched and Ctrl+C here can close it again.
 */
export function launchDesktopVSCode(candidate: { command: string; isCli: boolean }, folder: string, extensionPath: string): ChildProcess {
  const args = [
    folder,
    `--extensionDevelopmentPath=${extensionPath}`,
    `--user-data-dir=${path.join(cacheDir, 'start-user-data')}`,
    `--extensions-dir=${path.join(cacheDir, 'start-extensions')}`,
    '--disable-workspace-trust',
    '--skip-welcome',
    '--skip-release-notes',
    '--new-window',
  ];
  // The `code` CLI returns at once unless told to wait; the executable itself stays in the foreground.
  if (candidate.isCli) {
    args.push('--wait');
  }
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  return spawnGroup(candidate.command, args, { stdio: 'inherit', env });
}

function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return file;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}
