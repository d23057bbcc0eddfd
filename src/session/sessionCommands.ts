import * as vscode from 'vscode';
import type { CommandRunner } from '../core/commandRunner';
import { CommandIds } from '../core/commandIds';
import type { RequestLog } from '../core/requestLog';
import type { Ui } from '../core/prompts';
import { withCancellableProgress } from '../core/cancellation';
import { certificateChecksOffWarning, shownServer, type ServerConnection } from '../core/serverConnection';
import { buildConnectionReport, formatReport, type ReportLine } from './connectionReport';
import { copyRequestAs } from './curlPicker';
import { askServerUrl } from './serverUrlInput';
import { writeServerUrlWhereItTakesEffect } from './serverUrlTarget';
import type { SessionStore } from '../core/sessionStore';
import type { SignInFlow } from './signInFlow';
import { pickSwitchAction } from './switchServerPick';
import type { UsedServers } from './usedServers';
import { errorMessage } from '../api/errors';

export interface SessionCommandDeps {
  runner: CommandRunner;
  ui: Ui;
  connection: ServerConnection;
  sessions: SessionStore;
  signIn: SignInFlow;
  usedServers: UsedServers;
  requestLog: RequestLog;
  log: vscode.LogOutputChannel;
}

/** The session commands, registered through the runner; the disposables to keep. */
export function sessionCommands(deps: SessionCommandDeps): vscode.Disposable[] {
  const { runner, ui, connection, log } = deps;
  return [
    runner.register(CommandIds.signIn, () => deps.signIn.run()),
    runner.register(CommandIds.signOut, () => signOut(deps)),
    runner.register(CommandIds.showLog, () => log.show()),
    runner.register(CommandIds.testConnection, () => testConnection(deps)),
    runner.register(CommandIds.copyRequestAsCurl, () =>
      copyRequestAs(ui, deps.requestLog.recent(), connection.credentials(), { language: 'curl' }),
    ),
    // With { roomId } (as the panel's button passes it) only that room's requests are offered.
    runner.register(CommandIds.copyRequestAs, (argument) =>
      copyRequestAs(ui, deps.requestLog.recent(), connection.credentials(), { roomId: roomIdArgument(argument) }),
    ),
    runner.register(CommandIds.switchServer, () => switchServer(deps)),
  ];
}

/** Test Connection: one snapshot, so the report, its title and the log name the server that was tested. */
async function testConnection(deps: SessionCommandDeps): Promise<ReportLine[]> {
  const { ui, connection, log } = deps;
  const tested = connection.current();
  const api = tested.api();
  const shown = shownServer(tested.serverUrl);
  // One client per style, whatever the setting: each RTC line tests the style it names.
  const byStyle = { path: connection.withUrlStyle('path'), query: connection.withUrlStyle('query') };
  try {
    const lines = await withCancellableProgress(vscode.l10n.t('Testing {0}…', shown), (signal) =>
      buildConnectionReport(api, byStyle, tested.state === 'signedIn', signal),
    );
    if (connection.certificateChecksOff) {
      lines.unshift({ check: vscode.l10n.t('TLS'), ok: false, detail: certificateChecksOffWarning() });
    }
    const allGood = lines.every((line) => line.ok);
    const report = formatReport(lines);
    log.info(`Connection report for ${shown}:\n${report}`);
    void ui.showMessage(allGood ? 'info' : 'warning', vscode.l10n.t('Connection to {0}', shown), { modal: true, detail: report });
    return lines;
  } finally {
    await Promise.all([byStyle.path.dispose(), byStyle.query.dispose()]);
  }
}

async function switchServer(deps: SessionCommandDeps): Promise<void> {
  const { ui, connection } = deps;
  const choice = await pickSwitchAction(deps);
  if (choice?.action === 'test') {
    await testConnection(deps);
  } else if (choice?.action === 'signOut') {
    await signOut(deps);
  } else if (choice?.action === 'switch' || choice?.action === 'use') {
    // A server used before is switched to as is; its stored session (if any) is used, so no sign-in is asked.
    const serverUrl = choice.serverUrl ?? (await askServerUrl(ui, connection.serverUrl));
    if (serverUrl) {
      await useServerSignedIn(deps, serverUrl);
    }
  }
}

/** Points the extension at `serverUrl` where the setting takes effect, and signs in there unless a session is stored. */
export async function useServerSignedIn(
  deps: Pick<SessionCommandDeps, 'ui' | 'connection' | 'signIn'>,
  serverUrl: string,
): Promise<boolean> {
  if (!(await writeServerUrlWhereItTakesEffect(deps.ui, serverUrl))) {
    return false;
  }
  // The setting already holds serverUrl, so this only waits for the new client.
  await deps.connection.useServer(serverUrl);
  return deps.connection.state === 'signedIn' || deps.signIn.run();
}

async function signOut({ ui, connection, sessions, log }: SessionCommandDeps): Promise<void> {
  const signedIn = connection.current();
  const serverUrl = signedIn.serverUrl;
  if (signedIn.state !== 'signedIn') {
    void ui.showMessage('info', vscode.l10n.t('You are not signed in to a WorldClient server.'), {});
    return;
  }
  try {
    await withCancellableProgress(vscode.l10n.t('Signing out…'), (signal) => signedIn.api().logout(signal));
  } catch (error) {
    // The local session is removed either way; a server that is down must not keep us signed in.
    log.warn(`Logout on ${serverUrl} failed (${errorMessage(error)}); the session is removed locally.`);
  }
  await sessions.remove(serverUrl);
  void ui.showMessage('info', vscode.l10n.t('Signed out of {0}.', shownServer(serverUrl)), {});
}

function roomIdArgument(argument: unknown): string | undefined {
  const roomId = typeof argument === 'object' && argument !== null ? (argument as { roomId?: unknown }).roomId : undefined;
  return typeof roomId === 'string' ? roomId : undefined;
}
