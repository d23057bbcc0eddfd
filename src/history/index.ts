import * as vscode from 'vscode';
import { CommandIds } from '../core/commandIds';
import type { CommandRunner } from '../core/commandRunner';
import { HistoryRecorder } from '../core/history/historyRecorder';
import type { Ui } from '../core/prompts';
import type { ServerConnection } from '../core/serverConnection';
import type { PanelOffer } from '../panel';
import type { RoomsOffer } from '../rooms';
import { clearHistory } from './clearHistoryCommand';
import { NewMessagesDecorations } from './newMessagesDecorations';

const MEGABYTE = 1024 * 1024;
const DEFAULT_MAX_MEGABYTES = 20;
const START_LOADS_AFTER_MS = 2000;

/** The recorder, built before the connection so every client it builds reports to it. */
export function createHistoryRecorder(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): HistoryRecorder {
  const settings = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('worldclientRtc.history');
  const recorder = new HistoryRecorder({
    // Only a file-system storage can hold the log (a web host's global storage is not a folder).
    directory: vscode.Uri.joinPath(context.globalStorageUri, 'history').fsPath,
    enabled: () => context.globalStorageUri.scheme === 'file' && settings().get('record') !== false,
    maxBytes: () => {
      const value = settings().get('maxMegabytes');
      return (typeof value === 'number' && Number.isFinite(value) && value >= 1 ? value : DEFAULT_MAX_MEGABYTES) * MEGABYTE;
    },
    warn: (message) => log.warn(message),
    deferLoads: true,
  });
  context.subscriptions.push(recorder);
  return recorder;
}

export interface HistoryServices {
  runner: CommandRunner;
  ui: Ui;
  connection: ServerConnection;
  history: HistoryRecorder;
  rooms: Pick<RoomsOffer, 'provider'>;
  panels: Pick<PanelOffer['panels'], 'onDidLoadRoom' | 'onDidRevealRoom'>;
}

/** What the history feature offers the tests: the "new" counts as the Rooms view shows them, and when they are told. */
export interface HistoryOffer {
  readonly decorations: Pick<NewMessagesDecorations, 'count' | 'decoration' | 'onDidChange'>;
  /** Resolves once everything observed so far is recorded. */
  whenIdle(): Promise<void>;
}

/** Clear History, and the Rooms view's "new" count, cleared when a room's panel loads it. */
export function register(context: vscode.ExtensionContext, services: HistoryServices): HistoryOffer {
  const { runner, ui, connection, history } = services;
  const decorations = new NewMessagesDecorations(history, () => connection.serverUrl);
  // The history is read once the Rooms view has its first rows, or soon after activation when the view is not shown.
  const startTimer = setTimeout(history.start, START_LOADS_AFTER_MS);
  context.subscriptions.push(
    services.rooms.provider.onDidHandOutRows(history.start),
    { dispose: () => clearTimeout(startTimer) },
    decorations,
    vscode.window.registerFileDecorationProvider(decorations),
    services.rooms.provider.annotate(decorations),
    services.panels.onDidLoadRoom(({ roomId }) => history.markOpened(connection.serverUrl, roomId)),
    services.panels.onDidRevealRoom((roomId) => history.markOpened(connection.serverUrl, roomId)),
    runner.register(CommandIds.clearHistory, () => clearHistory(ui, history, connection.serverUrl)),
  );
  return { decorations, whenIdle: () => history.whenIdle() };
}
