import * as assert from 'node:assert/strict';
import { PollTimer } from '../../../src/panel/pollTimer';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('PollTimer', () => {
  it('ticks only while active, never overlapping a slow tick', async () => {
    let running = 0;
    let overlapped = false;
    let ticks = 0;
    const timer = new PollTimer(
      () => 100,
      async () => {
        running++;
        overlapped ||= running > 1;
        ticks++;
        await sleep(150);
        running--;
      },
    );
    await sleep(150);
    assert.equal(ticks, 0, 'inactive timers do not tick');
    timer.setActive(true);
    await sleep(700);
    timer.setActive(false);
    const atPause = ticks;
    assert.ok(atPause >= 1 && atPause <= 3, `ticked ${atPause} times`);
    assert.equal(overlapped, false);
    await sleep(400);
    assert.equal(ticks, atPause, 'paused timers do not tick');
    timer.dispose();
  });

  it('keeps polling after a failing tick and stops for good when disposed', async () => {
    let ticks = 0;
    const timer = new PollTimer(
      () => 100,
      async () => {
        ticks++;
        throw new Error('server down');
      },
    );
    timer.setActive(true);
    await sleep(450);
    assert.ok(ticks >= 2, `ticked ${ticks} times`);
    timer.dispose();
    const atDispose = ticks;
    timer.setActive(true);
    await sleep(300);
    assert.equal(ticks, atDispose);
  });
});
