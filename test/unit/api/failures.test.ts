import * as assert from 'node:assert/strict';
import { classifyFailure, type FailedRequestContext } from '../../../src/api/failures';

const context: FailedRequestContext = { what: 'list the rooms', host: 'mail.example.com', timeoutMs: 30_000, totalTimeoutMs: 300_000 };
const neither = { cancelled: false, timedOut: false };

function withCode(code: string, message = code): Error {
  return Object.assign(new Error(message), { code });
}

describe('api/failures', () => {
  it('tells cancel from timeout by the attempt signal, not the error', () => {
    const abort = withCode('UND_ERR_ABORTED', 'Request aborted');
    assert.equal(classifyFailure(abort, context, { cancelled: true, timedOut: false }).kind, 'cancelled');
    const timeout = classifyFailure(abort, context, { cancelled: false, timedOut: true });
    assert.equal(timeout.kind, 'timeout');
    assert.match(timeout.message, /did not answer within 30 s/);
    assert.equal(classifyFailure(withCode('UND_ERR_HEADERS_TIMEOUT'), context, neither).kind, 'timeout');
  });

  it('names the certificate problem for TLS failures', () => {
    const cases: [string, RegExp][] = [
      ['DEPTH_ZERO_SELF_SIGNED_CERT', /self-signed \(DEPTH_ZERO_SELF_SIGNED_CERT\)/],
      ['CERT_HAS_EXPIRED', /expired \(CERT_HAS_EXPIRED\)/],
      ['ERR_TLS_CERT_ALTNAME_INVALID', /hostname mismatch/],
      ['SELF_SIGNED_CERT_IN_CHAIN', /self-signed CA/],
      ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', /CA that is not trusted/],
    ];
    for (const [code, message] of cases) {
      const error = classifyFailure(withCode(code), context, neither);
      assert.equal(error.kind, 'tls', code);
      assert.match(error.message, message);
      assert.match(error.message, /trust that certificate/);
    }
    assert.match(classifyFailure(withCode('ERR_SSL_WRONG_VERSION_NUMBER'), context, neither).message, /does not speak TLS/);
  });

  it('finds codes on causes and inside AggregateErrors', () => {
    const aggregate = Object.assign(new AggregateError([withCode('ECONNREFUSED')], 'connect failed'), {});
    assert.match(classifyFailure(aggregate, context, neither).message, /refused the connection \(ECONNREFUSED\)/);
    const wrapped = new Error('fetch failed', { cause: withCode('ENOTFOUND') });
    assert.match(classifyFailure(wrapped, context, neither).message, /could not be resolved \(ENOTFOUND\)/);
  });

  it('explains proxy refusals', () => {
    const error = classifyFailure(
      withCode('UND_ERR_ABORTED', 'Proxy response (407) !== 200 when HTTP Tunneling'),
      { ...context, proxyHost: 'proxy:3128' },
      neither,
    );
    assert.equal(error.kind, 'network');
    assert.match(error.message, /proxy proxy:3128 refused to connect to mail\.example\.com \(HTTP 407\)\. It wants credentials/);
  });
});
