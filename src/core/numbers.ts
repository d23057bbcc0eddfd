import * as vscode from 'vscode';
import { formatEnglishCount } from './counts';

/** A count in the user's display language ("10,012", "10.012"): VS Code's l10n does not format numbers itself. */
export function formatCount(count: number): string {
  if (/^en(-|$)/i.test(vscode.env.language)) {
    return formatEnglishCount(count);
  }
  try {
    return count.toLocaleString(vscode.env.language);
  } catch {
    // A language tag ICU does not know.
    return count.toLocaleString('en-US');
  }
}
