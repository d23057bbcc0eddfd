/**
 * Peak memory of the extension host's side of one big reply:
 *   npx tsc -p . && node --expose-gc out/test/bench/replyMemory.js [MiB ...]
 * For each size (default 16, 32 and the reply cap less 1 MiB; a size over the cap is refused), a fresh Node process (as the
 * extension host is one) lists the rooms of a sandbox answering with a valid rooms list of that
 * size, through the real client, and reports its peak RSS above the baseline, the peak of
 * heap + buffers it sampled, and both as multiples of the reply size. The sandbox runs in
 * another process, so only the client's memory is counted.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { WorldClientApi } from '../../src/api/client';
import { MAX_REPLY_BYTES } from '../../src/api/dispatcher';
import { startSandbox } from '../sandbox/server';

const MiB = 1024 * 1024;

interface Figures {
  replyMiB: number;
  rooms: number;
  ms: number;
  peakRssAboveBaselineMiB: number;
  peakHeldMiB: number;
}

async function serve(): Promise<void> {
  const sandbox = await startSandbox({ seed: { sample: true } });
  process.send?.({ url: sandbox.url, session: sandbox.session });
  // Ends with the measuring process, whatever becomes of it.
  process.on('disconnect', () => process.exit(0));
  process.on('message', (message: { hugeBodyBytes?: number; stop?: boolean }) => {
    if (message.stop) {
      void sandbox.stop().then(() => process.exit(0));
      return;
    }
    sandbox.addFault({ kind: 'hugeBody', hugeBodyBytes: message.hugeBodyBytes, times: 1 });
    process.send?.({ ready: true });
  });
}

function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve) => child.once('message', (message) => resolve(message as T)));
}

function held(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external;
}

async function measure(bytes: number): Promise<void> {
  const server = fork(__filename, ['serve'], { stdio: 'inherit' });
  const { url, session } = await nextMessage<{ url: string; session: string }>(server);
  server.send({ hugeBodyBytes: bytes });
  await nextMessage(server);
  const api = new WorldClientApi(
    { baseUrl: url, urlStyle: 'path', sessionTransport: 'header', timeoutMs: 120_000 },
    { getCredentials: () => ({ session }) },
  );
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const baselineRss = process.memoryUsage().rss;
  const baselineHeld = held();
  let peakHeld = baselineHeld;
  const sampler = setInterval(() => (peakHeld = Math.max(peakHeld, held())), 2);
  const started = performance.now();
  const rooms = await api.listRooms();
  const ms = performance.now() - started;
  peakHeld = Math.max(peakHeld, held());
  clearInterval(sampler);
  const peakRss = process.resourceUsage().maxRSS * 1024;
  const figures: Figures = {
    replyMiB: bytes / MiB,
    rooms: rooms.length,
    ms: Math.round(ms),
    peakRssAboveBaselineMiB: (peakRss - baselineRss) / MiB,
    peakHeldMiB: (peakHeld - baselineHeld) / MiB,
  };
  process.send?.(figures);
  await api.dispose();
  server.send({ stop: true });
}

async function main(): Promise<void> {
  const capMiB = MAX_REPLY_BYTES / MiB;
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((size) => size > 0);
  console.log(`Reply cap (MAX_REPLY_BYTES): ${capMiB} MiB`);
  console.log('reply MiB | rooms     | time ms | peak RSS above baseline | peak heap+buffers | RSS ÷ reply | held ÷ reply');
  for (const size of sizes.length ? sizes : [16, 32, capMiB - 1]) {
    const child = fork(__filename, ['measure', String(size * MiB)], { execArgv: ['--expose-gc'], stdio: 'inherit' });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const figures = await Promise.race([nextMessage<Figures>(child), exited.then(() => undefined)]);
    await exited;
    if (!figures) {
      console.log(`${String(size).padStart(9)} | refused (see the error above)`);
      continue;
    }
    const row = [
      figures.replyMiB.toFixed(0).padStart(9),
      String(figures.rooms).padEnd(9),
      String(figures.ms).padStart(7),
      `${figures.peakRssAboveBaselineMiB.toFixed(0)} MiB`.padStart(23),
      `${figures.peakHeldMiB.toFixed(0)} MiB`.padStart(17),
      (figures.peakRssAboveBaselineMiB / figures.replyMiB).toFixed(2).padStart(11),
      (figures.peakHeldMiB / figures.replyMiB).toFixed(2).padStart(12),
    ];
    console.log(row.join(' | '));
  }
}

const role = process.argv[2];
void (role === 'serve' ? serve() : role === 'measure' ? measure(Number(process.argv[3])) : main()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
