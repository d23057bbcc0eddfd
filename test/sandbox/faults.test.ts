import * as assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from './server';
import { call, messagesUrl, roomsUrl } from './testkit';

describe('sandbox faults', () => {
  let sb: Sandbox;
  beforeEach(async () => {
    sb = await startSandbox({ seed: { sample: true } });
  });
  afterEach(async () => {
    await sb.stop();
  });

  const rooms = (): ReturnType<typeof call> => call(sb, roomsUrl('path', undefined), { bearer: sb.session });

  it('delay: answers normally after the delay', async () => {
    sb.addFault({ kind: 'delay', delayMs: 300 });
    const start = Date.now();
    const res = await rooms();
    assert.ok(Date.now() - start >= 290, `took ${Date.now() - start} ms`);
    assert.equal(res.status, 200);
    assert.ok(Array.isArray(res.body?.rooms));
  });

  it('delay combines with a following fault', async () => {
    sb.addFault({ kind: 'delay', delayMs: 150, times: 1 });
    sb.addFault({ kind: 'status', status: 502, times: 1 });
    const start = Date.now();
    const res = await rooms();
    assert.ok(Date.now() - start >= 140);
    assert.equal(res.status, 502);
  });

  it('html: a 200 text/html login page instead of JSON', async () => {
    sb.addFault({ kind: 'html' });
    const res = await rooms();
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(res.text, /<form[^>]*>/);
    assert.equal(res.body, undefined);
  });

  it('status 500: {"error":"ServerError"}, no Retry-After', async () => {
    sb.addFault({ kind: 'status', status: 500 });
    const res = await rooms();
    assert.deepEqual([res.status, res.body], [500, { error: 'ServerError' }]);
    assert.equal(res.headers.get('retry-after'), null);
  });

  it('status 503 with Retry-After', async () => {
    sb.addFault({ kind: 'status', status: 503, retryAfterSeconds: 7 });
    const res = await rooms();
    assert.deepEqual([res.status, res.body], [503, { error: 'ServerError' }]);
    assert.equal(res.headers.get('retry-after'), '7');
  });

  it('reset: the connection drops without a reply', async () => {
    sb.addFault({ kind: 'reset', times: 1 });
    await assert.rejects(fetch(`${sb.url}${roomsUrl('path', sb.session)}`), TypeError);
    assert.equal(sb.requests.at(-1)?.status, 0);
    assert.equal((await rooms()).status, 200, 'the next request is served');
  });

  it('truncatedJson: application/json cut in the middle of the real reply', async () => {
    const full = (await rooms()).text;
    sb.addFault({ kind: 'truncatedJson' });
    const res = await rooms();
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(res.body, undefined, 'not parseable');
    assert.ok(res.text.length > 10 && res.text.length < full.length);
    assert.ok(full.startsWith(res.text));
  });

  it('wrongShape: rooms is not an array, messages is not an array', async () => {
    sb.addFault({ kind: 'wrongShape' });
    assert.deepEqual((await rooms()).body, { rooms: 'not-an-array' });
    assert.deepEqual((await call(sb, roomsUrl('query', sb.session, 'weekly-standup'))).body, { messages: {} });
    assert.deepEqual((await call(sb, messagesUrl('path', sb.session, 'weekly-standup'))).body, { messages: {} });
  });

  it('hugeBody: a valid rooms list of about the requested size', async () => {
    const bytes = 5 * 1024 * 1024;
    sb.addFault({ kind: 'hugeBody', hugeBodyBytes: bytes, times: 1 });
    const res = await rooms();
    assert.equal(res.status, 200);
    assert.ok(Math.abs(Buffer.byteLength(res.text) - bytes) < 200, `got ${res.text.length} bytes`);
    const list = res.body?.rooms as { id: string; hasMessages: boolean }[];
    assert.ok(list.length > 30_000);
    assert.equal(new Set(list.map((r) => r.id)).size, list.length, 'unique ids');
  });

  it('slowBody: the first bytes of the real reply at once, the rest after the pause', async () => {
    const full = (await call(sb, roomsUrl('path', sb.session, 'long-running'))).text;
    sb.addFault({ kind: 'slowBody', firstBytes: 1000, delayMs: 400, times: 1 });
    const started = Date.now();
    const response = await fetch(`${sb.url}${roomsUrl('path', sb.session, 'long-running')}`);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    assert.equal(first.value?.length, 1000, 'the first bytes come on their own');
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      rest += Buffer.from(chunk.value).toString('latin1');
    }
    const allAfter = Date.now() - started;
    assert.ok(allAfter >= 390, `the rest came after the pause (${allAfter} ms)`);
    assert.equal(
      Buffer.from(first.value as Uint8Array).toString('latin1') + rest,
      Buffer.from(full).toString('latin1'),
      'the whole reply, unchanged',
    );
  });

  it('times: applies to that many matching requests, then normal replies', async () => {
    sb.addFault({ kind: 'status', status: 503, retryAfterSeconds: 1, times: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await rooms()).status);
    }
    assert.deepEqual(statuses, [503, 503, 200]);
    assert.deepEqual(
      sb.requests.map((r) => r.status),
      [503, 503, 200],
    );
  });

  it('route and method filters; route defaults to rtc', async () => {
    sb.addFault({ kind: 'status', status: 500, method: 'put' });
    sb.addFault({ kind: 'status', status: 502, route: 'ping' });
    assert.equal((await rooms()).status, 200);
    assert.equal((await call(sb, '/WorldClientAPI/ping', { bearer: sb.session })).status, 502);
    assert.equal((await call(sb, '/WorldClientAPI/settings?logon_settings=version')).status, 200);
    const put = await call(sb, roomsUrl('path', sb.session), { method: 'PUT', json: { id: 'faulted' } });
    assert.equal(put.status, 500);
    assert.equal(sb.store.get('faulted'), undefined, 'a faulted write changes nothing');
    sb.addFault({ kind: 'html', route: 'authenticate' });
    const signIn = await call(sb, '/WorldClientAPI/authenticate/basic', {
      method: 'POST',
      json: { user: 'dev@example.com', password: 'sandbox' },
    });
    assert.match(signIn.headers.get('content-type') ?? '', /^text\/html/);
  });

  it('clearFaults removes every fault', async () => {
    sb.addFault({ kind: 'status', status: 500 });
    sb.addFault({ kind: 'delay', delayMs: 5000 });
    sb.clearFaults();
    assert.equal((await rooms()).status, 200);
  });

  it('faults do not apply to unknown paths', async () => {
    sb.addFault({ kind: 'status', status: 500 });
    assert.equal((await call(sb, '/WorldClientAPI/nope')).status, 404);
  });

  it('stop() does not wait for a delayed request', async () => {
    sb.addFault({ kind: 'delay', delayMs: 60_000 });
    const pending = fetch(`${sb.url}${roomsUrl('path', sb.session)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const start = Date.now();
    await sb.stop();
    // Far below the fault's 60 s: stop() did not wait for it (a loaded machine may still take a while).
    assert.ok(Date.now() - start < 20_000, `took ${Date.now() - start} ms`);
    await assert.rejects(pending);
  });

  it('records every request: raw path, decoded query, headers, status', async () => {
    await call(sb, '/WorldClientAPI/rtc/rooms/a%2Fb%20c?x=1%262', { bearer: sb.session, headers: { 'X-Test': 'yes' } });
    await call(sb, '/WorldClientAPI?route=rtc&rooms=1', {});
    assert.equal(sb.requests.length, 2);
    assert.deepEqual(
      { ...sb.requests[0], headers: undefined },
      { method: 'GET', path: '/WorldClientAPI/rtc/rooms/a%2Fb%20c', query: { x: '1&2' }, headers: undefined, status: 404 },
    );
    assert.equal(sb.requests[0].headers['x-test'], 'yes');
    assert.equal(sb.requests[0].headers.authorization, `Bearer ${sb.session}`);
    assert.deepEqual(sb.requests[1].query, { route: 'rtc', rooms: '1' });
    assert.equal(sb.requests[1].status, 401);
  });

  it('apiVersion: an older server answers 404 to the routes that came later (rtc in 3.4, ping in 3.5)', async () => {
    const ping = (server: Sandbox): ReturnType<typeof call> => call(server, '/WorldClientAPI/ping', { bearer: server.session });
    for (const [apiVersion, rtcStatus, pingStatus] of [
      ['3.3', 404, 404],
      ['3.4', 200, 404],
      ['3.5', 200, 200],
    ] as const) {
      const old = await startSandbox({ apiVersion });
      try {
        assert.equal((await call(old, roomsUrl('query', undefined), { bearer: old.session })).status, rtcStatus, `rtc on ${apiVersion}`);
        assert.equal((await call(old, roomsUrl('path', undefined), { bearer: old.session })).status, rtcStatus, `rtc on ${apiVersion}`);
        assert.equal((await ping(old)).status, pingStatus, `ping on ${apiVersion}`);
        assert.equal((await call(old, '/WorldClientAPI/settings?logon_settings=version')).status, 200);
      } finally {
        await old.stop();
      }
    }
  });
});
