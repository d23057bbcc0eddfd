import * as assert from 'node:assert/strict';
import type { RtcMessage } from '../../../src/api/types';
import { RoomWatch } from '../../../src/panel/roomWatch';
import { FakeClock, settle } from '../../support/fakeClock';

describe('RoomWatch', () => {
  it('stop() aborts the poll in flight and nothing more is fetched (signing out)', async () => {
    const clock = new FakeClock();
    const signals: AbortSignal[] = [];
    const outcomes: string[] = [];
    const watch = new RoomWatch(
      () => 100,
      {
        canPoll: () => true,
        fetchMessages: (signal) =>
          new Promise<RtcMessage[]>((_resolve, reject) => {
            signals.push(signal);
            signal.addEventListener('abort', () => reject(new Error('aborted')));
          }),
        polled: () => outcomes.push('polled'),
        pollFailed: () => outcomes.push('failed'),
        pollEnded: () => outcomes.push('ended'),
      },
      clock,
    );
    watch.enabled = true;
    watch.update(true);
    await clock.advance(100);
    assert.equal(signals.length, 1, 'the first poll, one interval after Watch was turned on');
    watch.stop();
    assert.equal(watch.enabled, false);
    assert.equal(signals[0].aborted, true, 'the request in flight is aborted');
    await settle();
    assert.deepEqual(outcomes, ['ended'], 'an aborted poll is not reported as a failure');
    watch.update(true);
    await clock.advance(1000);
    assert.equal(signals.length, 1, 'ten intervals without a poll: the timer stays off while Watch is disabled');
    assert.equal(clock.waits, 0);
    watch.dispose();
  });

  it('polls only while enabled and allowed to run, and skips a tick when the panel cannot poll', async () => {
    const clock = new FakeClock();
    let fetched = 0;
    let canPoll = false;
    const polled: number[] = [];
    const watch = new RoomWatch(
      () => 100,
      {
        canPoll: () => canPoll,
        fetchMessages: async () => {
          fetched++;
          return [];
        },
        polled: (messages) => polled.push(messages.length),
        pollFailed: () => assert.fail('no failure expected'),
        pollEnded: () => undefined,
      },
      clock,
    );
    watch.enabled = true;
    await clock.advance(500);
    assert.equal(fetched, 0, 'nothing fetched before the panel may run');
    watch.update(true);
    await clock.advance(250);
    assert.equal(fetched, 0, 'nothing fetched while a load runs');
    canPoll = true;
    await clock.advance(100);
    assert.deepEqual(polled, [0], 'a poll at the next tick once allowed');
    watch.update(false);
    await clock.advance(1000);
    assert.equal(fetched, 1, 'no poll while the panel is hidden');
    watch.dispose();
  });
});
