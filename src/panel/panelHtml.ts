import { webviewShellHtml } from '../core/webviewHtml';

export { contentSecurityPolicy, createNonce } from '../core/webviewHtml';

/**
 * The room panel's HTML shell. It holds no room data at all (not even the id): everything
 * the server sent reaches the page through checked messages and `textContent`, so nothing
 * here can be injected. The policy allows only our bundled stylesheets and the one script
 * carrying this load's nonce; no inline script or style, no network, no frames, no forms.
 */
export interface PanelHtmlInput {
  /** `webview.cspSource`: the origin our bundled files are served from. */
  cspSource: string;
  /** `webview.asWebviewUri` of dist/webview.js, and of media/base.css and media/panel.css. */
  scriptUri: string;
  styleUris: readonly string[];
  nonce: string;
}

export function buildPanelHtml(input: PanelHtmlInput): string {
  const body = '<div id="app" class="app" aria-busy="true"><p class="placeholder">Loading room…</p></div>';
  return webviewShellHtml({ ...input, lang: 'en', title: 'WorldClient RTC room', body });
}
