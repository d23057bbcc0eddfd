import * as assert from 'node:assert/strict';
import { PollTimer } from '../../../src/core/pollTimer';
import { FakeClock, settle } from '../../support/fakeClock';

/** A tick whose end the test decides. */
class ControlledTicks {
  count = 0;
  running = 0;
  overlapped = false;
  private finishers: (() => void)[] = [];

  readonly tick = (): Promise<void> => {
    this.count++;
    this.running++;
    this.overlapped ||= this.running > 1;
    return new Promise((resolve) =>
      this.finishers.push(() => {
        this.running--;
        resolve();
      }),
    );
  };

  async finishAll(): Promise<void> {
    this.finishers.splice(0).forEach((finish) => finish());
    await settle();
  }
}

describe('PollTimer', () => {
  it('ticks once per interval only while active, waiting a full interval after each tick ends', async () => {
    const clock = new FakeClock();
    const ticks = new ControlledTicks();
    const timer = new PollTimer(() => 1000, ticks.tick, clock);
    await clock.advance(5000);
    assert.equal(ticks.count, 0, 'an inactive timer does not tick');
    assert.equal(clock.waits, 0);

    timer.setActive(true);
    await clock.advance(999);
    assert.equal(ticks.count, 0, 'the first tick comes a full interval after starting');
    await clock.advance(1);
    assert.equal(ticks.count, 1);

    await clock.advance(5000);
    assert.equal(ticks.count, 1, 'no second tick while the first is still running');
    await ticks.finishAll();
    await clock.advance(999);
    assert.equal(ticks.count, 1, 'the next wait starts when the tick ends');
    await clock.advance(1);
    assert.equal(ticks.count, 2);
    await clock.advance(3000);
    assert.equal(ticks.count, 2, 'each tick waits for the previous one to end');
    assert.equal(ticks.overlapped, false);

    await ticks.finishAll();
    assert.equal(clock.waits, 1, 'the next wait has begun');
    timer.setActive(false);
    assert.equal(clock.waits, 0, 'pausing cancels the wait');
    await clock.advance(10_000);
    assert.equal(ticks.count, 2, 'a paused timer does not tick');
    timer.dispose();
  });

  it('reads the interval before each wait, with a floor of 100 ms', async () => {
    const clock = new FakeClock();
    const ticks = new ControlledTicks();
    let interval = 2000;
    const timer = new PollTimer(() => interval, ticks.tick, clock);
    timer.setActive(true);
    interval = 10;
    await clock.advance(1999);
    assert.equal(ticks.count, 0, 'the wait already running keeps its interval');
    await clock.advance(1);
    assert.equal(ticks.count, 1);
    await ticks.finishAll();
    await clock.advance(99);
    assert.equal(ticks.count, 1, 'no wait is shorter than 100 ms');
    await clock.advance(1);
    assert.equal(ticks.count, 2);
    timer.dispose();
  });

  it('restarts the wait on request, but not in the middle of a tick', async () => {
    const clock = new FakeClock();
    const ticks = new ControlledTicks();
    const timer = new PollTimer(() => 1000, ticks.tick, clock);
    timer.setActive(true);
    await clock.advance(600);
    timer.restart();
    await clock.advance(999);
    assert.equal(ticks.count, 0, 'a restart waits a full interval again');
    await clock.advance(1);
    assert.equal(ticks.count, 1);
    timer.restart();
    assert.equal(clock.waits, 0, 'no wait is started while a tick runs');
    timer.dispose();
  });

  it('keeps polling after a failing tick and stops for good when disposed', async () => {
    const clock = new FakeClock();
    let ticks = 0;
    const timer = new PollTimer(
      () => 100,
      async () => {
        ticks++;
        throw new Error('server down');
      },
      clock,
    );
    timer.setActive(true);
    await clock.advance(450);
    assert.equal(ticks, 4, 'a tick every 100 ms despite the failures');
    timer.dispose();
    assert.equal(clock.waits, 0);
    timer.setActive(true);
    await clock.advance(1000);
    assert.equal(ticks, 4, 'a disposed timer never starts again');
  });
});
