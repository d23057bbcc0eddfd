import { contentSecurityPolicy, escapeAttribute } from '../core/webviewHtml';

export { contentSecurityPolicy, createNonce } from '../core/webviewHtml';

/**
 * The room panel's HTML shell. It holds no room data at all (not even the id): everything
 * the server sent reaches the page through checked messages and `textContent`, so nothing
 * here can be injected. The policy allows only our bundled stylesheet and the one script
 * carrying this load's nonce; no inline script or style, no network, no frames, no forms.
 */
export interface PanelHtmlInput {
  /** `webview.cspSource`: the origin our bundled files are served from. */
  cspSource: string;
  /** `webview.asWebviewUri` of dist/webview.js and media/panel.css. */
  scriptUri: string;
  styleUri: string;
  nonce: string;
}

export function buildPanelHtml(input: PanelHtmlInput): string {
  const csp = escapeAttribute(contentSecurityPolicy(input.cspSource, input.nonce));
  const nonce = escapeAttribute(input.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(input.styleUri)}">
<title>WorldClient RTC room</title>
</head>
<body>
<div id="app" class="app" aria-busy="true"><p class="placeholder">Loading room…</p></div>
<script nonce="${nonce}" src="${escapeAttribute(input.scriptUri)}"></script>
</body>
</html>
`;
}
