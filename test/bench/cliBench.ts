import { request } from 'undici';
import { runCli } from '../../src/cli/main';
import { startSandbox } from '../sandbox/server';
import { formatMs, median, printTable, timeRuns } from './stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ROOMS = 1_000;
const MESSAGES = 100;
const CONCURRENCY = 4;

/**
 * `check --server` over 1,000 rooms of 100 messages against its floor: the same GETs (the list,
 * then every room) at the same concurrency with a raw undici request and JSON.parse, nothing else.
 * Both run in this process, alternating, so both see the same machine load. `npm run bench:cli`.
 */
export async function benchCli(): Promise<{ ratio: number }> {
  const sandbox = await startSandbox({ seed: { rooms: ROOMS, messagesPerRoom: MESSAGES } });
  const headers = { authorization: `Bearer ${sandbox.session}` };
  const get = async (path: string): Promise<unknown> => {
    const reply = await request(`${sandbox.url}${path}`, { headers });
    return JSON.parse(await reply.body.text()) as unknown;
  };
  const floor = async (): Promise<void> => {
    const { rooms } = (await get('/WorldClientAPI/rtc/rooms')) as { rooms: { id: string }[] };
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < rooms.length) {
        await get(`/WorldClientAPI/rtc/rooms/${encodeURIComponent(rooms[next++].id)}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  };
  const io = {
    env: { WORLDCLIENT_RTC_SESSION: sandbox.session },
    stdout: { write: () => true },
    stderr: { write: (text: string) => process.stderr.write(text) },
    cwd: __dirname,
    now: Date.now,
  };
  const check = async (): Promise<void> => {
    const code = await runCli(['check', '--server', sandbox.url, '--concurrency', String(CONCURRENCY), '--format', 'sarif'], io, 'bench');
    if (code !== 0) {
      throw new Error(`check --server exited with ${code}`);
    }
  };
  try {
    await floor();
    await check();
    const checkTimes: number[] = [];
    const floorTimes: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      floorTimes.push(...(await timeRuns(1, floor)));
      checkTimes.push(...(await timeRuns(1, check)));
    }
    const ratio = median(checkTimes) / median(floorTimes);
    const title = `check --server, ${ROOMS.toLocaleString('en-US')} rooms of ${MESSAGES} messages, concurrency ${CONCURRENCY}`;
    printTable(`${title} (median of ${RUNS})`, [
      ['floor: the same GETs, JSON.parse', formatMs(median(floorTimes))],
      ['check --server --format sarif', formatMs(median(checkTimes))],
      ['ratio', `${ratio.toFixed(2)}×`],
    ]);
    return { ratio };
  } finally {
    await sandbox.stop();
  }
}

if (require.main === module) {
  benchCli().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
