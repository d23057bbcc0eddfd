/**
 * Extension host memory while Check Rooms loads four rooms of 60 MB of `{}` messages:
 *   npx tsc -p . && node out/test/bench/bigRoomsMemory.js [MB per room]
 * A fresh Node process with the extension host's heap limit (4 GiB) loads the four rooms four
 * at a time through one real client, as Check Rooms does, and checks each as a room. It reports
 * its peak RSS and heap above the baseline, what each load ended with, and the longest time the
 * event loop was held (a 10 ms timer's worst lateness). The sandbox runs in another process.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { WorldClientApi } from '../../src/api/client';
import { startSandbox } from '../sandbox/server';

const MB = 1_000_000;
const ROOMS = ['huge-1', 'huge-2', 'huge-3', 'huge-4'];

interface Figures {
  ms: number;
  peakRssAboveBaselineMiB: number;
  peakHeapAboveBaselineMiB: number;
  longestBlockMs: number;
  outcomes: string[];
}

async function serve(bytes: number): Promise<void> {
  const sandbox = await startSandbox({ seed: {} });
  for (const roomId of ROOMS) {
    sandbox.addFault({ kind: 'hugeRoom', roomId, hugeBodyBytes: bytes, method: 'GET' });
  }
  process.send?.({ url: sandbox.url, session: sandbox.session });
  process.on('disconnect', () => process.exit(0));
}

function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve) => child.once('message', (message) => resolve(message as T)));
}

async function measure(bytes: number): Promise<void> {
  const server = fork(__filename, ['serve', String(bytes)], { stdio: 'inherit' });
  const { url, session } = await nextMessage<{ url: string; session: string }>(server);
  const config = { baseUrl: url, urlStyle: 'path', sessionTransport: 'header', timeoutMs: 600_000 } as const;
  const api = new WorldClientApi(config, { getCredentials: () => ({ session }) });
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakHeap = baseline.heapUsed;
  let longestBlockMs = 0;
  let last = performance.now();
  const sampler = setInterval(() => {
    const now = performance.now();
    longestBlockMs = Math.max(longestBlockMs, now - last - 10);
    last = now;
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  }, 10);
  const started = performance.now();
  const outcomes = await Promise.all(
    ROOMS.map((roomId) =>
      api.getRoom(roomId).then(
        (room) => `${roomId}: loaded, ${room.messages.length} messages`,
        (error: Error) => `${roomId}: ${error.message.slice(0, 160)}`,
      ),
    ),
  );
  const ms = performance.now() - started;
  clearInterval(sampler);
  const MiB = 1024 * 1024;
  const figures: Figures = {
    ms: Math.round(ms),
    peakRssAboveBaselineMiB: Math.round((Math.max(peakRss, process.resourceUsage().maxRSS * 1024) - baseline.rss) / MiB),
    peakHeapAboveBaselineMiB: Math.round((peakHeap - baseline.heapUsed) / MiB),
    longestBlockMs: Math.round(longestBlockMs),
    outcomes,
  };
  process.send?.(figures);
  await api.dispose();
  server.kill();
}

async function main(): Promise<void> {
  const megabytes = Number(process.argv[2] ?? 60);
  console.log(`Four rooms of ${megabytes} MB of {} messages, loaded four at a time through one client (heap limit 4 GiB):`);
  const child = fork(__filename, ['measure', String(megabytes * MB)], {
    execArgv: ['--max-old-space-size=4096'],
    stdio: ['inherit', 'inherit', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const figures = await Promise.race([nextMessage<Figures>(child), exited.then(() => undefined)]);
  const code = await exited;
  if (!figures) {
    const why = /heap out of memory|Allocation failed[^\n]*/.exec(stderr)?.[0] ?? stderr.slice(-300);
    console.log(`  the process died (exit code ${code}): ${why}`);
    process.exitCode = 1;
    return;
  }
  const { peakRssAboveBaselineMiB: rss, peakHeapAboveBaselineMiB: heap } = figures;
  console.log(`  peak RSS above baseline: ${rss} MiB; peak heap above baseline: ${heap} MiB`);
  console.log(`  longest event-loop block: ${figures.longestBlockMs} ms; all four settled after ${figures.ms} ms`);
  figures.outcomes.forEach((outcome) => console.log(`  ${outcome}`));
}

const role = process.argv[2];
const size = Number(process.argv[3]);
void (role === 'serve' ? serve(size) : role === 'measure' ? measure(size) : main()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
