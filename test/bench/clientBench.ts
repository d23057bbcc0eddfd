import { request } from 'undici';
import { WorldClientApi } from '../../src/api/client';
import { startSandbox } from '../sandbox/server';
import { formatMs, median, printTable, timeRuns } from './stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const TARGET_RATIO = 1.15;

/**
 * Our client against the floor: a raw undici request plus JSON.parse of the same reply, in
 * the same process, alternating so both see the same machine load. Prints medians and ratio.
 */
export async function benchClient(): Promise<{ name: string; ratio: number }[]> {
  const sandbox = await startSandbox({ seed: { rooms: 10_000, bigRoom: { id: 'big', messages: 100_000 } } });
  const api = new WorldClientApi(
    { baseUrl: sandbox.url, urlStyle: 'path', sessionTransport: 'header', timeoutMs: 60_000 },
    { getCredentials: () => ({ session: sandbox.session, csrfToken: sandbox.csrfToken }) },
  );
  const headers = { authorization: `Bearer ${sandbox.session}` };
  const raw = async (path: string) => {
    const reply = await request(`${sandbox.url}${path}`, { headers });
    return JSON.parse(await reply.body.text()) as unknown;
  };
  const cases = [
    { name: 'list 10,000 rooms', client: () => api.listRooms(), floor: () => raw('/WorldClientAPI/rtc/rooms') },
    { name: 'get a room of 100,000 messages', client: () => api.getRoom('big'), floor: () => raw('/WorldClientAPI/rtc/rooms/big') },
  ];
  const results: { name: string; ratio: number }[] = [];
  try {
    for (const benchCase of cases) {
      await benchCase.client();
      await benchCase.floor();
      const clientTimes: number[] = [];
      const floorTimes: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        floorTimes.push(...(await timeRuns(1, benchCase.floor)));
        clientTimes.push(...(await timeRuns(1, benchCase.client)));
      }
      const ratio = median(clientTimes) / median(floorTimes);
      results.push({ name: benchCase.name, ratio });
      printTable(`Client: ${benchCase.name} (median of ${RUNS})`, [
        ['our client', formatMs(median(clientTimes))],
        ['raw undici + JSON.parse', formatMs(median(floorTimes))],
        ['ratio', `${ratio.toFixed(3)}× (target ≤ ${TARGET_RATIO}×)`],
      ]);
    }
  } finally {
    await api.dispose();
    await sandbox.stop();
  }
  return results;
}

if (require.main === module) {
  benchClient().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
