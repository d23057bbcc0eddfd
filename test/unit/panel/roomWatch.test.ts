import * as assert from 'node:assert/strict';
import type { RtcMessage } from '../../../src/api/types';
import { RoomWatch } from '../../../src/panel/roomWatch';

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('RoomWatch', () => {
  it('stop() aborts the poll in flight and nothing more is fetched (signing out)', async () => {
    const signals: AbortSignal[] = [];
    const outcomes: string[] = [];
    const watch = new RoomWatch(() => 100, {
      canPoll: () => true,
      fetchMessages: (signal) =>
        new Promise<RtcMessage[]>((_resolve, reject) => {
          signals.push(signal);
          signal.addEventListener('abort', () => reject(new Error('aborted')));
        }),
      polled: () => outcomes.push('polled'),
      pollFailed: () => outcomes.push('failed'),
      pollEnded: () => outcomes.push('ended'),
    });
    watch.enabled = true;
    watch.update(true);
    await until(() => signals.length === 1, 'the first poll');
    watch.stop();
    assert.equal(watch.enabled, false);
    assert.equal(signals[0].aborted, true, 'the request in flight is aborted');
    await until(() => outcomes.includes('ended'), 'the poll to end');
    assert.deepEqual(outcomes, ['ended'], 'an aborted poll is not reported as a failure');
    watch.update(true);
    // Three intervals without a poll: the timer stays off while Watch is disabled.
    await new Promise((resolve) => setTimeout(resolve, 350));
    assert.equal(signals.length, 1);
    watch.dispose();
  });

  it('polls only while enabled and allowed to run, and skips a tick when the panel cannot poll', async () => {
    let fetched = 0;
    let canPoll = false;
    const polled: number[] = [];
    const watch = new RoomWatch(() => 100, {
      canPoll: () => canPoll,
      fetchMessages: async () => {
        fetched++;
        return [];
      },
      polled: (messages) => polled.push(messages.length),
      pollFailed: () => assert.fail('no failure expected'),
      pollEnded: () => undefined,
    });
    watch.enabled = true;
    watch.update(true);
    await new Promise((resolve) => setTimeout(resolve, 250));
    assert.equal(fetched, 0, 'nothing fetched while a load runs');
    canPoll = true;
    await until(() => polled.length > 0, 'a poll once allowed');
    watch.dispose();
  });
});
