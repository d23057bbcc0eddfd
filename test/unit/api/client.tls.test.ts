import * as assert from 'node:assert/strict';
import { Harness, rejectsWith } from './harness';
import {
  makeCertificates,
  PROXIED_HOST,
  startConnectProxy,
  startTlsFront,
  type RawServer,
  type TestCertificates,
} from '../../support/rawServers';

describe('api client: TLS and proxies', function () {
  this.timeout(20_000);
  const h = new Harness();
  const servers: RawServer[] = [];
  let certs: TestCertificates;

  before(() => {
    certs = makeCertificates();
  });
  beforeEach(() => h.start({ seed: { sample: true } }));
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
    await h.stop();
  });

  async function front(pair = certs.selfSigned): Promise<string> {
    const server = await startTlsFront(pair, h.sandbox.port);
    servers.push(server);
    return server.url;
  }

  describe('TLS', () => {
    it('refuses a self-signed certificate with kind tls naming the problem, and does not retry', async () => {
      const { api, log } = h.client({}, { baseUrl: await front() });
      const error = await rejectsWith(api.listRooms(), 'tls', /certificate is self-signed \(DEPTH_ZERO_SELF_SIGNED_CERT\)/);
      assert.match(error.message, /trust that certificate \(PEM\) for this server; do not turn certificate checks off/);
      assert.equal(log.length, 1);
    });

    it('accepts it when that certificate is trusted through tls.caPem, for that client only', async () => {
      const baseUrl = await front();
      const trusting = h.client({ tls: { caPem: certs.selfSigned.cert } }, { baseUrl });
      assert.equal(await trusting.api.serverVersion(), '25.0.0');
      assert.ok((await trusting.api.listRooms()).length > 0);
      await rejectsWith(h.client({}, { baseUrl }).api.serverVersion(), 'tls');
      assert.equal(process.env.NODE_TLS_REJECT_UNAUTHORIZED, undefined);
    });

    it('reports a hostname mismatch', async () => {
      const { api } = h.client({ tls: { caPem: certs.wrongHost.cert } }, { baseUrl: await front(certs.wrongHost) });
      await rejectsWith(api.serverVersion(), 'tls', /different host name \(hostname mismatch\) \(ERR_TLS_CERT_ALTNAME_INVALID\)/);
    });

    it('reports an expired certificate from a trusted CA', async () => {
      const { api } = h.client({ tls: { caPem: certs.ca.cert } }, { baseUrl: await front(certs.expired) });
      await rejectsWith(api.serverVersion(), 'tls', /has expired \(CERT_HAS_EXPIRED\)/);
    });

    it('says so when https:// meets a plain-HTTP port', async () => {
      const { api } = h.client({}, { baseUrl: h.sandbox.url.replace('http://', 'https://') });
      await rejectsWith(api.serverVersion(), 'tls', /does not speak TLS on this port/);
    });
  });

  describe('proxy', () => {
    const proxied = (): { baseUrl: string } => ({ baseUrl: `http://${PROXIED_HOST}:${h.sandbox.port}` });

    it('tunnels through proxy.url', async () => {
      const proxy = await startConnectProxy();
      servers.push(proxy);
      const { api } = h.client({ proxy: { url: proxy.url, strictSSL: true, noProxy: [] } }, proxied());
      assert.ok((await api.listRooms()).length > 0);
      assert.deepEqual(proxy.connects, [`${PROXIED_HOST}:${h.sandbox.port}`]);
    });

    it('never sends loopback through the proxy, where the password would cross in clear text (issue 21 §6)', async () => {
      const proxy = await startConnectProxy();
      servers.push(proxy);
      // The sandbox listens on 127.0.0.1 only; the other loopback names are checked in noProxy.test.ts.
      const { api } = h.client({ proxy: { url: proxy.url, strictSSL: true, noProxy: [] } });
      assert.ok((await api.listRooms()).length > 0);
      assert.deepEqual(proxy.connects, []);
    });

    it('explains a 407 and sends credentials from the proxy URL, never showing them', async () => {
      const proxy = await startConnectProxy('puser:ppass-secret');
      servers.push(proxy);
      const refused = h.client({ proxy: { url: proxy.url, strictSSL: true, noProxy: [] } }, proxied());
      await rejectsWith(
        refused.api.serverVersion(),
        'network',
        /proxy 127\.0\.0\.1:\d+ refused to connect to .* \(HTTP 407\)\. It wants credentials/,
      );
      const authUrl = proxy.url.replace('http://', 'http://puser:ppass-secret@');
      const withAuth = h.client({ proxy: { url: authUrl, strictSSL: true, noProxy: [] } }, proxied());
      assert.equal(await withAuth.api.serverVersion(), '25.0.0');
      h.sandbox.addFault({ kind: 'reset', route: 'settings' });
      const error = await rejectsWith(withAuth.api.serverVersion(), 'network');
      assert.ok(!error.message.includes('ppass-secret'));
      assert.ok(!JSON.stringify(withAuth.log).includes('ppass-secret'));
    });

    it('reaches a TLS server through the proxy: trusted by caPem, or unchecked when strictSSL is false', async () => {
      const proxy = await startConnectProxy();
      servers.push(proxy);
      const baseUrl = (await front()).replace('127.0.0.1', PROXIED_HOST);
      const strict = h.client({ proxy: { url: proxy.url, strictSSL: true, noProxy: [] } }, { baseUrl });
      await rejectsWith(strict.api.serverVersion(), 'tls', /DEPTH_ZERO_SELF_SIGNED_CERT/);
      const trusting = h.client(
        { proxy: { url: proxy.url, strictSSL: true, noProxy: [] }, tls: { caPem: certs.selfSigned.cert } },
        { baseUrl },
      );
      assert.equal(await trusting.api.serverVersion(), '25.0.0');
      const lax = h.client({ proxy: { url: proxy.url, strictSSL: false, noProxy: [] } }, { baseUrl });
      assert.equal(await lax.api.serverVersion(), '25.0.0');
      assert.ok(proxy.connects.length >= 3);
    });
  });
});
