import * as assert from 'node:assert/strict';
import {
  backoffDelayMs,
  decideRetryDelay,
  DEFAULT_RETRY_TUNING,
  isRetryableNetworkCode,
  parseRetryAfterMs,
  type RetryTuning,
} from '../../../src/api/retry';

const tuning = (random: number): RetryTuning => ({
  ...DEFAULT_RETRY_TUNING,
  random: () => random,
  now: () => Date.parse('2025-01-01T00:00:00Z'),
});

describe('api/retry', () => {
  it('backs off exponentially from 200 ms, half fixed and half jitter, capped at 5 s', () => {
    assert.deepEqual(
      [1, 2, 3, 4].map((n) => backoffDelayMs(n, tuning(0))),
      [100, 200, 400, 800],
    );
    assert.deepEqual(
      [1, 2, 3, 4].map((n) => backoffDelayMs(n, tuning(0.999999))),
      [200, 400, 800, 1600],
    );
    assert.equal(backoffDelayMs(10, tuning(1)), 5000);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    assert.equal(parseRetryAfterMs('7', now), 7000);
    assert.equal(parseRetryAfterMs(' 0 ', now), 0);
    assert.equal(parseRetryAfterMs('Wed, 01 Jan 2025 00:00:12 GMT', now), 12_000);
    assert.equal(parseRetryAfterMs('Tue, 31 Dec 2024 00:00:00 GMT', now), 0);
    assert.equal(parseRetryAfterMs('soon', now), undefined);
    assert.equal(parseRetryAfterMs(undefined, now), undefined);
  });

  it('waits what Retry-After says up to the 30 s cap, and gives up beyond it', () => {
    assert.deepEqual(decideRetryDelay(1, '2', tuning(0)), { retry: true, delayMs: 2000 });
    assert.deepEqual(decideRetryDelay(1, 'Wed, 01 Jan 2025 00:00:05 GMT', tuning(0)), { retry: true, delayMs: 5000 });
    assert.deepEqual(decideRetryDelay(1, '120', tuning(0)), { retry: false, retryAfterMs: 120_000 });
    assert.deepEqual(decideRetryDelay(2, undefined, tuning(0)), { retry: true, delayMs: 200 });
  });

  it('retries connection failures but not DNS or TLS failures', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']) {
      assert.ok(isRetryableNetworkCode(code), code);
    }
    for (const code of ['ENOTFOUND', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UND_ERR_HEADERS_TIMEOUT', undefined]) {
      assert.ok(!isRetryableNetworkCode(code), String(code));
    }
  });
});
