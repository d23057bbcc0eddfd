import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { OfflineVSCode } from './codeServerInstall';
import { killGroup, sleep, spawnGroup, TailBuffer } from './processes';
import { RunDirs } from './workspace';

export interface CodeServerOptions {
  vscode: OfflineVSCode;
  dirs: RunDirs;
  port: number;
  /** Extra environment: code-server hands its environment on to the extension host. */
  env?: Record<string, string>;
  /**
   * Test runs only. With VS Code's `--enable-smoke-test-driver` the workbench URL may carry an
   * extensionTestsPath and exposes the automation hooks, but VS Code then refuses every modal
   * dialog ("DialogService: refused to show dialog in tests"): a person's VS Code never has it.
   */
  smokeTestDriver: boolean;
}

export interface RunningCodeServer {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly origin: string;
  readonly port: number;
  /** Last part of code-server's stdout+stderr, for failure reports. */
  readonly output: TailBuffer;
  /** Resolves with a description once the server process has ended, whoever ended it. */
  readonly exited: Promise<string>;
  stop(): Promise<void>;
}

const entryScript = path.join(__dirname, 'codeServerEntry.js');
const startupTimeoutMs = 60_000;

/** Starts code-server on 127.0.0.1 with everything it writes kept inside the run's folders. */
export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  const { vscode, dirs, port } = options;
  const bindAddr = `127.0.0.1:${port}`;
  // An explicit config file keeps code-server from creating (and reading) ~/.config/code-server.
  const configFile = path.join(dirs.root, 'code-server.yaml');
  fs.writeFileSync(configFile, `bind-addr: ${bindAddr}\nauth: none\ncert: false\n`);
  const args = [
    entryScript,
    vscode.root,
    '--auth',
    'none',
    '--bind-addr',
    bindAddr,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--ignore-last-opened',
    ...(options.smokeTestDriver ? ['--enable-smoke-test-driver'] : []),
    '--user-data-dir',
    dirs.userData,
    '--extensions-dir',
    dirs.extensions,
    '--config',
    configFile,
  ];
  const child = spawnGroup(vscode.node, args, {
    cwd: dirs.workspace,
    env: serverEnv(dirs, options.env ?? {}),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = new TailBuffer();
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk));
  let exitInfo: string | undefined;
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve((exitInfo = `exit code ${code ?? signal}`)));
    child.once('error', (error) => resolve((exitInfo = String(error))));
  });

  const origin = `http://${bindAddr}`;
  const server: RunningCodeServer = { origin, port, output, exited, stop: () => killGroup(child) };
  const deadline = Date.now() + startupTimeoutMs;
  for (;;) {
    if (exitInfo) {
      throw new Error(`code-server stopped during startup (${exitInfo}). Its output:\n${output.toString()}`);
    }
    if (await isHealthy(origin)) {
      return server;
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`code-server did not answer on ${origin} within ${startupTimeoutMs / 1000} s. Its output:\n${output.toString()}`);
    }
    await sleep(250);
  }
}

/** Installs a VSIX into the run's extensions folder with code-server's own CLI, as a user's VS Code would. */
export async function installExtension(vscode: OfflineVSCode, dirs: RunDirs, vsixPath: string): Promise<void> {
  if (!fs.existsSync(vsixPath)) {
    throw new Error(`No VSIX at ${vsixPath}: run \`npm run package\` first.`);
  }
  const child = spawnGroup(
    vscode.node,
    [entryScript, vscode.root, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--install-extension', vsixPath],
    { cwd: dirs.workspace, env: serverEnv(dirs, {}), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output = new TailBuffer();
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk));
  const code = await new Promise<number | null>((resolve) => {
    child.once('exit', resolve);
    child.once('error', () => resolve(-1));
  });
  if (code !== 0 || !/successfully installed/i.test(output.toString())) {
    throw new Error(`Installing ${vsixPath} failed (exit ${code}):\n${output.toString()}`);
  }
}

/**
 * Makes an extension folder (the development folder, with its built dist/) an installed extension
 * of this run, the way `--install-extension` would but without packaging: a symbolic link named
 * `publisher.name-version` in the extensions folder. VS Code scans that folder on startup and
 * follows the link; a rebuild followed by "Developer: Reload Window" then runs the new code.
 * Returns the extension's id.
 */
export function linkExtension(dirs: RunDirs, extensionFolder: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(extensionFolder, 'package.json'), 'utf8')) as {
    publisher: string;
    name: string;
    version: string;
  };
  const id = `${manifest.publisher}.${manifest.name}`;
  fs.symlinkSync(path.resolve(extensionFolder), path.join(dirs.extensions, `${id}-${manifest.version}`), 'dir');
  return id;
}

/**
 * The developer's environment minus what would make code-server or VS Code attach to another
 * instance (the VSCODE_* IPC hooks set inside a VS Code terminal) or reach the marketplace.
 */
function serverEnv(dirs: RunDirs, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(VSCODE_|ELECTRON_RUN_AS_NODE$|CODE_SERVER_|PASSWORD$|HASHED_PASSWORD$|npm_)/.test(key)) {
      env[key] = value;
    }
  }
  return { ...env, ...dirs.env, EXTENSIONS_GALLERY: '{}', ...extra };
}

function isHealthy(origin: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get(`${origin}/healthz`, { timeout: 2000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.once('timeout', () => request.destroy());
    request.once('error', () => resolve(false));
  });
}
