import * as assert from 'node:assert/strict';
import { redactedHead } from '../../../src/api/redact';
import { parseReply, interpretReply } from '../../../src/api/replies';
import { WorldClientError } from '../../../src/api/errors';

const SESSION = 'S3ss10n-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ';

/** Every run of 8 characters of the secret: a cut secret must not leave even a part of it. */
function assertNoPartOf(secret: string, text: string): void {
  for (let start = 0; start + 8 <= secret.length; start++) {
    assert.ok(!text.includes(secret.slice(start, start + 8)), `"${secret.slice(start, start + 8)}" leaked in: ${text}`);
  }
}

describe('api/redact: redact before cutting', () => {
  it('a session sent as ?session= and cut at 80 characters leaves nothing of it', () => {
    const page = `<html><body>Not found: /WorldClientAPI/rtc/rooms?session=${SESSION}&x=1</body></html>`;
    assert.ok(page.indexOf(SESSION) < 80 && page.indexOf(SESSION) + SESSION.length > 80, 'the cut falls inside the session');
    const head = redactedHead(page, [SESSION], 80);
    assert.equal(head.length, 80);
    assertNoPartOf(SESSION, head);
    assert.match(head, /session=REDACTED/);
  });

  it('redacts a session parameter even when the secret is not known (a renewed one)', () => {
    assert.equal(redactedHead('GET /api?a=1&session=unknown-secret-value&b=2', [], 200), 'GET /api?a=1&session=REDACTED&b=2');
  });

  it('the HTML snippet, the redirect target and the error name of a failed reply are redacted, then cut', () => {
    const secrets = [SESSION];
    const raw = { contentType: 'text/html', setCookies: [], bytes: 0, retryAfter: undefined };
    const html = parseReply(
      { ...raw, status: 200, text: `<p>You asked for https://mail.example.com/WorldClientAPI?session=${encodeURIComponent(SESSION)}</p>` },
      secrets,
    );
    const redirect = parseReply(
      { ...raw, status: 302, text: '', location: `https://sso.example.com/login?back=%2Fapi&session=${SESSION}` },
      secrets,
    );
    const named = parseReply(
      { ...raw, contentType: 'application/json', status: 400, text: JSON.stringify({ error: `BadSession ${SESSION}` }) },
      secrets,
    );
    for (const reply of [html, redirect, named]) {
      let message = '';
      try {
        interpretReply(reply, { what: 'list the rooms' });
      } catch (error) {
        message = (error as WorldClientError).message;
      }
      assert.ok(message.startsWith('Could not list the rooms'), message);
      assertNoPartOf(SESSION, message);
    }
  });

  it('shows bidi controls and newlines of an error name instead of obeying them', () => {
    const reply = parseReply({
      status: 400,
      contentType: 'application/json',
      setCookies: [],
      bytes: 0,
      text: JSON.stringify({ error: 'Ok\u202Edetaerc\nmoor' }),
    });
    assert.equal(reply.errorName, 'Ok⟨U+202E⟩detaerc⏎moor');
  });
});
