import * as assert from 'node:assert/strict';
import { mixedScriptLabel } from '../../../src/session/hostScripts';

describe('look-alike host names (issue 21 §6)', () => {
  it('finds a label that mixes Latin and Cyrillic, typed or as punycode', () => {
    assert.deepEqual(mixedScriptLabel('https://m\u0430il.example.com'), { label: 'm\u0430il', scripts: ['Latin', 'Cyrillic'] });
    const punycode = new URL('https://m\u0430il.example.com').hostname;
    assert.deepEqual(mixedScriptLabel(`https://${punycode}`), { label: 'm\u0430il', scripts: ['Latin', 'Cyrillic'] });
    assert.deepEqual(mixedScriptLabel('https://mail.\u03bfxample.com')?.scripts, ['Latin', 'Greek']);
  });

  it('accepts names in one script per label, digits and hyphens included', () => {
    // "почта.рф" and "mail-2.пример.com": one script in every label.
    const oneScriptEach = [
      'https://\u043f\u043e\u0447\u0442\u0430.\u0440\u0444',
      'https://mail-2.\u043f\u0440\u0438\u043c\u0435\u0440.com',
    ];
    for (const url of ['https://mail.example.com', ...oneScriptEach, 'http://127.0.0.1:8080', 'not a url']) {
      assert.equal(mixedScriptLabel(url), undefined, url);
    }
  });
});
