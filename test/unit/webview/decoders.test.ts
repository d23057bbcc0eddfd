import * as assert from 'node:assert/strict';
import { base64ByteLength, decodeBase64, isBase64 } from '../../../src/shared/base64';
import { decodeBase64Text, formatBytes, hexDump, hexInline, present } from '../../../src/webview/decoders';

const b64 = (text: string | Uint8Array): string => Buffer.from(text).toString('base64');

describe('base64', () => {
  it('accepts standard and URL-safe base64, padded or not, and rejects everything else', () => {
    for (const valid of ['', 'QQ==', 'QQ', 'QUI=', 'QUI', 'QUJD', '-_-_', 'q83vEjRWeJA=']) {
      assert.equal(isBase64(valid), true, valid);
    }
    for (const invalid of ['Q', 'QUJDR', 'QQ=', 'Q===', 'QU JD', 'QUJD\n', 'QU=D', '<img>', 'é', 'QQ==QQ==']) {
      assert.equal(isBase64(invalid), false, invalid);
    }
  });

  it('decodes exactly what Node decodes', () => {
    const bytes = new Uint8Array(Array.from({ length: 257 }, (_, i) => (i * 37) % 256));
    for (let length = 0; length < bytes.length; length += 13) {
      const slice = bytes.subarray(0, length);
      assert.deepEqual(decodeBase64(b64(slice)), new Uint8Array(slice));
      assert.equal(base64ByteLength(b64(slice)), length);
      assert.equal(base64ByteLength(b64(slice).replace(/=+$/, '')), length);
    }
    assert.deepEqual(decodeBase64('-_8'), new Uint8Array([0xfb, 0xff]));
    assert.equal(decodeBase64('not base64!'), undefined);
    assert.equal(base64ByteLength('not base64!'), null);
  });

  it('decodes a prefix cut anywhere when asked for a partial decode', () => {
    const full = b64('Hello, world! This is long enough.');
    for (let cut = 1; cut < full.length; cut++) {
      const bytes = decodeBase64(full.slice(0, cut), true);
      assert.ok(bytes, `cut at ${cut}`);
      assert.ok(Buffer.from('Hello, world! This is long enough.').subarray(0, bytes.length).equals(Buffer.from(bytes)));
    }
  });
});

describe('decoders (decoded, not decrypted)', () => {
  it('shows valid UTF-8 text, including non-ASCII', () => {
    assert.deepEqual(decodeBase64Text(b64('Grüße ☕ 🙂\nline 2')), { kind: 'text', text: 'Grüße ☕ 🙂\nline 2' });
  });

  it('refuses invalid UTF-8, binary and non-base64 input with a reason', () => {
    assert.deepEqual(decodeBase64Text(b64(new Uint8Array([0xc3, 0x28]))), { kind: 'notText', reason: 'not UTF-8' });
    assert.deepEqual(decodeBase64Text(b64(new Uint8Array([0x41, 0x00, 0x42]))), { kind: 'notText', reason: 'binary, not text' });
    assert.deepEqual(decodeBase64Text('***'), { kind: 'notText', reason: 'not base64' });
  });

  it('does not fail a text prefix that ends in the middle of a character', () => {
    const full = b64('aaaaaaaa☕☕☕☕');
    const partial = decodeBase64Text(full.slice(0, 16), true);
    assert.equal(partial.kind, 'text');
  });

  it('dumps hex with offsets and printable ASCII', () => {
    const dump = hexDump(new TextEncoder().encode('Hello world!\nThe second line.'));
    const lines = dump.split('\n');
    assert.equal(lines.length, 2);
    assert.equal(lines[0], '00000000  48 65 6c 6c 6f 20 77 6f  72 6c 64 21 0a 54 68 65  |Hello world!.The|');
    assert.match(lines[1], /^00000010  20 73 65 63 6f 6e 64 20  6c 69 6e 65 2e +\| second line\.\|$/);
    assert.equal(lines[1].indexOf('|'), lines[0].indexOf('|'), 'the ASCII column lines up');
    assert.match(hexDump(new Uint8Array(40), 16), /… 24 more bytes/);
    assert.equal(hexInline(new Uint8Array([1, 2, 255]), 2), '01 02 …');
  });

  it('presents values per mode without ever changing the raw one', () => {
    const value = b64('plain text');
    assert.deepEqual(present(value, 'raw', { partial: false, block: false }), { text: value, note: '' });
    assert.deepEqual(present(value, 'text', { partial: false, block: false }), { text: 'plain text', note: '' });
    assert.equal(present(value, 'hex', { partial: false, block: false }).text, '70 6c 61 69 6e 20 74 65 78 74');
    assert.deepEqual(present('<img src=x>', 'text', { partial: false, block: false }), {
      text: '<img src=x>',
      note: 'not base64 — shown raw',
    });
    assert.deepEqual(present('<img src=x>', 'hex', { partial: false, block: true }), {
      text: '<img src=x>',
      note: 'not base64 — shown raw',
    });
    assert.equal(formatBytes(16, 24), '16 B');
    assert.equal(formatBytes(null, 11), '11 chars, not base64');
  });
});
