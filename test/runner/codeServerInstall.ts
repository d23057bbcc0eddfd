import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureNodeMajor } from './nodeRuntime';
import { npmEnvFor, runLogged } from './npmInstall';
import { cacheDir, removeQuietly } from './workspace';

/**
 * What each VS Code version needs. code-server's version mirrors VS Code's (4.X.Y ships 1.X.Y),
 * and each code-server release runs on exactly one Node major (its engines.node).
 */
const knownReleases: Record<string, { codeServer: string; nodeMajor: number }> = {
  '1.100.3': { codeServer: '4.100.3', nodeMajor: 20 },
  '1.139.1': { codeServer: '4.139.1', nodeMajor: 24 },
};

/**
 * @vscode/ripgrep's postinstall downloads a prebuilt rg from GitHub unless the asset is already
 * in `$TMPDIR/vscode-ripgrep-cache-<package version>/`; it untars it and expects `rg` at the top.
 * Newer code-server releases depend on a ripgrep package that skips this step.
 */
const ripgrepAssets = [{ packageVersion: '1.15.11', release: 'v13.0.0-10' }];

export interface OfflineVSCode {
  readonly vscodeVersion: string;
  readonly codeServerVersion: string;
  /** node_modules/code-server inside the cache folder. */
  readonly root: string;
  /** The Node that code-server must run on. */
  readonly node: string;
  /** Seconds spent installing in this process; 0 when the cache already had it. */
  readonly installSeconds: number;
}

export function describeOfflineVSCode(vscode: OfflineVSCode): string {
  return `VS Code ${vscode.vscodeVersion} (code-server ${vscode.codeServerVersion})`;
}

/** Installs code-server for a VS Code version into `.vscode-test/code-server-<version>/` unless it is already there. */
export async function ensureCodeServer(vscodeVersion: string): Promise<OfflineVSCode> {
  const release = knownReleases[vscodeVersion] ?? guessRelease(vscodeVersion);
  const node = await ensureNodeMajor(release.nodeMajor);
  const dir = path.join(cacheDir, `code-server-${release.codeServer}`);
  const root = path.join(dir, 'node_modules', 'code-server');
  const result: OfflineVSCode = { vscodeVersion, codeServerVersion: release.codeServer, root, node: node.binary, installSeconds: 0 };
  const installed = readMarker(dir);
  if (installed) {
    return { ...result, vscodeVersion: installed.vscode ?? vscodeVersion };
  }

  // Installing into a sibling folder that is renamed once complete (marker included) means an
  // interrupted install never looks complete, and a concurrent runner never sees half a folder.
  const partial = `${dir}.partial-${process.pid}`;
  removeQuietly(dir);
  removeQuietly(partial);
  fs.mkdirSync(partial, { recursive: true });
  fs.writeFileSync(
    path.join(partial, 'package.json'),
    JSON.stringify({ name: 'code-server-cache', private: true, description: 'Offline VS Code test host' }, null, 2),
  );
  const installTmp = fs.mkdtempSync(path.join('/tmp', 'wcrtc-npm-'));
  const logFile = path.join(cacheDir, `code-server-${release.codeServer}.install.log`);
  console.log(
    `Installing code-server ${release.codeServer} (VS Code ${vscodeVersion}) on Node ${node.version} into ` +
      `${path.relative(process.cwd(), dir)}/ — takes one to three minutes, once …`,
  );
  const started = Date.now();
  try {
    seedRipgrepCache(installTmp);
    const env = npmEnvFor(node.binary, node.nodedir, {
      TMPDIR: installTmp,
      // Tools that install scripts start through npx must not wait at a prompt (npm's user
      // config on these machines sets yes=false).
      npm_config_yes: 'true',
      // code-server's postinstall refuses to run as root unless npm says unsafe-perm is on.
      npm_config_unsafe_perm: 'true',
      // npm 11 tracks dependency install scripts against an `allowScripts` list. code-server's
      // postinstall runs two nested `npm install`s in lib/vscode whose package.json we do not own,
      // and every native addon there (node-pty, spdlog, kerberos, watcher, ripgrep) must build.
      // `allow-scripts` via env/CLI is rejected in project installs (EALLOWSCRIPTS), and
      // `strict-allow-scripts` (a user's or a future default) would block them, so this one
      // install, of pinned packages into a throwaway cache, opts out of the policy.
      npm_config_dangerously_allow_all_scripts: 'true',
      npm_config_strict_allow_scripts: 'false',
      npm_config_ignore_scripts: 'false',
    });
    await runLogged(
      'npm',
      ['install', `code-server@${release.codeServer}`, '--unsafe-perm', '--foreground-scripts', '--no-audit', '--no-fund'],
      { cwd: partial, env, logFile },
    );
    const partialRoot = path.join(partial, 'node_modules', 'code-server');
    verifyInstall(partialRoot, logFile);
    const actual = readVSCodeVersion(partialRoot);
    if (actual !== vscodeVersion) {
      console.warn(`warning: code-server ${release.codeServer} ships VS Code ${actual}, not ${vscodeVersion}`);
    }
    const seconds = (Date.now() - started) / 1000;
    fs.writeFileSync(
      path.join(partial, '.installed'),
      JSON.stringify({ codeServer: release.codeServer, vscode: actual, node: node.version, seconds }, null, 2) + '\n',
    );
    publish(partial, dir);
    console.log(`code-server ${release.codeServer} installed in ${seconds.toFixed(0)} s (log: ${logFile}).`);
    return { ...result, vscodeVersion: actual, installSeconds: seconds };
  } finally {
    removeQuietly(partial);
    removeQuietly(installTmp);
  }
}

/** The marker is written last, so its presence means a complete, verified install. */
function readMarker(dir: string): { vscode?: string } | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, '.installed'), 'utf8')) as { vscode?: string };
  } catch {
    return undefined;
  }
}

/** Another runner may have finished the same install first; then its copy is as good as ours. */
function publish(partial: string, dir: string): void {
  try {
    fs.renameSync(partial, dir);
  } catch (error) {
    if (!readMarker(dir)) {
      throw error;
    }
  }
}

/** For versions not in the table: code-server's numbering rule, and one registry look-up for its Node. */
function guessRelease(vscodeVersion: string): { codeServer: string; nodeMajor: number } {
  const match = /^1\.(\d+)\.(\d+)$/.exec(vscodeVersion);
  if (!match) {
    throw new Error(`Offline VS Code version must look like 1.100.3, got '${vscodeVersion}'`);
  }
  const codeServer = `4.${match[1]}.${match[2]}`;
  let engines: string;
  try {
    engines = execFileSync('npm', ['view', `code-server@${codeServer}`, 'engines.node'], { encoding: 'utf8' }).trim();
  } catch (error) {
    throw new Error(`code-server ${codeServer} (for VS Code ${vscodeVersion}) not found in the npm registry: ${String(error)}`);
  }
  const nodeMajor = Number(/\d+/.exec(engines)?.[0]);
  if (!nodeMajor) {
    throw new Error(`code-server ${codeServer} has no engines.node ('${engines}')`);
  }
  return { codeServer, nodeMajor };
}

function seedRipgrepCache(tmpDir: string): void {
  const target = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' }[process.arch as string];
  const rg = findRipgrep();
  if (process.platform !== 'linux' || !target || !rg) {
    console.warn('warning: no local ripgrep (`rg`) found: the install will try to download one and may fail offline.');
    return;
  }
  const staging = fs.mkdtempSync(path.join(tmpDir, 'rg-'));
  fs.copyFileSync(rg, path.join(staging, 'rg'));
  fs.chmodSync(path.join(staging, 'rg'), 0o755);
  for (const asset of ripgrepAssets) {
    const cache = path.join(tmpDir, `vscode-ripgrep-cache-${asset.packageVersion}`);
    fs.mkdirSync(cache, { recursive: true });
    const tarball = path.join(cache, `ripgrep-${asset.release}-${target}.tar.gz`);
    execFileSync('tar', ['czf', tarball, '-C', staging, 'rg']);
  }
}

function findRipgrep(): string | undefined {
  const candidates = [process.env.RIPGREP_PATH, ...(process.env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir, 'rg'))];
  return candidates.find((file): file is string => !!file && fs.existsSync(file));
}

/**
 * npm can exit 0 while skipping install scripts (its allowScripts policy), which yields a
 * code-server that starts but cannot open terminals, search, or log. Check the postinstall's
 * results; each entry lists the places different code-server releases put the same thing.
 */
function verifyInstall(root: string, logFile: string): void {
  const modules = path.join(root, 'lib', 'vscode', 'node_modules');
  const platform = `${process.platform}-${process.arch}`;
  const required: string[][] = [
    [path.join(root, 'out', 'node', 'entry.js')],
    [path.join(root, 'out', 'node', 'cli.js')],
    // Made by code-server's own postinstall.sh after its nested installs succeeded.
    [path.join(root, 'lib', 'vscode', 'bin', 'remote-cli', 'code-server')],
    [path.join(modules, 'node-pty', 'build', 'Release', 'pty.node'), path.join(modules, 'node-pty', 'prebuilds', platform, 'pty.node')],
    [path.join(modules, '@vscode', 'spdlog', 'build', 'Release', 'spdlog.node')],
    [path.join(modules, '@vscode', 'ripgrep', 'bin', 'rg'), path.join(modules, '@vscode', 'ripgrep-universal', 'bin', platform, 'rg')],
  ];
  const missing = required.filter((alternatives) => !alternatives.some((file) => fs.existsSync(file)));
  if (missing.length > 0) {
    throw new Error(
      `code-server installed, but its postinstall did not finish (install scripts skipped or failed). Missing:\n  ` +
        `${missing.map((alternatives) => alternatives.join(' or ')).join('\n  ')}\nSee ${logFile}.`,
    );
  }
}

function readVSCodeVersion(root: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'lib', 'vscode', 'package.json'), 'utf8')) as { version?: string };
  return manifest.version ?? 'unknown';
}
