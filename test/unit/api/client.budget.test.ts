import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type * as net from 'node:net';
import { ReplyBudget } from '../../../src/api/replyBudget';
import { hugeRoomLength } from '../../sandbox/faults';
import { Harness, rejectsWith } from './harness';

const MB = 1_000_000;

describe('api client: what replies in flight may cost once parsed', function () {
  this.timeout(60_000);
  const h = new Harness();
  beforeEach(() => h.start({ seed: { sample: true, bigRoom: { id: 'big', messages: 100_000 } } }));
  afterEach(() => h.stop());

  it('a 30 MB room of {} messages is refused as too big while it arrives, naming its size and the limit', async () => {
    h.sandbox.addFault({ kind: 'hugeRoom', roomId: 'empty-objects', hugeBodyBytes: 30 * MB });
    const budget = new ReplyBudget();
    const { api, log } = h.client({ timeoutMs: 30_000 }, { budget });
    const expected = /^Could not open the room "empty-objects": the reply from 127\.0\.0\.1:\d+ is too big: 30 MB, over the 500 MB limit\./;
    const error = await rejectsWith(api.getRoom('empty-objects'), 'tooBig', expected);
    assert.match(error.message, /It would take about \d[\d,]* MB of memory once read/);
    assert.ok(log[0].bytes < hugeRoomLength('empty-objects', 30 * MB) / 10, `read ${log[0].bytes} bytes of it`);
    assert.equal(budget.inFlightBytes, 0, 'its share is given back');
    assert.equal((await api.getRoom('weekly-standup')).id, 'weekly-standup', 'the client works on');
  });

  it('a reply without a declared length is refused as its objects arrive, not once it has all arrived', async () => {
    const endless = await startRawServer((res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"room_id":"x","messages":[');
      const chunk = '{},'.repeat(20_000);
      const pump = (): void => {
        while (!res.destroyed && res.write(chunk)) {
          // until the socket pushes back
        }
      };
      res.on('drain', pump);
      pump();
    });
    try {
      const budget = new ReplyBudget();
      const { api } = h.client({ timeoutMs: 30_000 }, { baseUrl: endless.url, budget });
      const error = await rejectsWith(api.getRoomMessages('x'), 'tooBig', /is too big: over \d+ MB, over the 500 MB limit/);
      assert.match(error.message, /counting only what had arrived/);
      assert.equal(budget.inFlightBytes, 0);
    } finally {
      await endless.close();
    }
  });

  it('replies in flight share one budget: one is refused while another holds it, and loads once that is done', async () => {
    const pad = 'x'.repeat(2 * MB);
    let requests = 0;
    let finishFirst: () => void = () => undefined;
    const server = await startRawServer((res) => {
      const body = `{"rooms":[],"pad":"${pad}"}`;
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(body.length) });
      if (++requests === 1) {
        res.write(body.slice(0, -2));
        finishFirst = () => res.end(body.slice(-2));
        return;
      }
      res.end(body);
    });
    try {
      const budget = new ReplyBudget(8 * MB, 1 * MB);
      const first = h.client({}, { baseUrl: server.url, budget }).api.listRooms();
      const second = h.client({ maxRetries: 0 }, { baseUrl: server.url, budget });
      await waitUntil(() => budget.inFlightBytes >= 6 * MB);
      const busy = /too big to read while other big replies are being read: 2 MB, over the 2 MB left of the 8 MB limit.*Try again when/;
      await rejectsWith(second.api.listRooms(), 'tooBig', busy);
      finishFirst();
      assert.deepEqual(await first, []);
      assert.equal(budget.inFlightBytes, 0);
      assert.deepEqual(await second.api.listRooms(), [], 'alone, the same reply fits');
    } finally {
      await server.close();
    }
  });

  it('a 100,000-message room (17 MB) still loads whole, also while another client reads', async () => {
    const budget = new ReplyBudget();
    const [room, other] = await Promise.all([h.client({}, { budget }).api.getRoom('big'), h.client({}, { budget }).api.getRoom('big')]);
    assert.equal(room.messages.length, 100_000);
    assert.equal(other.messages.length, 100_000);
    assert.equal(budget.inFlightBytes, 0);
  });
});

async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function startRawServer(reply: (res: http.ServerResponse) => void): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((_req, res) => reply(res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
