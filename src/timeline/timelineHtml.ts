import { contentSecurityPolicy, escapeAttribute } from '../core/webviewHtml';

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

export function buildTimelineHtml(input: TimelineHtmlInput): string {
  return `<!DOCTYPE html>
<html lang="${escapeAttribute(input.lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(contentSecurityPolicy(input.cspSource, input.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(input.styleUri)}">
<title>WorldClient RTC timeline</title>
</head>
<body>
<div id="timeline" class="timeline" aria-busy="true"></div>
<script nonce="${escapeAttribute(input.nonce)}" src="${escapeAttribute(input.scriptUri)}"></script>
</body>
</html>
`;
}
