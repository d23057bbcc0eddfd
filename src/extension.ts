import * as vscode from 'vscode';
import { CommandRunner } from './core/commandRunner';
import { SwitchableUi } from './core/prompts';
import { readRoomsViewSettings, SettingsProblemLog } from './core/settings';
import { RequestLog } from './log/requestLog';
import * as messages from './messages';
import * as panel from './panel';
import { RoomPanels } from './panel/roomPanels';
import { roomPanelsSeam, type RoomPanelsSeam } from './panel/roomPanelsSeam';
import * as rooms from './rooms';
import { RoomDocumentProvider } from './rooms/roomDocuments';
import { RoomsModel } from './rooms/roomsModel';
import { RoomsTreeProvider } from './rooms/roomsTreeProvider';
import { RoomsView } from './rooms/roomsView';
import * as session from './session';
import { ServerConnection } from './session/serverConnection';
import { SessionExpiredPrompt } from './session/sessionExpiredPrompt';
import { SessionStore } from './session/sessionStore';
import { SignInFlow } from './session/signInFlow';
import { SNAPSHOT_RETENTION_MS, SnapshotStore } from './snapshots/snapshotStore';
import * as compare from './compare';
import * as contract from './contract';
import { scheduleOldCodeCacheRemoval } from './leftovers';
import { testSeamsEnabled } from './testSeams';

/**
 * The seams the integration tests drive. They reach the session (connection) and can replace
 * the prompts (ui.use), so activate() returns them only to our tests (see testSeams.ts); to any
 * other caller, in production, activate() returns undefined.
 */
export interface WorldClientRtcApi {
  readonly ui: SwitchableUi;
  readonly connection: ServerConnection;
  readonly rooms: { readonly model: RoomsModel; readonly provider: RoomsTreeProvider; readonly view: RoomsView };
  /**
   * Where our log files, state and global storage (deleted rooms) live, so tests
   * can prove no secret reaches them and find what we keep; and the SecretStorage, so a test can
   * change a stored session as another window would.
   */
  readonly storage: {
    readonly logDirectory: string;
    readonly globalStorageDirectory: string;
    readonly globalState: vscode.Memento;
    readonly secrets: vscode.SecretStorage;
  };
  /** Open room panels: what they show, and a way to talk to them as their webview would. */
  readonly panels: RoomPanelsSeam;
}

/**
 * The composition root: builds the services the features share, then makes one register()
 * call per feature (each pushes its disposables to context.subscriptions).
 */
export async function activate(context: vscode.ExtensionContext): Promise<WorldClientRtcApi | undefined> {
  const log = vscode.window.createOutputChannel('WorldClient RTC', { log: true });
  const ui = new SwitchableUi();
  const requestLog = new RequestLog(log);
  const sessions = new SessionStore(context.secrets);
  const connection = new ServerConnection(sessions, requestLog, log);
  const signIn = new SignInFlow(ui, connection, sessions);
  const sessionExpired = new SessionExpiredPrompt(ui, () => signIn.run());
  const runner = new CommandRunner(ui, log, () => sessionExpired.ask());
  const deletedFolder = vscode.Uri.joinPath(context.globalStorageUri, 'deleted').fsPath;
  const snapshots = new SnapshotStore(deletedFolder, Date.now, SNAPSHOT_RETENTION_MS, (message) => log.warn(message));
  context.subscriptions.push(log, sessions, connection, new SettingsProblemLog(log));
  await connection.initialize();

  const model = new RoomsModel(connection, { filter: '', ...readRoomsViewSettings() }, Date.now, (message) => log.warn(message));
  const provider = new RoomsTreeProvider(model);
  const view = new RoomsView(model, provider);
  const listedRoom = (roomId: string) => model.listed.find((room) => room.id === roomId);
  const panels = new RoomPanels({ connection, log, extensionUri: context.extensionUri, runner, ui, listedRoom });
  // Filled in by messages.register; rooms calls it only from a command, after activation.
  const messageRestore: messages.MessageRestore = { restore: () => Promise.reject(new Error('The message commands are not registered yet.')) };

  session.register(context, { runner, ui, connection, sessions, signIn, requestLog, log });
  // Shared: rooms serves the documents, the contract checks place their diagnostics in them.
  const roomDocuments = new RoomDocumentProvider(connection);
  rooms.register(context, { runner, ui, connection, snapshots, model, provider, view, roomDocuments, restoreMessages: (snapshot) => messageRestore.restore(snapshot) });
  // The tree's icon and tooltip follow a write at once; an open panel fetches the room again.
  const refreshRoom = (roomId: string, hasMessages: boolean): void => {
    model.setHasMessages(roomId, hasMessages);
    void panels.refresh(roomId);
  };
  messages.register(context, { runner, ui, connection, snapshots, log, refreshRoom, messageRestore });
  // Panels follow their rooms: a deletion here is said as such; a room listed again (Undo, Import) reloads.
  context.subscriptions.push(
    model.onDidRemoveRooms((roomIds) => panels.roomsDeleted(roomIds)),
    model.onDidChange(() => panels.reloadReturned((roomId) => model.find(roomId) !== undefined)),
  );
  panel.register(context, { runner, ui, connection, panels });
  contract.register(context, { runner, ui, log, connection, model, provider, roomDocuments, panels });
  compare.register(context, { runner, ui, connection, model, snapshots, panels });
  if (context.globalStorageUri.scheme === 'file') {
    context.subscriptions.push(scheduleOldCodeCacheRemoval(context.globalStorageUri.fsPath));
  }

  if (!testSeamsEnabled(context.extensionMode)) {
    return undefined;
  }
  return { ui, connection, rooms: { model, provider, view }, storage: { logDirectory: context.logUri.fsPath, globalStorageDirectory: context.globalStorageUri.fsPath, globalState: context.globalState, secrets: context.secrets }, panels: roomPanelsSeam(panels) };
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
