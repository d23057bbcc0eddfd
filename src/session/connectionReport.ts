import * as vscode from 'vscode';
import type { WorldClientApi } from '../api/client';
import { WorldClientError, errorMessage } from '../api/errors';
import type { UrlStyle } from '../api/types';
import { visibleId } from '../shared/inertText';
import { formatCount } from '../core/numbers';
import { apiLines, type ApiLevel, type ApiPhrases } from './apiRoutes';

export interface ReportLine {
  check: string;
  ok: boolean;
  detail: string;
}

/**
 * Runs the checks a user needs when something does not work, in the order that narrows
 * the cause: can we reach the server at all (and trust its certificate), is the session
 * good, which RTC URL style it answers, and which routes and API version it has.
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
  if (!ping.ok && ping.kind === 'sessionExpired') {
    return [...lines, { check: vscode.l10n.t('Session'), ok: false, detail: ping.message }];
  }
  const rtc: ReportLine[] = [];
  let rtcAnswered = false;
  let rtcWorks = false;
  for (const style of ['path', 'query'] as const) {
    const rooms = await attempt(() => byStyle[style].listRooms(signal));
    rtcAnswered ||= rooms.ok || rooms.kind !== 'notFound';
    rtcWorks ||= rooms.ok;
    rtc.push(
      rooms.ok
        ? { check: vscode.l10n.t('RTC ({0} style)', style), ok: true, detail: worksWith(rooms.value.length) }
        : { check: vscode.l10n.t('RTC ({0} style)', style), ok: false, detail: rooms.message },
    );
  }
  const pingAnswered = ping.ok || ping.kind !== 'notFound';
  const answers = { settings: version.ok, ping: pingAnswered, rtc: rtcAnswered };
  lines.push(sessionLine(ping, pingAnswered, rtcWorks), ...rtc, ...apiLines(answers, API_PHRASES));
  return lines;
}

/** A server before API 3.5 has no ping route: then a working RTC list is what shows the session is good. */
function sessionLine(ping: Attempt<void>, pingAnswered: boolean, rtcWorks: boolean): ReportLine {
  const check = vscode.l10n.t('Session');
  if (ping.ok) {
    return { check, ok: true, detail: vscode.l10n.t('valid (ping answered)') };
  }
  if (!pingAnswered && rtcWorks) {
    return { check, ok: true, detail: vscode.l10n.t('valid (the RTC list answered; this server has no ping route)') };
  }
  return { check, ok: false, detail: ping.message };
}

const VERSION_WORDS: Record<ApiLevel, () => string> = {
  atLeast35: () => vscode.l10n.t('3.5 or later'),
  is34: () => vscode.l10n.t('3.4 (ping arrived in 3.5; everything else works)'),
  atMost33: () => vscode.l10n.t('3.3 or earlier: the rtc route needs 3.4 or later — update MDaemon'),
  rtcOff: () => vscode.l10n.t('3.5 or later, but the rtc route is not answered — check that RTC is enabled on the server'),
};

const API_PHRASES: ApiPhrases = {
  routesCheck: () => vscode.l10n.t('Routes'),
  versionCheck: () => vscode.l10n.t('API version'),
  answers: (answered) => vscode.l10n.t('answers {0}', answered),
  answersNot: (answered, missing) => vscode.l10n.t('answers {0}; not {1}', answered, missing),
  version: (level) => VERSION_WORDS[level](),
};

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
