import * as vscode from 'vscode';
import type { CommandRunner } from '../core/commandRunner';
import type { Ui } from '../core/prompts';
import { readRoomsViewSettings } from '../core/settings';
import type { ServerConnection } from '../session/serverConnection';
import type { SnapshotInfo, SnapshotStore } from '../snapshots/snapshotStore';
import { roomCommands } from './roomCommands';
import { roomsOrderCommands } from './roomsOrderCommands';
import { ROOM_DOCUMENT_SCHEME, type RoomDocumentProvider } from './roomDocuments';
import type { RoomsModel } from './roomsModel';
import type { RoomsTreeProvider } from './roomsTreeProvider';
import type { RoomsView } from './roomsView';

/** What the rooms feature needs from the composition root. */
export interface RoomsServices {
  runner: CommandRunner;
  ui: Ui;
  connection: ServerConnection;
  snapshots: SnapshotStore;
  /** The Rooms view's parts (built by the root, which also hands them to the tests). */
  model: RoomsModel;
  provider: RoomsTreeProvider;
  view: RoomsView;
  /** The read-only room JSON documents (`worldclient-rtc:`), shared with the contract checks. */
  roomDocuments: RoomDocumentProvider;
  /** Puts the messages of a Delete All Messages snapshot back (the messages feature owns the upload). */
  restoreMessages(snapshot: SnapshotInfo): Promise<void>;
}

/**
 * The Rooms view and the room commands, the read-only room JSON documents, and the refreshes
 * a sign-in, a server switch or a changed rooms setting cause. Starts the first refresh.
 */
export function register(context: vscode.ExtensionContext, services: RoomsServices): void {
  const { runner, connection, model, provider, view } = services;
  // Every refresh goes through the runner: the one place that asks about an expired session.
  const refreshRooms = (): Promise<void | undefined> => runner.run('Refresh rooms', () => view.refresh());
  context.subscriptions.push(
    model,
    provider,
    view,
    ...roomCommands(services),
    ...roomsOrderCommands(runner),
    services.roomDocuments,
    vscode.workspace.registerTextDocumentContentProvider(ROOM_DOCUMENT_SCHEME, services.roomDocuments),
    connection.onDidChange(() => {
      void refreshRooms();
      // After a sign-in or a switch, the room documents on screen are fetched from the server now
      // in use; signed out, they keep the last copy, as the room panels do.
      if (connection.state === 'signedIn') {
        services.roomDocuments.reloadShown();
      }
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('worldclientRtc.rooms')) {
        model.setQuery(readRoomsViewSettings());
      }
    }),
  );
  void refreshRooms();
}
