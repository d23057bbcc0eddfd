import * as assert from 'node:assert/strict';
import { frame, framed, replay, timeSlices } from '../../../../src/core/history/historyLog';

describe('history log: reading and writing it shares the extension host', () => {
  const records = Array.from({ length: 50 }, (_, index) => ({ k: 'o', r: `room-${index}`, at: index }));
  const bytes = Buffer.concat(records.map(frame));
  /** A slice that is over at every tenth record, as on a slow machine. */
  const everyTenthRecord = (): (() => Promise<void> | undefined) => {
    let asked = 0;
    return () => (++asked % 10 === 0 ? new Promise((resolve) => setImmediate(resolve)) : undefined);
  };

  it('gives other work a turn between records when its slice is over, and reads every record', async () => {
    const order: string[] = [];
    setImmediate(() => order.push('other work'));
    const read = await replay(bytes, everyTenthRecord());
    order.push('log read');
    assert.deepEqual(read.records, records);
    assert.equal(read.goodBytes, bytes.length);
    assert.deepEqual(order, ['other work', 'log read'], 'the other work ran while the log was read');
  });

  it('writing: frames records with a turn for other work when a slice is over, into the bytes a replay reads back', async () => {
    const order: string[] = [];
    setImmediate(() => order.push('other work'));
    const written = await framed(records, everyTenthRecord());
    order.push('records framed');
    assert.deepEqual(written, bytes);
    assert.deepEqual(order, ['other work', 'records framed'], 'the other work ran while the records were framed');
  });

  it('time slices: no pause while the slice lasts, one turn of the event loop once it is over', async () => {
    const pauseWhenDue = timeSlices(60_000);
    assert.equal(pauseWhenDue(), undefined);
    const over = timeSlices(-1);
    const pause = over();
    assert.ok(pause instanceof Promise);
    await pause;
  });
});
