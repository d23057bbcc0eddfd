import * as vscode from 'vscode';

export const COMPARISON_SCHEME = 'worldclient-rtc-compare';

/** How many texts are kept for diff editors; older ones show a note instead (they may be huge). */
const KEPT_TEXTS = 40;

/**
 * Read-only JSON documents of room states that have no place on the server any more: a
 * snapshot, the room as a panel first loaded it, a file's copy, the server's copy at the
 * moment of comparing. Each gets its own URI, so a diff never shows a later state by mistake.
 */
export class ComparisonDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private counter = 0;

  /**
   * `worldclient-rtc-compare:/<n>/<what>/<room id>.jsonc`: JSON with Comments gives highlighting
   * and lets the fold lines and notes be comments without the JSON checker calling them errors.
   */
  add(what: string, roomId: string, text: string): vscode.Uri {
    this.counter++;
    const uri = vscode.Uri.from({
      scheme: COMPARISON_SCHEME,
      path: `/${this.counter}/${encodeURIComponent(what)}/${encodeURIComponent(roomId)}.jsonc`,
    });
    this.texts.set(uri.toString(), text);
    for (const key of [...this.texts.keys()].slice(0, Math.max(0, this.texts.size - KEPT_TEXTS))) {
      this.texts.delete(key);
    }
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? `// ${vscode.l10n.t('This comparison is no longer kept; run "Compare with…" again.')}\n`;
  }
}
