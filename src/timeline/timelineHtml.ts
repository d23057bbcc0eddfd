import { webviewShellHtml } from '../core/webviewHtml';

/**
 * The timeline page's HTML shell: no room data at all (the bars arrive as checked messages and
 * are drawn on a canvas or set as text). The policy allows only our stylesheets and the one
 * script carrying this load's nonce: no inline script or style, no network, no frames, no forms.
 */
export interface TimelineHtmlInput {
  cspSource: string;
  scriptUri: string;
  /** media/base.css and media/timeline.css. */
  styleUris: readonly string[];
  nonce: string;
  /** The page's language (VS Code's display language), for the screen reader. */
  lang: string;
}

export function buildTimelineHtml(input: TimelineHtmlInput): string {
  const body = '<div id="timeline" class="timeline" aria-busy="true"></div>';
  return webviewShellHtml({ ...input, title: 'WorldClient RTC timeline', body });
}
