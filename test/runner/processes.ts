import { ChildProcess, spawn, SpawnOptions } from 'node:child_process';
import * as net from 'node:net';

/** Asks the kernel for a port that is free right now; the tiny race until the server binds is acceptable. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

type Cleanup = () => Promise<void> | void;
const cleanups = new Set<Cleanup>();
let signalsHooked = false;
let interruptExitCode = 130;

/** The test runner reports an interrupted run as a failure (130); the quick start ends normally. */
export function setInterruptExitCode(code: number): void {
  interruptExitCode = code;
}

/**
 * Registers work that must happen even when the user presses Ctrl+C: without it, an interrupted
 * run leaves code-server and Chromium running in the background, holding ports and temp folders.
 */
export function onInterrupt(cleanup: Cleanup): () => void {
  hookSignals();
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

export async function runAllCleanups(): Promise<void> {
  const pending = [...cleanups];
  cleanups.clear();
  for (const cleanup of pending.reverse()) {
    try {
      await cleanup();
    } catch (error) {
      console.warn(`warning: cleanup failed: ${String(error)}`);
    }
  }
}

const exitHooks = new Set<() => void>();
let exitHooked = false;

/**
 * Last-resort synchronous cleanup when the process dies without running the async cleanups
 * (an uncaught exception, or EPIPE after `| head`): kill what we started, delete temp folders.
 */
export function onExitSync(hook: () => void): () => void {
  if (!exitHooked) {
    exitHooked = true;
    process.on('exit', () => [...exitHooks].reverse().forEach((each) => each()));
  }
  exitHooks.add(hook);
  return () => exitHooks.delete(hook);
}

function hookSignals(): void {
  if (signalsHooked) {
    return;
  }
  signalsHooked = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal} received: stopping…`);
      // A second Ctrl+C while cleanup hangs should still end the process.
      process.once(signal, () => process.exit(130));
      void runAllCleanups().finally(() => process.exit(interruptExitCode));
    });
  }
}

/**
 * Spawns a child as the leader of its own process group, so that stopping it also stops the
 * helpers it forks (code-server forks its server, which forks extension hosts, pty and watchers).
 */
export function spawnGroup(command: string, args: string[], options: SpawnOptions): ChildProcess {
  const child = spawn(command, args, { ...options, detached: true });
  const pid = child.pid;
  if (pid !== undefined) {
    // Being in its own group, the child would outlive a crash of this process.
    const forget = onExitSync(() => signalGroup(pid, 'SIGKILL'));
    child.once('exit', () => forget());
  }
  return child;
}

/** SIGTERM to the child's group, then SIGKILL if it has not exited after the grace period. */
export async function killGroup(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signalGroup(child.pid, 'SIGTERM');
  const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
  if ((await Promise.race([exited, timer])) === 'timeout') {
    signalGroup(child.pid, 'SIGKILL');
    await Promise.race([exited, new Promise<void>((resolve) => setTimeout(resolve, 2000).unref())]);
  }
  // The group leader may be gone while children that ignored SIGTERM linger.
  signalGroup(child.pid, 'SIGKILL');
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the whole group has already exited.
  }
}

/** Keeps the last `limit` characters of a stream, so a failure can show what the server said last. */
export class TailBuffer {
  private text = '';
  constructor(private readonly limit = 16_000) {}
  push(chunk: Buffer | string): void {
    this.text = (this.text + chunk.toString()).slice(-this.limit);
  }
  toString(): string {
    return this.text;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Runs a command-line entry point to its end: cleans up every process it started, sets the
 * exit code, and on a crash still prints the closing "label: 0 passed, 1 failed" line CI reads.
 */
export function runEntryPoint(label: string, main: () => Promise<number>): void {
  main().then(
    async (code) => {
      await runAllCleanups();
      process.exitCode = code;
    },
    async (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      await runAllCleanups();
      console.log(`${label}: 0 passed, 1 failed`);
      process.exitCode = 1;
    },
  );
}
