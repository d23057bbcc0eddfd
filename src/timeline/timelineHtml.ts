import { randomBytes } from 'node:crypto';

/**
 * The timeline page's HTML shell: no room data at all (the bars arrive as checked messages and
 * are drawn on a canvas or set as text). The policy allows only our stylesheet and the one
 * script carrying this load's nonce: no inline script or style, no network, no frames, no forms.
 */
export interface TimelineHtmlInput {
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  nonce: string;
  /** The page's language (VS Code's display language), for the screen reader. */
  lang: string;
}

export function createTimelineNonce(): string {
  return randomBytes(16).toString('base64');
}

export function timelineCsp(cspSource: string, nonce: string): string {
  return ["default-src 'none'", `style-src ${cspSource}`, `script-src 'nonce-${nonce}'`, "base-uri 'none'", "form-action 'none'"].join(
    '; ',
  );
}

function attribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function buildTimelineHtml(input: TimelineHtmlInput): string {
  return `<!DOCTYPE html>
<html lang="${attribute(input.lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attribute(timelineCsp(input.cspSource, input.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attribute(input.styleUri)}">
<title>WorldClient RTC timeline</title>
</head>
<body>
<div id="timeline" class="timeline" aria-busy="true"></div>
<script nonce="${attribute(input.nonce)}" src="${attribute(input.scriptUri)}"></script>
</body>
</html>
`;
}
