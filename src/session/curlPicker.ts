import * as vscode from 'vscode';
import { toSnippet, type SnippetLanguage } from '../api/requestSnippets';
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
    return {
      label: inertPickText(`${newest.entry.method} ${newest.entry.url}`),
      description: inertPickText(`${clock(newest.at)} · ${outcome}${repeated}`),
      entry: newest.entry,
    };
  });
}

const LANGUAGES: readonly { label: string; language: SnippetLanguage }[] = [
  { label: 'curl', language: 'curl' },
  { label: 'TypeScript (fetch)', language: 'fetch' },
  { label: 'Python (requests)', language: 'python' },
  { label: 'C# (HttpClient)', language: 'csharp' },
  { label: 'PowerShell (Invoke-WebRequest)', language: 'powershell' },
];

/**
 * "Copy Request as curl…" and "Copy Request as…": pick a recent request (only the given room's
 * when asked from its panel), the language unless given, whether the session goes in; copy.
 */
export async function copyRequestAs(
  ui: Ui,
  requests: readonly LoggedRequest[],
  credentials: Credentials | undefined,
  options: { language?: SnippetLanguage; roomId?: string } = {},
): Promise<void> {
  const roomPart = options.roomId === undefined ? undefined : encodeURIComponent(options.roomId);
  const shown = roomPart === undefined ? requests : requests.filter((request) => request.entry.url.includes(roomPart));
  if (shown.length === 0) {
    void ui.showMessage('info', vscode.l10n.t('No requests yet. Refresh the Rooms view or run a command first.'), {});
    return;
  }
  const title = options.language === 'curl' ? vscode.l10n.t('Copy request as curl') : vscode.l10n.t('Copy request as…');
  const picked = await ui.showQuickPick(curlPickItems(shown), {
    title,
    placeHolder: vscode.l10n.t('Pick a recent request (time · status; repeated polls are folded into one)'),
  });
  if (!picked) {
    return;
  }
  const language = options.language ?? (await ui.showQuickPick(LANGUAGES, { title, placeHolder: vscode.l10n.t('Copy it as') }))?.language;
  if (!language) {
    return;
  }
  const secretChoice = await ui.showQuickPick(
    [
      {
        label: vscode.l10n.t('With a placeholder'),
        detail:
          language === 'curl'
            ? vscode.l10n.t('The session is written as $WORLDCLIENT_SESSION; set it in your shell.')
            : vscode.l10n.t(
                'The session is read from the environment variable WORLDCLIENT_SESSION (the CSRF token from WORLDCLIENT_CSRF_TOKEN).',
              ),
        include: false,
      },
      {
        label: vscode.l10n.t('Include my session token'),
        detail: vscode.l10n.t('Anyone who sees the command can act as you until the session ends.'),
        include: true,
      },
    ],
    { title: vscode.l10n.t('Session token in the command') },
  );
  if (!secretChoice) {
    return;
  }
  const snippet = toSnippet(picked.entry, language, secretChoice.include && credentials ? { includeSecrets: credentials } : {});
  await vscode.env.clipboard.writeText(snippet);
  const copied =
    language === 'curl'
      ? vscode.l10n.t('Copied as curl.')
      : vscode.l10n.t('Copied as {0}.', LANGUAGES.find((entry) => entry.language === language)?.label ?? language);
  void ui.showMessage(
    'info',
    secretChoice.include ? vscode.l10n.t('Copied, with your session token. Treat it like a password.') : copied,
    {},
  );
}
