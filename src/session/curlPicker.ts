import * as vscode from 'vscode';
import { toCurl } from '../api/curl';
import type { Credentials, RequestLogEntry } from '../api/types';
import type { LoggedRequest } from '../core/requestLog';
import type { Ui } from '../core/prompts';
import { inertPickText } from '../shared/inertText';

export interface CurlPickItem extends vscode.QuickPickItem {
  entry: RequestLogEntry;
}

function clock(at: number): string {
  return new Date(at).toTimeString().slice(0, 8);
}

/**
 * The picker's items, newest first. Identical requests with the same outcome (a watched panel
 * polls the same GET every few seconds) fold into one item at their newest place, saying how
 * many there were and since when, so the list shows the distinct requests a user wants to copy.
 */
export function curlPickItems(requests: readonly LoggedRequest[]): CurlPickItem[] {
  const groups = new Map<string, { newest: LoggedRequest; oldestAt: number; count: number }>();
  for (const request of requests) {
    const { entry } = request;
    const key = JSON.stringify([entry.method, entry.url, entry.status ?? null, entry.error ?? null, entry.requestBody ?? null]);
    const group = groups.get(key);
    if (group) {
      group.count += 1;
      group.oldestAt = request.at;
    } else {
      groups.set(key, { newest: request, oldestAt: request.at, count: 1 });
    }
  }
  return [...groups.values()].map(({ newest, oldestAt, count }) => {
    const outcome = newest.entry.error ? vscode.l10n.t('failed: {0}', newest.entry.error) : String(newest.entry.status ?? '—');
    const repeated = count > 1 ? ` · ${vscode.l10n.t('{0}× since {1}', count, clock(oldestAt))}` : '';
    // URLs and error texts came from or through the server: quick picks render `$(icon)` in them.
    return { label: inertPickText(`${newest.entry.method} ${newest.entry.url}`), description: inertPickText(`${clock(newest.at)} · ${outcome}${repeated}`), entry: newest.entry };
  });
}

/** "Copy Request as curl…": pick a recent request, choose whether the session goes in, copy. */
export async function copyRequestAsCurl(ui: Ui, requests: readonly LoggedRequest[], credentials: Credentials | undefined): Promise<void> {
  if (requests.length === 0) {
    void ui.showMessage('info', vscode.l10n.t('No requests yet. Refresh the Rooms view or run a command first.'), {});
    return;
  }
  const picked = await ui.showQuickPick(curlPickItems(requests), { title: vscode.l10n.t('Copy request as curl'), placeHolder: vscode.l10n.t('Pick a recent request (time · status; repeated polls are folded into one)') });
  if (!picked) {
    return;
  }
  const secretChoice = await ui.showQuickPick(
    [
      { label: vscode.l10n.t('With a placeholder'), detail: vscode.l10n.t('The session is written as $WORLDCLIENT_SESSION; set it in your shell.'), include: false },
      { label: vscode.l10n.t('Include my session token'), detail: vscode.l10n.t('Anyone who sees the command can act as you until the session ends.'), include: true },
    ],
    { title: vscode.l10n.t('Session token in the command') },
  );
  if (!secretChoice) {
    return;
  }
  const command = toCurl(picked.entry, secretChoice.include && credentials ? { includeSecrets: credentials } : {});
  await vscode.env.clipboard.writeText(command);
  void ui.showMessage('info', secretChoice.include ? vscode.l10n.t('Copied, with your session token. Treat it like a password.') : vscode.l10n.t('Copied as curl.'), {});
}
