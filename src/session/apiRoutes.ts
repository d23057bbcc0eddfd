import type { ReportLine } from './connectionReport';

/** What the routes a server answers say of its API version: `rtc` arrived in API 3.4, `ping` in 3.5. */
export type ApiLevel = 'atLeast35' | 'is34' | 'atMost33' | 'rtcOff';

/** The routes Test Connection calls, in the order the report names them. */
export type ProbedRoute = 'settings' | 'ping' | 'rtc';
const PROBED: readonly ProbedRoute[] = ['settings', 'ping', 'rtc'];

/** The report's words: vscode.l10n.t in the extension (connectionReport.ts), plain English in unit tests. */
export interface ApiPhrases {
  routesCheck(): string;
  versionCheck(): string;
  answers(answered: string): string;
  answersNot(answered: string, missing: string): string;
  version(level: ApiLevel): string;
}

/**
 * The server states only its product version, so the API version is read from the routes it
 * answers; a route it does not know comes back "not found". Needs a session (both routes want one).
 */
export function apiLines(answers: Readonly<Record<ProbedRoute, boolean>>, phrases: ApiPhrases): ReportLine[] {
  const routes = (answered: boolean): string => PROBED.filter((route) => answers[route] === answered).join(', ');
  const level: ApiLevel = answers.rtc ? (answers.ping ? 'atLeast35' : 'is34') : answers.ping ? 'rtcOff' : 'atMost33';
  const missing = routes(false);
  return [
    {
      check: phrases.routesCheck(),
      ok: answers.rtc,
      detail: missing ? phrases.answersNot(routes(true), missing) : phrases.answers(routes(true)),
    },
    { check: phrases.versionCheck(), ok: answers.rtc, detail: phrases.version(level) },
  ];
}
