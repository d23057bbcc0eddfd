import { randomBytes } from 'node:crypto';

/** What every webview shell of ours shares: a fresh nonce per load, the one content policy, attribute escaping. */

/** 16 random bytes, base64 (CSP accepts base64 nonces). */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/** Only our bundled stylesheets and the one script with this load's nonce: no inline code, no network, no frames, no forms. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return ["default-src 'none'", `style-src ${cspSource}`, `script-src 'nonce-${nonce}'`, "base-uri 'none'", "form-action 'none'"].join(
    '; ',
  );
}

export function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** One webview page of ours; every field is our own text (server data reaches the page only as checked messages). */
export interface WebviewShell {
  /** `webview.cspSource`: the origin our bundled files are served from. */
  cspSource: string;
  scriptUri: string;
  /** media/base.css first, then the page's own stylesheet. */
  styleUris: readonly string[];
  nonce: string;
  /** The page's language, for screen readers. */
  lang: string;
  title: string;
  /** The markup the script starts from. */
  body: string;
}

/** The HTML shell both webviews share: the policy, our stylesheets, one script carrying this load's nonce. */
export function webviewShellHtml(shell: WebviewShell): string {
  const attribute = escapeAttribute;
  return `<!DOCTYPE html>
<html lang="${attribute(shell.lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attribute(contentSecurityPolicy(shell.cspSource, shell.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${shell.styleUris.map((uri) => `<link rel="stylesheet" href="${attribute(uri)}">\n`).join('')}<title>${attribute(shell.title)}</title>
</head>
<body>
${shell.body}
<script nonce="${attribute(shell.nonce)}" src="${attribute(shell.scriptUri)}"></script>
</body>
</html>
`;
}
