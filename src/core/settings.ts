import * as vscode from 'vscode';
import {
  checkBoolean,
  checkChoice,
  checkNumber,
  checkStringList,
  checkStringMap,
  parseServerUrl,
  type Checked,
  type ServerUrlProblem,
} from './settingValues';
import { noProxyFromEnv } from '../api/noProxy';

export type UrlStyleSetting = 'path' | 'query';
export type SessionTransportSetting = 'header' | 'query';

/**
 * The one place that reads settings (ours and VS Code's http.*). Every value is checked: a
 * value that cannot be used is clamped or replaced by its default, never thrown about, so no
 * setting can stop the extension from activating. What was wrong is collected in `problems`,
 * which SettingsProblemLog writes to the log once.
 */
export interface ExtensionSettings {
  /** '' when no server is set or the setting cannot be used (then serverUrlProblem says why). */
  serverUrl: string;
  serverUrlProblem?: { readonly problem: ServerUrlProblem; readonly shown: string };
  urlStyle: UrlStyleSetting;
  sessionTransport: SessionTransportSetting;
  requestTimeoutSeconds: number;
}

const SECTION = 'worldclientRtc';

export function readSettings(): ExtensionSettings {
  return readSettingsWithProblems().settings;
}

function readSettingsWithProblems(): { settings: ExtensionSettings; problems: string[] } {
  const config = vscode.workspace.getConfiguration(SECTION);
  const server = parseServerUrl(config.get('serverUrl'));
  const urlStyle = checkChoice<UrlStyleSetting>(`${SECTION}.urlStyle`, config.get('urlStyle'), ['path', 'query'], 'path');
  const sessionTransport = checkChoice<SessionTransportSetting>(
    `${SECTION}.sessionTransport`,
    config.get('sessionTransport'),
    ['header', 'query'],
    'header',
  );
  const timeout = checkNumber(`${SECTION}.requestTimeoutSeconds`, config.get('requestTimeoutSeconds'), { min: 1, max: 600, fallback: 30 });
  return {
    settings: {
      serverUrl: server.ok ? server.url : '',
      serverUrlProblem: server.ok ? undefined : { problem: server.problem, shown: server.shown },
      urlStyle: urlStyle.value,
      sessionTransport: sessionTransport.value,
      requestTimeoutSeconds: timeout.value,
    },
    problems: collectProblems(urlStyle, sessionTransport, timeout),
  };
}

/** What is wrong with the server URL in settings, for the Rooms view, in the user's language. */
export function describeServerUrlProblem(problem: ServerUrlProblem): string {
  switch (problem) {
    case 'scheme':
      return vscode.l10n.t('use an http:// or https:// address.');
    case 'credentials':
      return vscode.l10n.t('leave the user name and password out of the URL; you are asked for them when you sign in.');
    case 'queryOrFragment':
      return vscode.l10n.t('leave out the query and fragment; only the server address is needed.');
    default:
      return vscode.l10n.t('it is not a web address. Enter the address of the server, e.g. https://mail.example.com');
  }
}

/**
 * True when the server URL in effect is set by the open folder or workspace rather than by the
 * user: a repository's .vscode/settings.json could point Sign In at a server of its choosing.
 */
export function serverUrlComesFromWorkspace(): boolean {
  const inspected = vscode.workspace.getConfiguration(SECTION).inspect<string>('serverUrl');
  const fromWorkspace = inspected?.workspaceFolderValue ?? inspected?.workspaceValue;
  return typeof fromWorkspace === 'string' && fromWorkspace.trim() !== '';
}

/** How the Rooms view orders rooms (`worldclientRtc.rooms.sortBy`). */
export type RoomSortKey = 'newest' | 'oldest' | 'id' | 'members';

export interface RoomsViewSettings {
  sortBy: RoomSortKey;
  groupByState: boolean;
}

const SORT_KEYS: readonly RoomSortKey[] = ['newest', 'oldest', 'id', 'members'];

export function readRoomsViewSettings(): RoomsViewSettings {
  return readRoomsViewSettingsWithProblems().settings;
}

function readRoomsViewSettingsWithProblems(): { settings: RoomsViewSettings; problems: string[] } {
  const config = vscode.workspace.getConfiguration(SECTION);
  const sortBy = checkChoice(`${SECTION}.rooms.sortBy`, config.get('rooms.sortBy'), SORT_KEYS, 'newest');
  const groupByState = checkBoolean(`${SECTION}.rooms.groupByState`, config.get('rooms.groupByState'), false);
  return { settings: { sortBy: sortBy.value, groupByState: groupByState.value }, problems: collectProblems(sortBy, groupByState) };
}

/** Seconds between automatic refreshes of the Rooms view; 0 is off. */
export function readAutoRefreshSeconds(): number {
  return checkAutoRefresh().value;
}

function checkAutoRefresh(): Checked<number> {
  // At least a second: a tiny fraction would refresh the view in a tight loop.
  return checkNumber(`${SECTION}.autoRefreshSeconds`, vscode.workspace.getConfiguration(SECTION).get('autoRefreshSeconds'), {
    min: 1,
    max: 3600,
    fallback: 0,
    off: 0,
  });
}

/** How often a watched room panel polls, in milliseconds. */
export function readWatchIntervalMs(): number {
  return checkWatchInterval().value * 1000;
}

function checkWatchInterval(): Checked<number> {
  return checkNumber(`${SECTION}.watchIntervalSeconds`, vscode.workspace.getConfiguration(SECTION).get('watchIntervalSeconds'), {
    min: 1,
    max: 3600,
    fallback: 5,
  });
}

/**
 * `worldclientRtc.compare.foldUnchangedAbove`: a diff whose longer side has more lines than this
 * folds long unchanged stretches of messages; 0 never folds.
 */
export function readCompareFoldThreshold(): number {
  return checkCompareFoldThreshold().value;
}

function checkCompareFoldThreshold(): Checked<number> {
  return checkNumber(
    `${SECTION}.compare.foldUnchangedAbove`,
    vscode.workspace.getConfiguration(SECTION).get('compare.foldUnchangedAbove'),
    { min: 1, max: 100_000_000, fallback: 5000, off: 0 },
  );
}

/** `worldclientRtc.contract.disabledRules`: the contract rules turned off, by id. */
export function readDisabledContractRules(): ReadonlySet<string> {
  return new Set(checkDisabledContractRules().value);
}

function checkDisabledContractRules(): Checked<readonly string[]> {
  return checkStringList(
    `${SECTION}.contract.disabledRules`,
    vscode.workspace.getConfiguration(SECTION).get('contract.disabledRules'),
    'rule ids',
  );
}

/** `worldclientRtc.trustedCertificates`: server URL → PEM file, the keys normalised like serverUrl. */
export function readTrustedCertificateFile(serverUrl: string): string | undefined {
  const files = checkTrustedCertificates().value;
  for (const [key, file] of Object.entries(files)) {
    const parsed = parseServerUrl(key);
    if (parsed.ok && parsed.url === serverUrl) {
      return file;
    }
  }
  return undefined;
}

function checkTrustedCertificates(): Checked<Readonly<Record<string, string>>> {
  return checkStringMap(`${SECTION}.trustedCertificates`, vscode.workspace.getConfiguration(SECTION).get('trustedCertificates'));
}

export interface ProxySettings {
  url: string;
  strictSSL: boolean;
  noProxy: string[];
}

/** VS Code's own http.proxy settings (then the HTTPS_PROXY variable), as the API client takes them; NO_PROXY adds to http.noProxy. */
export function readProxySettings(): ProxySettings | undefined {
  const http = vscode.workspace.getConfiguration('http');
  const configured = http.get<unknown>('proxy');
  const url = (typeof configured === 'string' && configured.trim()) || process.env.HTTPS_PROXY || process.env.https_proxy || '';
  if (!url) {
    return undefined;
  }
  const noProxy = http.get<unknown>('noProxy');
  return {
    url,
    strictSSL: http.get<unknown>('proxyStrictSSL') !== false,
    noProxy: [
      ...(Array.isArray(noProxy) ? noProxy.filter((entry): entry is string => typeof entry === 'string') : []),
      ...noProxyFromEnv(process.env),
    ],
  };
}

/** True when a configuration change touches any of our settings. */
export function affectsSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(SECTION);
}

export async function updateServerUrl(serverUrl: string): Promise<void> {
  await vscode.workspace.getConfiguration(SECTION).update('serverUrl', serverUrl, vscode.ConfigurationTarget.Global);
}

/** Users paste URLs with a trailing slash, the API path or no scheme; all mean the same server. */
export function normalizeServerUrl(raw: string): string {
  const parsed = parseServerUrl(raw);
  return parsed.ok ? parsed.url : raw.trim();
}

/** Every problem with the current settings, worded for the log. */
export function currentSettingsProblems(): string[] {
  return [
    ...readSettingsWithProblems().problems,
    ...readRoomsViewSettingsWithProblems().problems,
    ...collectProblems(
      checkAutoRefresh(),
      checkWatchInterval(),
      checkCompareFoldThreshold(),
      checkDisabledContractRules(),
      checkTrustedCertificates(),
    ),
  ];
}

function collectProblems(...checked: Checked<unknown>[]): string[] {
  return checked.flatMap((entry) => (entry.problem ? [entry.problem] : []));
}

/**
 * Says once in the log what was wrong with a setting and what is used instead: settings are
 * read on every request, so logging at each read would flood the log.
 */
export class SettingsProblemLog implements vscode.Disposable {
  private readonly logged = new Set<string>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      if (affectsSettings(event)) {
        this.check();
      }
    });
    this.check();
  }

  check(): void {
    const settings = readSettings();
    const problems = currentSettingsProblems();
    if (settings.serverUrlProblem) {
      const { shown, problem } = settings.serverUrlProblem;
      problems.unshift(`${SECTION}.serverUrl ${JSON.stringify(shown)} cannot be used: ${describeServerUrlProblem(problem)}`);
    }
    for (const problem of problems) {
      if (!this.logged.has(problem)) {
        this.logged.add(problem);
        this.log.warn(`Settings: ${problem}`);
      }
    }
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
