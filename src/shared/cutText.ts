const ELLIPSIS = '…';

/**
 * The one way text is cut for display: at most `maxChars` UTF-16 units in all, the last of them "…" when
 * anything was cut. Only the kept head is copied, so a 1 MB value costs no more than a short one.
 */
export function cutText(text: string, maxChars: number): string {
  if (text.length <= maxChars) {
    return text;
  }
  if (maxChars < 1) {
    return '';
  }
  let end = maxChars - 1;
  // Half a surrogate pair would show as a replacement character: keep the whole pair or neither half.
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) {
    end--;
  }
  return `${text.slice(0, end)}${ELLIPSIS}`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
