import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { PROBES } from './linearTimeProbes';

/**
 * No pure function over server or file text takes more than linear time: each probe runs on
 * about 256 K and 1 M characters (best of five, in a worker thread so a backtracking regular
 * expression can be ended). Linear work takes about 4× as long on 4×
 * the input, quadratic 16×; 1 M characters must finish within the cap. The garbage collector
 * (hundreds of thousands of short strings) and other processes on a busy machine can make one
 * step look 8–12× as long, so a probe over the limit is timed once more a step further
 * (1 M → 4 M) and fails only when that step is over it too. Below the floor a run is too short
 * for its ratio to mean anything.
 */
const SMALL = 256 * 1024;
const MAX_RATIO = 12;
const CAP_MS = 3000;
const FLOOR_MS = 40;
const ROUNDS = 5;

/** The best time of each size, or undefined when the probe did not finish in time (the worker is ended). */
function timeProbe(probe: string, sizes: number[]): Promise<number[] | undefined> {
  // Every round may take the cap per 1 M characters; building the inputs gets one cap more.
  const budgetMs = CAP_MS * (1 + (ROUNDS * sizes.reduce((sum, size) => sum + size, 0)) / (4 * SMALL));
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, 'linearTimeProbes.js'), { workerData: { probe, sizes, rounds: ROUNDS } });
    const deadline = setTimeout(() => void worker.terminate().then(() => resolve(undefined)), budgetMs);
    worker.on('message', (times: number[]) => {
      clearTimeout(deadline);
      void worker.terminate().then(() => resolve(times));
    });
    worker.on('error', (error) => {
      clearTimeout(deadline);
      reject(error);
    });
  });
}

const chars = (size: number) => `${size.toLocaleString('en-US')} characters`;

describe('linear time over server and file text', function () {
  this.timeout(600_000);

  for (const probe of Object.keys(PROBES)) {
    it(probe, async () => {
      const times = await timeProbe(probe, [SMALL, 4 * SMALL]);
      assert.ok(times !== undefined, `${chars(SMALL)} and ${chars(4 * SMALL)} did not finish in time`);
      const [small, large] = times;
      assert.ok(large < CAP_MS, `${chars(4 * SMALL)} took ${large.toFixed(0)} ms (cap ${CAP_MS} ms)`);
      if (large >= FLOOR_MS && large / Math.max(small, 1) > MAX_RATIO) {
        const next = await timeProbe(probe, [4 * SMALL, 16 * SMALL]);
        const ratio = next === undefined ? Infinity : next[1] / Math.max(next[0], 1);
        assert.ok(
          ratio <= MAX_RATIO,
          `4× the input took ${(large / small).toFixed(1)}× as long (${small.toFixed(0)} → ${large.toFixed(0)} ms), ` +
            `and ${ratio.toFixed(1)}× the next step (${next ? next.map((ms) => ms.toFixed(0)).join(' → ') : 'unfinished'} ms)`,
        );
      }
    });
  }
});
