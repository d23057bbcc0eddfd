import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { PROBES } from './linearTimeProbes';

/**
 * No pure function over server or file text takes more than linear time: each probe runs on
 * about 256 K and then 1 M characters (best of three, in a worker thread so a backtracking
 * regular expression can be ended). Linear work takes about 4× as long on 4× the input,
 * quadratic 16×; 1 M characters must finish within the cap. The garbage collector (hundreds of
 * thousands of short strings) can make one step look 8–9× on a busy machine, so the limit is 10,
 * and a probe over it is timed once more a step further (1 M → 4 M) and fails only when that
 * step is over it too. Below the floor a run is too short for its ratio to mean anything.
 */
const SMALL = 256 * 1024;
const MAX_RATIO = 10;
const CAP_MS = 3000;
const FLOOR_MS = 40;

/** Times one probe at each size; undefined for a size that did not finish in time (the worker is ended). */
function timeProbe(probe: string, sizes: number[]): Promise<(number | undefined)[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, 'linearTimeProbes.js'), { workerData: { probe, sizes } });
    const times: (number | undefined)[] = [];
    let deadline: NodeJS.Timeout;
    const arm = () => {
      clearTimeout(deadline);
      // Three runs of one size, plus building its input, each held to the cap (4 M characters may take 4 caps).
      deadline = setTimeout(() => void worker.terminate().then(() => resolve([...times, undefined])), CAP_MS * Math.max(2, sizes[times.length] / SMALL));
    };
    worker.on('message', (ms: number) => {
      times.push(ms);
      if (times.length === sizes.length) {
        clearTimeout(deadline);
        void worker.terminate().then(() => resolve(times));
      } else {
        arm();
      }
    });
    worker.on('error', (error) => {
      clearTimeout(deadline);
      reject(error);
    });
    arm();
  });
}

const chars = (size: number) => `${size.toLocaleString('en-US')} characters`;

describe('linear time over server and file text', function () {
  this.timeout(120_000);

  for (const probe of Object.keys(PROBES)) {
    it(probe, async () => {
      const [small, large] = await timeProbe(probe, [SMALL, 4 * SMALL]);
      assert.ok(small !== undefined, `${chars(SMALL)} did not finish in time`);
      assert.ok(large !== undefined, `${chars(4 * SMALL)} did not finish in time`);
      assert.ok(large < CAP_MS, `${chars(4 * SMALL)} took ${large.toFixed(0)} ms (cap ${CAP_MS} ms)`);
      if (large >= FLOOR_MS && large / Math.max(small, 1) > MAX_RATIO) {
        const [again, larger] = await timeProbe(probe, [4 * SMALL, 16 * SMALL]);
        const ratio = again === undefined || larger === undefined ? Infinity : larger / Math.max(again, 1);
        assert.ok(ratio <= MAX_RATIO, `4× the input took ${(large / small).toFixed(1)}× as long (${small.toFixed(0)} → ${large.toFixed(0)} ms), ` +
          `and ${ratio.toFixed(1)}× the next step (${again?.toFixed(0)} → ${larger?.toFixed(0) ?? 'unfinished'} ms)`);
      }
    });
  }
});
