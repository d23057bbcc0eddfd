import * as vscode from 'vscode';
import { CommandRunner } from './core/commandRunner';
import { readRoomsViewSettings, SettingsProblemLog } from './core/settings';
import { RequestLog } from './log/requestLog';
import { registerRoomPanel } from './panel/registerRoomPanel';
import type { RoomPanelsSeam } from './panel/roomPanels';
import { registerRoomCommands } from './rooms/roomCommands';
import { ROOM_DOCUMENT_SCHEME, RoomDocumentProvider } from './rooms/roomDocuments';
import { RoomsModel } from './rooms/roomsModel';
import { RoomsTreeProvider } from './rooms/roomsTreeProvider';
import { RoomsView } from './rooms/roomsView';
import { Connection } from './session/connection';
import { registerSessionCommands } from './session/sessionCommands';
import { SessionExpiredPrompt } from './session/sessionExpiredPrompt';
import { SessionStore } from './session/sessionStore';
import { SignInFlow } from './session/signInFlow';
import { SnapshotStore } from './snapshots/snapshotStore';
import { ConnectionStatusBar } from './statusBar';
import { register as registerContractChecks } from './contract';
import { register as registerCompare } from './compare';
import { testSeamsEnabled } from './testSeams';
import { SwitchableUi } from './core/prompts';

/**
 * The seams the integration tests drive. They reach the session (connection) and can replace
 * the prompts (ui.use), so activate() returns them only to our tests (see testSeams.ts); to any
 * other caller, in production, activate() returns undefined.
 */
export interface WorldClientRtcApi {
  readonly ui: SwitchableUi;
  readonly connection: Connection;
  readonly rooms: { readonly model: RoomsModel; readonly provider: RoomsTreeProvider; readonly view: RoomsView };
  /** Where our log files and state live, so tests can prove no secret reaches them. */
  readonly storage: { readonly logDirectory: string; readonly globalState: vscode.Memento };
  /** Open room panels: what they show, and a way to talk to them as their webview would. */
  readonly panels: RoomPanelsSeam;
}

export async function activate(context: vscode.ExtensionContext): Promise<WorldClientRtcApi | undefined> {
  const log = vscode.window.createOutputChannel('WorldClient RTC', { log: true });
  const ui = new SwitchableUi();
  const requestLog = new RequestLog(log);
  const sessions = new SessionStore(context.secrets);
  const connection = new Connection(sessions, requestLog, log);
  const signIn = new SignInFlow(ui, connection, sessions);
  const sessionExpired = new SessionExpiredPrompt(ui, () => signIn.run());
  const runner = new CommandRunner(ui, log, () => sessionExpired.ask());
  const snapshots = new SnapshotStore(vscode.Uri.joinPath(context.globalStorageUri, 'deleted').fsPath);
  context.subscriptions.push(log, sessions, connection, new SettingsProblemLog(log));
  await connection.initialize();

  const model = new RoomsModel(connection, { filter: '', ...readRoomsViewSettings() }, Date.now, (message) => log.warn(message));
  const provider = new RoomsTreeProvider(model);
  const view = new RoomsView(model, provider);
  // Every refresh goes through the runner: the one place that asks about an expired session.
  const refreshRooms = (): Promise<void | undefined> => runner.run('Refresh rooms', () => view.refresh());
  // Called only after activation, once roomPanel exists.
  const roomCommands = registerRoomCommands({ runner, ui, connection, model, view, snapshots, restoreMessages: (snapshot) => roomPanel.restoreMessages(snapshot) });
  const roomPanel = registerRoomPanel({ context, runner, ui, connection, snapshots, log });
  const roomDocuments = new RoomDocumentProvider(connection);
  context.subscriptions.push(
    model,
    provider,
    view,
    new ConnectionStatusBar(connection),
    ...roomCommands.disposables,
    ...registerSessionCommands({ runner, ui, connection, sessions, signIn, requestLog, log }),
    ...roomPanel,
    roomDocuments,
    vscode.workspace.registerTextDocumentContentProvider(ROOM_DOCUMENT_SCHEME, roomDocuments),
    connection.onDidChange(() => void refreshRooms()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('worldclientRtc.rooms')) {
        model.setQuery(readRoomsViewSettings());
      }
    }),
  );
  registerContractChecks(context, { runner, ui, connection, model, provider, roomDocuments, panels: roomPanel.panels });
  registerCompare(context, { runner, ui, connection, model, snapshots, panels: roomPanel.panels });
  void refreshRooms();

  if (!testSeamsEnabled(context.extensionMode === vscode.ExtensionMode.Test)) {
    return undefined;
  }
  return { ui, connection, rooms: { model, provider, view }, storage: { logDirectory: context.logUri.fsPath, globalState: context.globalState }, panels: roomPanel.panels };
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
