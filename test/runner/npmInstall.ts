import * as fs from 'node:fs';
import * as path from 'node:path';
import { killGroup, onInterrupt, spawnGroup, TailBuffer } from './processes';

export interface LoggedRunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Full output goes here: native builds print thousands of lines nobody wants on the console. */
  logFile: string;
}

/**
 * Runs an install command with its output in a log file and a heartbeat on the console, and
 * throws with the log's tail when it fails, so CI shows the actual compiler or npm error.
 */
export async function runLogged(command: string, args: string[], options: LoggedRunOptions): Promise<void> {
  fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
  const log = fs.createWriteStream(options.logFile);
  log.write(`$ ${command} ${args.join(' ')}\n(cwd ${options.cwd})\n\n`);
  const tail = new TailBuffer(6000);
  const child = spawnGroup(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const forget = onInterrupt(() => killGroup(child, 1000));
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      log.write(chunk);
      tail.push(chunk);
    });
  }
  const started = Date.now();
  const heartbeat = setInterval(() => {
    console.log(`  … still installing (${Math.round((Date.now() - started) / 1000)} s, log: ${options.logFile})`);
  }, 20_000);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (exitCode) => resolve(exitCode));
    });
    if (code !== 0) {
      throw new Error(
        `\`${command} ${args.join(' ')}\` failed with exit code ${code}. Last output:\n${tail.toString()}\n` +
          `(full log: ${options.logFile})`,
      );
    }
  } finally {
    clearInterval(heartbeat);
    forget();
    await new Promise<void>((resolve) => log.end(resolve));
  }
}

/**
 * The environment for running npm with a given Node: that Node first on PATH so npm itself and
 * the nested `npm install`s in code-server's postinstall run on it (the postinstall checks the
 * Node major in npm's user agent), and its headers as nodedir so node-gyp compiles offline.
 */
export function npmEnvFor(nodeBinary: string, nodedir: string | undefined, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  // When this runner was started by `npm run`, npm exported its whole config as npm_config_*
  // (user-agent included, which code-server's postinstall reads to check the Node version) and
  // the project's details as npm_package_*. A nested npm would take them as its own config, so
  // drop them all: the child reads the same npmrc files again by itself.
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key) && key !== 'INIT_CWD' && key !== 'NODE') {
      env[key] = value;
    }
  }
  Object.assign(env, extra);
  env.PATH = `${path.dirname(nodeBinary)}${path.delimiter}${process.env.PATH ?? ''}`;
  if (nodedir) {
    env.npm_config_nodedir = nodedir;
  }
  return env;
}
