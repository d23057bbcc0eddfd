import * as vscode from 'vscode';
import type { RoomSummary } from '../api/types';
import { CommandIds } from '../core/commandIds';
import type { CommandRunner } from '../core/commandRunner';
import type { FeatureLinks } from '../core/featureLinks';
import type { Ui } from '../core/prompts';
import { ROOM_DOCUMENT_SCHEME } from '../core/rooms/roomDocuments';
import type { ServerConnection } from '../core/serverConnection';
import { readRoomsViewSettings } from '../core/settings';
import type { SnapshotStore } from '../core/snapshotStore';
import { roomCommands } from './roomCommands';
import { RoomDocumentProvider } from './roomDocumentProvider';
import { RoomsModel } from './roomsModel';
import { RoomsTreeProvider } from './roomsTreeProvider';
import { RoomsView } from './roomsView';

// What other features may know of this one's parts: types only, through this file.
export type { RoomItemAnnotator } from './roomsTreeProvider';
export type { TooltipPart } from './roomPresentation';
import { roomsOrderCommands } from './roomsOrderCommands';

/** What the rooms feature needs from the composition root. */
export interface RoomsServices {
  runner: CommandRunner;
  ui: Ui;
  connection: ServerConnection;
  snapshots: SnapshotStore;
  log: vscode.LogOutputChannel;
  links: FeatureLinks;
}

/** What the rooms feature offers: the list and the tree (the contract checks annotate them), the room documents' loads. */
export interface RoomsOffer {
  readonly model: RoomsModel;
  readonly provider: RoomsTreeProvider;
  readonly view: RoomsView;
  readonly documents: Pick<RoomDocumentProvider, 'onDidLoad'>;
  /** The room as the list shows it (the first entry with that id), e.g. for a panel's header. */
  listedRoom(roomId: string): RoomSummary | undefined;
  /** Rooms deleted through this extension (a panel says so), and any change of the list (a room listed again). */
  readonly onDidRemoveRooms: vscode.Event<readonly string[]>;
  readonly onDidChangeList: vscode.Event<unknown>;
}

/**
 * The Rooms view and the room commands, the read-only room JSON documents, and the refreshes
 * a sign-in, a server switch or a changed rooms setting cause. Starts the first refresh.
 */
export function register(context: vscode.ExtensionContext, services: RoomsServices): RoomsOffer {
  const { runner, connection, log, links } = services;
  const model = new RoomsModel(connection, { filter: '', ...readRoomsViewSettings() }, Date.now, (message) => log.warn(message));
  const provider = new RoomsTreeProvider(model);
  // The one refresh: the command, the timer, a sign-in and every action after a write run it; the
  // runner is the one place that asks about an expired session.
  const refresh: () => Promise<void | undefined> = runner.wrap(CommandIds.refresh, () => view.refresh());
  const view = new RoomsView(model, provider, refresh, () => connection.serverUrl);
  const roomDocuments = new RoomDocumentProvider(connection);
  context.subscriptions.push(
    model,
    provider,
    view,
    ...roomCommands({ ...services, model, view, roomDocuments, refresh }),
    ...roomsOrderCommands(runner),
    roomDocuments,
    vscode.workspace.registerTextDocumentContentProvider(ROOM_DOCUMENT_SCHEME, roomDocuments),
    // One of our writes changed a room's messages: its icon and tooltip follow at once.
    links.onDidChangeRoom(({ roomId, hasMessages }) => model.setHasMessages(roomId, hasMessages)),
    connection.onDidChange(() => {
      void refresh();
      // After a sign-in or a switch, the room documents on screen are fetched from the server now
      // in use; signed out, they keep the last copy, as the room panels do.
      if (connection.state === 'signedIn') {
        roomDocuments.reloadShown();
      }
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('worldclientRtc.rooms')) {
        model.setQuery(readRoomsViewSettings());
      }
    }),
  );
  void refresh();
  const listedRoom = (roomId: string): RoomSummary | undefined => model.find(roomId);
  return {
    model,
    provider,
    view,
    documents: roomDocuments,
    listedRoom,
    onDidRemoveRooms: model.onDidRemoveRooms,
    onDidChangeList: model.onDidChange,
  };
}
