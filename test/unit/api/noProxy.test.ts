import * as assert from 'node:assert/strict';
import { parseProxyUrl } from '../../../src/api/dispatcher';
import { bypassesProxy } from '../../../src/api/noProxy';

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
    assert.ok(bypassesProxy('127.0.0.1', '8080', ['127.0.0.1']));
    assert.ok(bypassesProxy('127.0.0.1', '8080', ['127.0.0.1:8080']));
    assert.ok(!bypassesProxy('127.0.0.1', '9090', ['127.0.0.1:8080']));
    assert.ok(bypassesProxy('[::1]', '443', ['::1']));
    assert.ok(bypassesProxy('[::1]', '443', ['[::1]:443']));
    assert.ok(!bypassesProxy('10.0.0.2', '443', ['10.0.0.1']));
  });

  it('reads proxy URLs with or without a scheme', () => {
    assert.equal(parseProxyUrl('proxy.example:3128').href, 'http://proxy.example:3128/');
    assert.equal(parseProxyUrl('https://user:pw@proxy.example').host, 'proxy.example');
    assert.throws(() => parseProxyUrl('http://'), /not a valid URL/);
  });
});
