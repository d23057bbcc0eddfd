import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WorldClientApi } from '../../src/api/client';
import { HistoryRecorder } from '../../src/core/history/historyRecorder';
import { startSandbox } from '../sandbox/server';
import { formatMs, median, printTable } from './stats';

const POLLS = Number(process.env.BENCH_HISTORY_POLLS ?? 100);
const ROOM_MESSAGES = 100_000;
const NEW_PER_POLL = ROOM_MESSAGES / 100;
const TARGET_SHARE = 0.1;

/**
 * The history's cost beside what it records: Watch polls of a 100,000-message room in which 1 %
 * of the messages are new at each poll (the oldest 1 % dropped, so the room stays that size). Each
 * poll is the client's getRoomMessages against the sandbox; the recording is the recorder's work
 * on its reply, to the end of the write. Prints medians, their ratio and the file after all polls.
 */
export async function benchHistory(): Promise<{ share: number; bytes: number }> {
  const sandbox = await startSandbox({ seed: { bigRoom: { id: 'big', messages: ROOM_MESSAGES } } });
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'wcrtc-history-bench-'));
  const recorder = new HistoryRecorder({ directory, enabled: () => true, maxBytes: () => 1024 * 1024 * 1024 });
  const api = new WorldClientApi(
    { baseUrl: sandbox.url, urlStyle: 'path', sessionTransport: 'header', timeoutMs: 60_000 },
    { getCredentials: () => ({ session: sandbox.session, csrfToken: sandbox.csrfToken }) },
  );
  const pollTimes: number[] = [];
  const recordTimes: number[] = [];
  let firstSighting = 0;
  try {
    for (let poll = 0; poll <= POLLS; poll++) {
      if (poll > 0) {
        const room = sandbox.store.get('big');
        const added = Array.from({ length: NEW_PER_POLL }, (_, index) => ({ id: `poll${poll}-${index}`, salt: 'c2FsdA==', data: 'bmV3' }));
        sandbox.store.put({ ...(room as NonNullable<typeof room>), messages: [...(room?.messages ?? []).slice(NEW_PER_POLL), ...added] });
      }
      const polled = performance.now();
      const messages = await api.getRoomMessages('big');
      const recorded = performance.now();
      recorder.observe(sandbox.url, { kind: 'messages', roomId: 'big', messages });
      await recorder.whenIdle();
      const done = performance.now();
      if (poll === 0) {
        firstSighting = done - recorded;
      } else {
        pollTimes.push(recorded - polled);
        recordTimes.push(done - recorded);
      }
    }
    const bytes = fs.readdirSync(directory).reduce((sum, name) => sum + fs.statSync(path.join(directory, name)).size, 0);
    const share = median(recordTimes) / median(pollTimes);
    printTable(`History: Watch polls of ${ROOM_MESSAGES.toLocaleString('en-US')} messages, 1 % new each (median of ${POLLS})`, [
      ['the poll (getRoomMessages)', formatMs(median(pollTimes))],
      ['recording it', formatMs(median(recordTimes))],
      ['share', `${(share * 100).toFixed(1)} % (target ≤ ${TARGET_SHARE * 100} %)`],
      ['first sighting (every message hashed, once)', formatMs(firstSighting)],
      [`storage after ${POLLS} polls`, `${(bytes / 1024 / 1024).toFixed(2)} MiB`],
    ]);
    return { share, bytes };
  } finally {
    recorder.dispose();
    await api.dispose();
    await sandbox.stop();
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchHistory().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
