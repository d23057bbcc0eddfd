import * as assert from 'node:assert/strict';
import { buildPanelHtml, contentSecurityPolicy, createNonce } from '../../../src/panel/panelHtml';

const input = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
  styleUris: [
    'https://file+.vscode-resource.vscode-cdn.net/ext/media/base.css',
    'https://file+.vscode-resource.vscode-cdn.net/ext/media/panel.css',
  ],
  nonce: 'bm9uY2Utbm9uY2Utbm9uY2U=',
};

function cspOf(html: string): string {
  const match = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(match, 'the page has a CSP meta tag');
  return match[1].replace(/&#39;|&apos;/g, "'");
}

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name, values]),
  );
}

describe('panel HTML and CSP', () => {
  it('creates a fresh, random, base64 nonce of 16 bytes each time', () => {
    const nonces = new Set(Array.from({ length: 50 }, createNonce));
    assert.equal(nonces.size, 50);
    for (const nonce of nonces) {
      assert.match(nonce, /^[A-Za-z0-9+/]{22}==$/);
    }
  });

  it("denies everything by default and never allows 'unsafe-inline' or 'unsafe-eval'", () => {
    const html = buildPanelHtml(input);
    const csp = cspOf(html);
    const parsed = directives(csp);
    assert.deepEqual(parsed.get('default-src'), ["'none'"]);
    assert.deepEqual(parsed.get('script-src'), [`'nonce-${input.nonce}'`]);
    assert.deepEqual(parsed.get('style-src'), [input.cspSource]);
    assert.deepEqual(parsed.get('base-uri'), ["'none'"]);
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval|\*/);
    assert.ok(!parsed.has('connect-src') && !parsed.has('frame-src'), 'no network or frames beyond default-src none');
  });

  it('gives every script tag the nonce and a bundled source, and has no inline script, style or handler', () => {
    const html = buildPanelHtml(input);
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.equal(scripts.length, 1);
    for (const tag of scripts) {
      assert.ok(tag.includes(`nonce="${input.nonce}"`), tag);
      assert.ok(tag.includes(`src="${input.scriptUri}"`), tag);
    }
    assert.match(html, /<script [^>]*><\/script>/, 'the script element has no inline body');
    assert.doesNotMatch(html, /<style|style=|\son[a-z]+=/i);
    const links = html.match(/<link rel="stylesheet" href="[^"]*">/g) ?? [];
    assert.deepEqual(
      links,
      input.styleUris.map((uri) => `<link rel="stylesheet" href="${uri}">`),
      "base.css, then the page's own",
    );
  });

  it('escapes what it puts into attributes', () => {
    const html = buildPanelHtml({ ...input, scriptUri: 'x"><script>alert(1)</script>' });
    assert.doesNotMatch(html, /<script>alert/);
    assert.match(html, /x&quot;&gt;&lt;script&gt;/);
  });

  it('builds the same policy through contentSecurityPolicy', () => {
    assert.equal(cspOf(buildPanelHtml(input)), contentSecurityPolicy(input.cspSource, input.nonce));
  });
});
