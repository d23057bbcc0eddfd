import type * as vscode from 'vscode';
import type { CommandRunner } from '../core/commandRunner';
import type { Ui } from '../core/prompts';
import type { RequestLog } from '../log/requestLog';
import type { ServerConnection } from './serverConnection';
import { sessionCommands } from './sessionCommands';
import type { SessionStore } from './sessionStore';
import type { SignInFlow } from './signInFlow';
import { ConnectionStatusBar } from './statusBar';

/** What the session feature needs from the composition root. */
export interface SessionServices {
  runner: CommandRunner;
  ui: Ui;
  connection: ServerConnection;
  sessions: SessionStore;
  /** Built by the root: the command runner's "sign in again" uses it too. */
  signIn: SignInFlow;
  requestLog: RequestLog;
  log: vscode.LogOutputChannel;
}

/** Sign in and out, Switch Server, Test Connection, the log and curl commands, and the status bar item. */
export function register(context: vscode.ExtensionContext, services: SessionServices): void {
  context.subscriptions.push(...sessionCommands(services), new ConnectionStatusBar(services.connection));
}
