import * as assert from 'node:assert/strict';
import { cookieHeaderFrom } from '../../../src/api/cookies';

describe('cookieHeaderFrom', () => {
  it('sends back the name=value pairs, without attributes', () => {
    assert.equal(
      cookieHeaderFrom(['WCLoginToken=abc-123; Path=/WorldClientAPI; HttpOnly; SameSite=Strict', 'b=2']),
      'WCLoginToken=abc-123; b=2',
    );
    assert.equal(cookieHeaderFrom(['  spaced=yes ;Secure']), 'spaced=yes');
  });

  it('has nothing to send for no cookies, nameless pairs, or values with control characters', () => {
    assert.equal(cookieHeaderFrom([]), undefined);
    assert.equal(cookieHeaderFrom(['=nameless', 'novalue', 'evil=a\r\nX-Injected: 1']), undefined);
  });
});
