import * as assert from 'node:assert/strict';
import { isLoopback } from '../../../src/session/loopback';

describe('isLoopback (plain http is accepted without a warning only here)', () => {
  for (const url of [
    'http://localhost:8080',
    'http://LOCALHOST',
    'http://127.0.0.1:3000',
    'http://127.255.1.2',
    'http://127.1',
    'http://0x7f.0.0.1',
    'http://2130706433',
    'http://[::1]:8080',
    'http://[0:0:0:0:0:0:0:1]',
  ]) {
    it(`${url} is loopback`, () => assert.equal(isLoopback(url), true));
  }
  for (const url of [
    'http://127.evil.example',
    'http://127.0.0.1.evil.example',
    'http://localhost.evil.example',
    'http://128.0.0.1',
    'http://10.0.0.1',
    'http://[::2]',
    'http://[::ffff:8.8.8.8]',
    'http://evil.example/127.0.0.1',
    'not a url',
  ]) {
    it(`${url} is not loopback`, () => assert.equal(isLoopback(url), false));
  }
});
