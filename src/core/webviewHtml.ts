import { randomBytes } from 'node:crypto';

/** What every webview shell of ours shares: a fresh nonce per load, the one content policy, attribute escaping. */

/** 16 random bytes, base64 (CSP accepts base64 nonces). */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/** Only our bundled stylesheet and the one script with this load's nonce: no inline code, no network, no frames, no forms. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return ["default-src 'none'", `style-src ${cspSource}`, `script-src 'nonce-${nonce}'`, "base-uri 'none'", "form-action 'none'"].join(
    '; ',
  );
}

export function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
