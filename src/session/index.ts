import type * as vscode from 'vscode';
import { CommandIds } from '../core/commandIds';
import { copyRequestAs } from './curlPicker';
import type { FeatureLinks } from '../core/featureLinks';
import { sessionCommands, useServerSignedIn, type SessionCommandDeps } from './sessionCommands';
import { SessionExpiredPrompt } from './sessionExpiredPrompt';
import { SignInFlow } from './signInFlow';
import { ConnectionStatusBar } from './statusBar';
import { UsedServers } from './usedServers';

/** What the session feature needs from the composition root. */
export type SessionServices = Omit<SessionCommandDeps, 'signIn' | 'usedServers'> & { links: FeatureLinks };

/**
 * Sign in and out, Switch Server, Test Connection, the log and curl commands, and the status bar
 * item; offers the sign-in (and the "session expired" question) to the runner and other features.
 */
export function register(context: vscode.ExtensionContext, services: SessionServices): void {
  const { runner, ui, connection, sessions, links } = services;
  const signIn = new SignInFlow(ui, connection, sessions);
  const sessionExpired = new SessionExpiredPrompt(ui, () => signIn.run());
  // Every server the extension points at joins the list Switch Server offers (URLs only, in globalState).
  const usedServers = new UsedServers(context.globalState);
  const rememberServer = (): void => void usedServers.remember(connection.serverUrl);
  rememberServer();
  context.subscriptions.push(
    connection.onDidChange(rememberServer),
    ...sessionCommands({ ...services, signIn, usedServers }),
    new ConnectionStatusBar(connection),
    links.provide(
      'signIn',
      runner.wrap(CommandIds.signIn, () => signIn.run()),
    ),
    links.provide('signInAgain', () => sessionExpired.ask()),
    links.provide(
      'switchServer',
      runner.wrap(CommandIds.switchServer, (serverUrl: string) => useServerSignedIn({ ui, connection, signIn }, serverUrl)),
    ),
    links.provide(
      'copyRequestAs',
      runner.wrap(CommandIds.copyRequestAs, (roomId: string) =>
        copyRequestAs(ui, services.requestLog.recent(), connection.credentials(), { roomId }),
      ),
    ),
  );
}
