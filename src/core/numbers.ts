import * as vscode from 'vscode';

/** A count in the user's display language ("10,012", "10.012"): VS Code's l10n does not format numbers itself. */
export function formatCount(count: number): string {
  try {
    return count.toLocaleString(vscode.env.language);
  } catch {
    // A language tag ICU does not know.
    return count.toLocaleString('en-US');
  }
}

/** "1 message", "3 messages" for log lines, which are English and not translated. */
export function counted(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
