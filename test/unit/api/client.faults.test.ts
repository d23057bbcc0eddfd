import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as net from 'node:net';
import { FAST_RETRIES, Harness, newRoom, rejectsWith, until } from './harness';

describe('api client: faults, timeouts, cancellation and retries', () => {
  const h = new Harness();
  beforeEach(() => h.start({ seed: { sample: true } }));
  afterEach(() => h.stop());

  describe('replies that are not what they should be', () => {
    it('an HTML login page is notJson, quoting the content type and the page start', async () => {
      h.sandbox.addFault({ kind: 'html' });
      const error = await rejectsWith(
        h.client().api.listRooms(),
        'notJson',
        /an HTML page \(text\/html; charset=utf-8\) instead of JSON, starting "<!DOCTYPE html> <html lang="en"><head>/,
      );
      assert.match(error.message, /check the server URL/);
      assert.ok(!error.message.includes('\n'));
      assert.equal(h.requestsTo('rtc').length, 1);
    });

    it('a 500 is serverError and is not retried', async () => {
      h.sandbox.addFault({ kind: 'status', status: 500 });
      const error = await rejectsWith(h.client().api.getRoom('weekly-standup'), 'serverError', /\(500 ServerError\)\. Try again later/);
      assert.equal(error.status, 500);
      assert.equal(h.requestsTo('rtc').length, 1);
    });

    it('truncated JSON is notJson ("cut off") and is not retried', async () => {
      h.sandbox.addFault({ kind: 'truncatedJson' });
      await rejectsWith(h.client().api.getRoom('weekly-standup'), 'notJson', /is not valid JSON .*cut off/);
      assert.equal(h.requestsTo('rtc').length, 1);
    });

    it('a wrong shape is badShape naming the field', async () => {
      h.sandbox.addFault({ kind: 'wrongShape' });
      const { api } = h.client();
      await rejectsWith(api.listRooms(), 'badShape', /expected shape at rooms: expected an array of rooms, got the string "not-an-array"/);
      await rejectsWith(api.getRoomMessages('weekly-standup'), 'badShape', /at messages: expected an array of messages, got an object/);
    });

    it('a wrong type deep in the list names its path, e.g. rooms[2].started', async () => {
      const third = h.sandbox.store.list()[2];
      h.sandbox.store.put({ ...third, started: 42 as unknown as string });
      await rejectsWith(h.client().api.listRooms(), 'badShape', /at rooms\[2\]\.started: expected a string, got the number 42/);
    });

    it('a 50 MB room list is read whole', async function () {
      this.timeout(60_000);
      h.sandbox.addFault({ kind: 'hugeBody', hugeBodyBytes: 50 * 1024 * 1024 });
      const { api, log } = h.client({ timeoutMs: 30_000 });
      const rooms = await api.listRooms();
      assert.ok(rooms.length > 300_000, `${rooms.length} rooms`);
      assert.equal(rooms[0].id, 'huge-000000001');
      assert.ok(log[0].bytes >= 50 * 1024 * 1024 - 1000, `${log[0].bytes} bytes`);
    });
  });

  describe('timeouts and cancellation', () => {
    it('a slow server is a timeout, not retried', async () => {
      h.sandbox.addFault({ kind: 'delay', delayMs: 2000 });
      const started = Date.now();
      await rejectsWith(h.client({ timeoutMs: 300 }).api.listRooms(), 'timeout', /did not answer within 0\.3 s.*raise the request timeout/);
      assert.ok(Date.now() - started < 1500);
      assert.equal(h.requestsTo('rtc').length, 1);
    });

    it('a reply that keeps arriving is not cut off by the deadline; one that stalls is a timeout', async () => {
      // The sandbox delays whole replies only, so a tiny raw server drips a body instead.
      const chunks = ['{"rooms":[', '{"id":"a","started":"","ended":"","members":"","hasMessages":false}', ',', '{"id":"b"}', ']}'];
      const drip = await startRawServer(async (res, stallAfter) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        for (const [index, chunk] of chunks.entries()) {
          if (index === stallAfter) {
            return; // never finishes
          }
          res.write(chunk);
          // The server's pace, not a wait for a result: the client's deadlines run on the real clock.
          await new Promise((resolve) => setTimeout(resolve, 120));
        }
        res.end();
      });
      try {
        const { api } = h.client({ timeoutMs: 300 }, { baseUrl: drip.url });
        assert.deepEqual(
          (await api.listRooms()).map((room) => room.id),
          ['a', 'b'],
        );
        drip.stallAfter = 2;
        await rejectsWith(api.listRooms(), 'timeout', /stalled for 0\.3 s/);
      } finally {
        await drip.close();
      }
    });

    it("the caller's signal cancels a request in flight", async () => {
      h.sandbox.addFault({ kind: 'delay', delayMs: 2000 });
      const controller = new AbortController();
      const started = Date.now();
      const call = h.client().api.getRoom('weekly-standup', controller.signal);
      await until(() => h.requestsTo('rtc').length === 1, 'the request to reach the server');
      controller.abort();
      await rejectsWith(call, 'cancelled', /Cancelled: did not open the room "weekly-standup"/);
      assert.ok(Date.now() - started < 1000);
    });

    it('an already aborted signal cancels at once', async () => {
      await rejectsWith(h.client().api.listRooms(AbortSignal.abort()), 'cancelled');
    });

    it('cancelling during a retry wait ends the call at once', async () => {
      h.sandbox.addFault({ kind: 'status', status: 503 });
      const controller = new AbortController();
      const started = Date.now();
      const call = h.client({}, { tuning: { baseDelayMs: 10_000, maxDelayMs: 10_000 } }).api.listRooms(controller.signal);
      await until(() => h.requestsTo('rtc')[0]?.status === 503, 'the first reply, after which the client waits 10 s to retry');
      controller.abort();
      await rejectsWith(call, 'cancelled');
      assert.ok(Date.now() - started < 2000);
      assert.equal(h.requestsTo('rtc').length, 1);
    });

    it('after dispose, calls fail as cancelled', async () => {
      const { api } = h.client();
      await api.dispose();
      await rejectsWith(api.listRooms(), 'cancelled', /this client was closed/);
    });
  });

  describe('retries', () => {
    for (const status of [429, 502, 503, 504]) {
      it(`a GET answered ${status} is retried, then succeeds`, async () => {
        h.sandbox.addFault({ kind: 'status', status, times: 2 });
        const { api, log } = h.client();
        assert.ok((await api.listRooms()).length > 0);
        assert.equal(h.requestsTo('rtc').length, 3);
        assert.deepEqual(
          log.map((entry) => [entry.attempt, entry.status]),
          [
            [1, status],
            [2, status],
            [3, 200],
          ],
        );
      });
    }

    it('gives up after maxRetries (default 3) with serverError', async () => {
      h.sandbox.addFault({ kind: 'status', status: 503 });
      await rejectsWith(h.client().api.listRooms(), 'serverError', /503/);
      assert.equal(h.requestsTo('rtc').length, 4);
      h.sandbox.requests.length = 0;
      await rejectsWith(h.client({ maxRetries: 1 }).api.listRooms(), 'serverError');
      assert.equal(h.requestsTo('rtc').length, 2);
    });

    it('backs off exponentially with jitter between attempts', async () => {
      h.sandbox.addFault({ kind: 'status', status: 503, times: 3 });
      const { api } = h.client({}, { tuning: { baseDelayMs: 40, maxDelayMs: 1000, random: () => 0.5 } });
      const started = Date.now();
      await api.listRooms();
      // 30 + 60 + 120 ms: each step is half fixed, half random (here 0.5 of the random half).
      assert.ok(Date.now() - started >= 200, `${Date.now() - started} ms`);
    });

    it('honours Retry-After in seconds', async () => {
      h.sandbox.addFault({ kind: 'status', status: 503, retryAfterSeconds: 1, times: 1 });
      const started = Date.now();
      await h.client().api.listRooms();
      assert.ok(Date.now() - started >= 950, `${Date.now() - started} ms`);
      assert.equal(h.requestsTo('rtc').length, 2);
    });

    it('does not wait for a Retry-After beyond the cap, and says when to come back', async () => {
      h.sandbox.addFault({ kind: 'status', status: 429, retryAfterSeconds: 3600 });
      await rejectsWith(h.client().api.listRooms(), 'serverError', /busy.*asked to wait 3600 s before trying again/);
      assert.equal(h.requestsTo('rtc').length, 1);
    });

    it('a dropped connection on a GET is retried', async () => {
      h.sandbox.addFault({ kind: 'reset', times: 1 });
      const { api, log } = h.client();
      assert.equal((await api.getRoom('weekly-standup')).id, 'weekly-standup');
      assert.equal(h.requestsTo('rtc').length, 2);
      assert.match(log[0].error ?? '', /closed before the reply was complete/);
      assert.equal(log[1].status, 200);
    });

    it('a GET that keeps being dropped ends as network after the retries', async () => {
      h.sandbox.addFault({ kind: 'reset' });
      await rejectsWith(h.client().api.listRooms(), 'network', /closed before the reply was complete \((UND_ERR_SOCKET|ECONNRESET)\)/);
      assert.equal(h.requestsTo('rtc').length, 4);
    });

    it('PUT and DELETE are never retried: not on reset, 502, 503, 504 or 429', async () => {
      const { api } = h.client();
      for (const fault of [
        { kind: 'reset' },
        { kind: 'status', status: 502 },
        { kind: 'status', status: 503 },
        { kind: 'status', status: 504 },
        { kind: 'status', status: 429 },
      ] as const) {
        for (const [method, call] of [
          ['PUT', () => api.addRoom(newRoom('never-twice'))],
          ['PUT', () => api.addMessages('weekly-standup', [{ id: 'x', salt: 'y', data: 'z' }])],
          ['DELETE', () => api.deleteRoom('weekly-standup')],
          ['DELETE', () => api.deleteRoomMessages('weekly-standup')],
        ] as const) {
          h.sandbox.clearFaults();
          h.sandbox.addFault({ ...fault, method });
          h.sandbox.requests.length = 0;
          await rejectsWith(call(), fault.kind === 'reset' ? 'network' : 'serverError');
          assert.equal(h.requestsTo('rtc').length, 1, `${method} with ${JSON.stringify(fault)}`);
        }
      }
      assert.equal(h.sandbox.store.get('never-twice'), undefined);
      assert.ok(h.sandbox.store.get('weekly-standup'));
    });

    it('connection refused is retried for GETs, then reported as network ECONNREFUSED', async () => {
      const port = await unusedPort();
      const { api, log } = h.client({}, { baseUrl: `http://127.0.0.1:${port}` });
      await rejectsWith(
        api.listRooms(),
        'network',
        /127\.0\.0\.1:\d+ refused the connection \(ECONNREFUSED\)\. Check the server URL and port/,
      );
      assert.equal(log.length, 4);
      assert.deepEqual(
        log.map((entry) => entry.attempt),
        [1, 2, 3, 4],
      );
    });

    it('an unknown host is network ENOTFOUND, not retried', async () => {
      const { api, log } = h.client({}, { baseUrl: 'http://no-such-host.invalid', tuning: FAST_RETRIES });
      await rejectsWith(api.serverVersion(), 'network', /could not be resolved \(ENOTFOUND\)/);
      assert.equal(log.length, 1);
    });
  });
});

function unusedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

interface DripServer {
  url: string;
  /** Index of the chunk at which the server stops sending forever; -1 for never. */
  stallAfter: number;
  close(): Promise<void>;
}

async function startRawServer(reply: (res: http.ServerResponse, stallAfter: number) => Promise<void>): Promise<DripServer> {
  const server = http.createServer((_req, res) => {
    void reply(res, drip.stallAfter);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const drip: DripServer = {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    stallAfter: -1,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return drip;
}
