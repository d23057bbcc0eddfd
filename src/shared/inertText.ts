/**
 * Makes text that came from a server (or an imported file) inert on the VS Code surface it is
 * shown on, so a value can never become a link, a command or an icon, and never look like
 * another value. Pure (no vscode import) so it is unit-tested and usable by the API client.
 *
 * What each surface does with text, checked against VS Code's sources:
 * - Notifications (showInformation/Warning/ErrorMessage, non-modal) and notification progress
 *   titles/messages: parsed by `parseLinkedText` (vs/base/common/linkedText.ts), which turns
 *   `[label](https://…|http://…|command:…|file:…)` into a clickable link; a `command:` link runs
 *   the command with its arguments. Bare URLs are not linked there. `inertForNotification` puts a
 *   visible space in every `](`: nothing invisible is added, so what is copied is what is shown,
 *   and our own text (the server URL) passes unchanged.
 * - Modal dialogs (message and detail): rendered with `innerText` by the workbench's Dialog
 *   (vs/base/browser/ui/dialog/dialog.ts); the native dialog on desktop is plain text too. No
 *   links, but the same wrapper runs over them, so a message may move between the two freely.
 * - QuickPick label/description/detail and status bar text: render `$(name)` as codicons, no
 *   links: `inertForCodicons`.
 * - Tree item labels and descriptions, and a tree view's `message` when it is a string
 *   (`textContent` in vs/workbench/browser/parts/views/treeView.ts): plain text. Tree tooltips,
 *   hovers and welcome views that take a MarkdownString render markdown and links:
 *   `escapeMarkdownText` (src/rooms/markdownText.ts). Welcome views hold only our own text.
 * - Webview panel titles and diff titles (the tab) and log lines are plain text, but one line
 *   each: an id there goes through `visibleId` (cut, then visible). The room panel's page sets
 *   `textContent` only.
 * - Everywhere: bidi controls, zero-width characters and newlines would let one value look like
 *   another (or hide a part of it): `visible` shows them as `⟨U+202E⟩` / `⏎`.
 */

import { cutText } from './cutText';

/** Joins without a visible mark or a line-break opportunity; keeps `$(` from becoming an icon in a quick pick. */
export const WORD_JOINER = '\u2060';

/**
 * Characters that reorder, hide or break text: C0/C1 controls, bidi embeddings, overrides,
 * isolates and marks, zero-width characters, line/paragraph separators and the BOM.
 */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g;

/** The same set minus newline and tab, which our own multi-line texts (dialog details) use. */
const INVISIBLE_EXCEPT_LAYOUT =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g;

/** The code points INVISIBLE matches, as ranges (a unit test keeps the two in step). */
export const INVISIBLE_RANGES: readonly (readonly [number, number])[] = [
  [0x00, 0x1f],
  [0x7f, 0x9f],
  [0xad, 0xad],
  [0x61c, 0x61c],
  [0x180e, 0x180e],
  [0x200b, 0x200f],
  [0x2028, 0x202e],
  [0x2060, 0x206f],
  [0xfeff, 0xfeff],
  [0xfff9, 0xfffb],
];

/** `⟨U+202E⟩` for each of them, built once: a long run of them costs a lookup per character. */
const CODE_POINTS: ReadonlyMap<string, string> = new Map(
  INVISIBLE_RANGES.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, offset) => from + offset)).map((code) => [
    String.fromCharCode(code),
    `⟨U+${code.toString(16).toUpperCase().padStart(4, '0')}⟩`,
  ]),
);

function codePoint(char: string): string {
  return CODE_POINTS.get(char) ?? char;
}

/**
 * A server value as the user should see it: every invisible or reordering character shown by
 * its code point, a newline as `⏎`, so "room‮txt.exe" cannot pass for another room's name.
 */
export function visible(text: string): string {
  return text.replace(INVISIBLE, (char) => (char === '\n' ? '⏎' : codePoint(char)));
}

/** `visible` for whole messages that we composed: keeps our own newlines and tabs (a dialog's detail lists one room per line). */
export function visibleExceptLayout(text: string): string {
  return text.replace(INVISIBLE_EXCEPT_LAYOUT, codePoint);
}

/** `](` starts a markdown link target. */
const LINK_TARGET = /\]\(/g;

/**
 * Text for a notification (message or detail), a dialog or a notification progress title: no
 * `[label](target)` in it is a link any more, because `](` gets a visible space. Bidi and other
 * invisible characters (except newlines and tabs) are shown by code point. Nothing invisible is
 * added, so copying the text gives what is shown, and a URL of ours is left as it is.
 */
export function inertForNotification(text: string): string {
  return visibleExceptLayout(text).replace(LINK_TARGET, '] (');
}

/** Text for a QuickPick label/description/detail or status bar text: `$(name)` stays literal, not an icon. */
export function inertForCodicons(text: string): string {
  return text.replace(/\$\(/g, `$${WORD_JOINER}(`);
}

/** A server value inside a QuickPick item: visible, and no icons. */
export function inertPickText(text: string): string {
  return inertForCodicons(visible(text));
}

/** How much of a server id a title, a pick item, a message or a log line shows (copy commands use the whole id). */
export const SHOWN_ID_MAX_CHARS = 200;

/** A server id for a title, a message or a log line: cut first (so a 1 MB id costs no more than a short one), then `visible`. */
export function visibleId(id: string): string {
  return visible(cutText(id, SHOWN_ID_MAX_CHARS));
}

/** A server id inside a QuickPick item or title: cut, visible, and no icons. */
export function inertPickId(id: string): string {
  return inertPickText(cutText(id, SHOWN_ID_MAX_CHARS));
}
