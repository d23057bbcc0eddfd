import * as assert from 'node:assert/strict';
import { parseProxyUrl } from '../../../src/api/dispatcher';
import { bypassesProxy, noProxyFromEnv } from '../../../src/api/noProxy';

describe('api/noProxy', () => {
  it('matches names, suffixes and wildcards like http.noProxy', () => {
    const list = ['intranet.local', '.corp.example', '*.lab.example', 'MAIL.Example.org'];
    assert.ok(bypassesProxy('intranet.local', '443', list));
    assert.ok(bypassesProxy('mx.intranet.local', '443', list));
    assert.ok(bypassesProxy('mail.corp.example', '443', list));
    assert.ok(bypassesProxy('corp.example', '443', list));
    assert.ok(bypassesProxy('x.lab.example', '443', list));
    assert.ok(bypassesProxy('mail.example.org.', '443', list));
    assert.ok(!bypassesProxy('notintranet.local', '443', list));
    assert.ok(!bypassesProxy('example.org', '443', list));
    assert.ok(!bypassesProxy('mail.example.com', '443', []));
  });

  it('"*" bypasses everything; empty entries nothing', () => {
    assert.ok(bypassesProxy('anything.example', '80', ['*']));
    assert.ok(!bypassesProxy('anything.example', '80', ['', '  ']));
  });

  it('honours ports and IP addresses', () => {
    assert.ok(bypassesProxy('10.1.2.3', '8080', ['10.1.2.3']));
    assert.ok(bypassesProxy('10.1.2.3', '8080', ['10.1.2.3:8080']));
    assert.ok(!bypassesProxy('10.1.2.3', '9090', ['10.1.2.3:8080']));
    assert.ok(bypassesProxy('[fd00::1]', '443', ['fd00::1']));
    assert.ok(bypassesProxy('[fd00::1]', '443', ['[fd00::1]:443']));
    assert.ok(!bypassesProxy('[fd00::1]', '80', ['[fd00::1]:443']));
    assert.ok(!bypassesProxy('10.0.0.2', '443', ['10.0.0.1']));
  });

  it('never sends loopback through a proxy, whatever noProxy says (issue 21 §6)', () => {
    for (const host of ['localhost', 'LOCALHOST', 'mail.localhost', 'localhost.', '127.0.0.1', '127.8.9.10', '[::1]', '::1']) {
      assert.ok(bypassesProxy(host, '80', []), host);
    }
    for (const host of ['localhost.evil.example', '127.0.0.1.evil.example', '128.0.0.1', '[::2]', '10.0.0.1', 'mylocalhost']) {
      assert.ok(!bypassesProxy(host, '80', []), host);
    }
  });

  it('reads NO_PROXY and no_proxy, comma- or space-separated (issue 21 §6)', () => {
    const env = { NO_PROXY: 'a.example, .b.example', no_proxy: 'c.example d.example:8443' };
    assert.deepEqual(noProxyFromEnv(env), ['a.example', '.b.example', 'c.example', 'd.example:8443']);
    assert.deepEqual(noProxyFromEnv({}), []);
    assert.ok(bypassesProxy('mail.b.example', '443', noProxyFromEnv({ NO_PROXY: '.b.example' })));
  });

  it('reads proxy URLs with or without a scheme', () => {
    assert.equal(parseProxyUrl('proxy.example:3128').href, 'http://proxy.example:3128/');
    assert.equal(parseProxyUrl('https://user:pw@proxy.example').host, 'proxy.example');
    assert.throws(() => parseProxyUrl('http://'), /not a valid URL/);
  });
});
