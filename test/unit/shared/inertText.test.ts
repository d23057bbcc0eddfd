import * as assert from 'node:assert/strict';
import { inertForCodicons, inertForNotification, inertPickText, visible, WORD_JOINER } from '../../../src/shared/inertText';

/** The link syntax VS Code's notifications turn into anchors (vs/base/common/linkedText.ts, LINK_REGEX). */
const VSCODE_NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

describe('shared/inertText', () => {
  it('leaves no link VS Code would build in a notification, and adds nothing invisible', () => {
    const hostile = [
      '[Details](command:workbench.action.reloadWindow)',
      'Deleted room “[x](https://evil.example/?a=1 "title")”.',
      '[a](file:///etc/passwd) and [b](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%22%7D)',
    ];
    for (const text of hostile) {
      const inert = inertForNotification(text);
      assert.equal(inert.match(VSCODE_NOTIFICATION_LINK), null, inert);
      assert.equal(inert, text.replaceAll('](', '] ('), 'only a visible space was added');
    }
  });

  it('leaves our own text as it is, so a server URL copied from a dialog works', () => {
    const ours = 'Server: http://127.0.0.1:8080/api\n\nA copy is kept for 7 days, until 12:30.';
    assert.equal(inertForNotification(ours), ours);
    assert.ok(!inertForNotification('see https://x.example').includes(WORD_JOINER));
  });

  it('shows a word joiner the server sent by its code point', () => {
    assert.equal(inertForNotification('a\u2060b'), 'a⟨U+2060⟩b');
  });

  it('shows bidi controls, zero-width characters and newlines by code point', () => {
    assert.equal(visible('abc\u202Etxt.exe'), 'abc⟨U+202E⟩txt.exe');
    assert.equal(visible('a\nb\u200Bc\u2066d\u0000'), 'a⏎b⟨U+200B⟩c⟨U+2066⟩d⟨U+0000⟩');
    assert.equal(visible('ünïcødé ☕ <b>'), 'ünïcødé ☕ <b>', 'ordinary text is untouched');
  });

  it('notifications keep our own line breaks but show bidi controls', () => {
    assert.equal(inertForNotification('one\ntwo\u202E'), 'one\ntwo⟨U+202E⟩');
  });

  it('QuickPick and status bar text shows $(icon) literally', () => {
    assert.equal(inertForCodicons('$(trash) x').split(WORD_JOINER).join(''), '$(trash) x');
    assert.ok(!inertForCodicons('$(trash) x').includes('$('));
    assert.equal(inertPickText('$(x)\u202E'), `$${WORD_JOINER}(x)⟨U+202E⟩`);
  });

  it('is idempotent: running twice adds nothing', () => {
    const once = inertForNotification('[a](command:x) http://y');
    assert.equal(inertForNotification(once), once);
  });
});
