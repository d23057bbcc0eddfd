/**
 * Makes server text safe inside a MarkdownString: HTML-significant characters become
 * entities and markdown syntax is backslash-escaped, so a value always renders as the
 * literal characters the server sent (no links, no emphasis, no markup).
 */
export function escapeMarkdownText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]()#+\-.!|~:$]/g, '\\$&')
    .replace(/\r?\n/g, ' ');
}
