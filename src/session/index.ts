import type * as vscode from 'vscode';
import { sessionCommands, type SessionCommandDeps } from './sessionCommands';
import { ConnectionStatusBar } from './statusBar';

/** What the session feature needs from the composition root (the session commands' own list). */
export type SessionServices = SessionCommandDeps;

/** Sign in and out, Switch Server, Test Connection, the log and curl commands, and the status bar item. */
export function register(context: vscode.ExtensionContext, services: SessionServices): void {
  context.subscriptions.push(...sessionCommands(services), new ConnectionStatusBar(services.connection));
}
