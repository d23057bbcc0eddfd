import * as vscode from 'vscode';
import type { WorldClientApi } from '../api/client';
import { WorldClientError, errorMessage } from '../api/errors';
import type { UrlStyle } from '../api/types';
import { visibleId } from '../shared/inertText';
import { formatCount } from '../core/numbers';

export interface ReportLine {
  check: string;
  ok: boolean;
  detail: string;
}

/**
 * Runs the checks a user needs when something does not work, in the order that narrows
 * the cause: can we reach the server at all (and trust its certificate), is the session
 * good, and which RTC URL style it answers.
 */
export async function buildConnectionReport(
  api: WorldClientApi,
  byStyle: Readonly<Record<UrlStyle, WorldClientApi>>,
  signedIn: boolean,
  signal: AbortSignal,
): Promise<ReportLine[]> {
  const lines: ReportLine[] = [];
  const started = Date.now();
  const version = await attempt(() => api.serverVersion(signal));
  const roundTrip = Date.now() - started;
  lines.push(
    version.ok
      ? {
          check: vscode.l10n.t('Reachable'),
          ok: true,
          detail: vscode.l10n.t('server version {0}, round trip {1} ms', visibleId(version.value), roundTrip),
        }
      : { check: vscode.l10n.t('Reachable'), ok: false, detail: version.message },
  );
  if (!version.ok && version.kind !== 'notFound' && version.kind !== 'notJson') {
    return lines;
  }
  if (!signedIn) {
    lines.push({ check: vscode.l10n.t('Session'), ok: false, detail: vscode.l10n.t('not signed in — run "WorldClient RTC: Sign In"') });
    return lines;
  }
  const ping = await attempt(() => api.ping(signal));
  lines.push(
    ping.ok
      ? { check: vscode.l10n.t('Session'), ok: true, detail: vscode.l10n.t('valid (ping answered)') }
      : { check: vscode.l10n.t('Session'), ok: false, detail: ping.message },
  );
  if (!ping.ok && ping.kind === 'sessionExpired') {
    return lines;
  }
  for (const style of ['path', 'query'] as const) {
    const rooms = await attempt(() => byStyle[style].listRooms(signal));
    lines.push(
      rooms.ok
        ? { check: vscode.l10n.t('RTC ({0} style)', style), ok: true, detail: worksWith(rooms.value.length) }
        : { check: vscode.l10n.t('RTC ({0} style)', style), ok: false, detail: rooms.message },
    );
  }
  return lines;
}

export function formatReport(lines: readonly ReportLine[]): string {
  return lines.map((line) => `${line.ok ? '✓' : '✗'} ${line.check}: ${line.detail}`).join('\n');
}

type Attempt<T> = { ok: true; value: T } | { ok: false; message: string; kind?: string };

async function attempt<T>(action: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await action() };
  } catch (error) {
    if (error instanceof WorldClientError && error.kind === 'cancelled') {
      throw error;
    }
    return {
      ok: false,
      message: errorMessage(error),
      kind: error instanceof WorldClientError ? error.kind : undefined,
    };
  }
}

/** "works — 3 rooms": what the RTC check found, in the user's numbers. */
function worksWith(rooms: number): string {
  return rooms === 1 ? vscode.l10n.t('works — 1 room') : vscode.l10n.t('works — {0} rooms', formatCount(rooms));
}
