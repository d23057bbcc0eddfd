import * as assert from 'node:assert/strict';
import { TOTAL_DEADLINE_FACTOR } from '../../../src/api/abort';
import { MAX_REPLY_BYTES } from '../../../src/api/dispatcher';
import { Harness, rejectsWith } from './harness';

describe('api client: replies that never end, or are too big', () => {
  const h = new Harness();
  beforeEach(() => h.start({ seed: { sample: true } }));
  afterEach(() => h.stop());

  it('a body that trickles a byte at a time forever fails as a timeout at the total deadline', async () => {
    // Each byte comes well inside the 500 ms read timeout, so only the total deadline can end it.
    h.sandbox.addFault({ kind: 'trickleBody', trickleEveryMs: 50, times: 1 });
    const started = Date.now();
    const error = await rejectsWith(
      h.client({ timeoutMs: 500 }).api.listRooms(),
      'timeout',
      new RegExp(
        String.raw`did not finish within 5 s \(the limit for a whole request is 10 × the request timeout\); it was still trickling in\. ` +
          String.raw`Try again; if the server is just slow, raise the request timeout setting\.`,
      ),
    );
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 500 * TOTAL_DEADLINE_FACTOR - 50 && elapsed < 500 * TOTAL_DEADLINE_FACTOR + 2000, `ended after ${elapsed} ms`);
    assert.equal(h.requestsTo('rtc').length, 1, 'a timeout is not retried');
    assert.equal(error.status, undefined);
  });

  it('the total deadline is configurable, and the client works again afterwards', async () => {
    h.sandbox.addFault({ kind: 'trickleBody', trickleEveryMs: 20, times: 1 });
    const { api } = h.client({ timeoutMs: 1000, totalTimeoutMs: 400 });
    await rejectsWith(api.listRooms(), 'timeout', /did not finish within 0\.4 s/);
    assert.ok((await api.listRooms()).length > 0, 'the next request is answered normally');
  });

  it('a big reply that keeps arriving within the total deadline is read whole', async () => {
    h.sandbox.addFault({ kind: 'slowBody', firstBytes: 10, delayMs: 400, times: 1 });
    const rooms = await h.client({ timeoutMs: 500 }).api.listRooms();
    assert.ok(rooms.length > 0);
  });

  it('a reply over the size cap is refused with the cap named, not read into memory', async () => {
    h.sandbox.addFault({ kind: 'hugeBody', hugeBodyBytes: MAX_REPLY_BYTES + 1024 * 1024, times: 1 });
    await rejectsWith(h.client({ maxRetries: 0 }).api.listRooms(), 'tooBig', /the reply from 127\.0\.0\.1:\d+ is too big: (over )?\d+ MB/);
  });
});
