import * as vscode from 'vscode';
import type { Room } from '../api/types';
import type { CommandRunner } from '../core/commandRunner';
import { CommandIds } from '../core/commandIds';
import type { ServerConnection } from '../core/serverConnection';
import type { FeatureLinks } from '../core/featureLinks';
import type { SnapshotInfo, SnapshotStore } from '../core/snapshotStore';
import type { Ui } from '../core/prompts';
import { withCancellableProgress } from '../core/cancellation';
import { AddRoomFlow } from './addRoomFlow';
import { DeleteRoomsFlow, newDeleteProgress } from './deleteRoomsFlow';
import { roomDocumentUri } from '../core/rooms/roomDocuments';
import type { RoomDocumentProvider } from './roomDocumentProvider';
import { restoreDeleted } from './restoreDeletedCommand';
import { serverRoomJson } from './roomFile';
import { roomIdsOrPick } from '../core/rooms/roomPicker';
import { roomIdsFromArguments } from '../core/rooms/roomArgument';
import { allRoomIds, chooseRoomsToExport } from './exportChoice';
import type { RoomsModel } from './roomsModel';
import type { RoomGroupKey } from '../core/rooms/roomsQuery';
import { exportLoadedRoom, exportRoomAsReceived, exportRooms, importRooms } from './roomTransfer';
import type { RoomsView } from './roomsView';
import { visibleId } from '../shared/inertText';
import { formatCount } from '../core/numbers';

export interface RoomCommandDeps {
  runner: CommandRunner;
  ui: Ui;
  connection: ServerConnection;
  model: RoomsModel;
  view: RoomsView;
  snapshots: SnapshotStore;
  /** The read-only room JSON documents (Open Room JSON shows them). */
  roomDocuments: RoomDocumentProvider;
  /** The messages feature's restore of a Delete All Messages snapshot; this feature's Open JSON and Export, for the panel. */
  links: FeatureLinks;
  /** The one refresh of the Rooms view, already wrapped by the runner, for after an action. */
  refresh(): Promise<unknown>;
}

/** The room commands, registered through the runner; the disposables to keep. */
export function roomCommands(deps: RoomCommandDeps): vscode.Disposable[] {
  const { runner, ui, connection, model, view, snapshots, links } = deps;
  // Its own run of the runner, so a refresh after an action never makes the runner repeat that action.
  const refreshView = async (): Promise<void> => void (await deps.refresh());
  const addRoom = new AddRoomFlow(ui, connection, refreshView);
  const deleteFlow = new DeleteRoomsFlow(ui, connection, model, snapshots, runner, refreshView);

  /** The rooms a command acts on: the tree selection, an id argument, or one picked from a list. */
  const roomsFor = async (title: string, first: unknown, selection: unknown): Promise<string[]> => {
    // Keybindings pass no tree item, so ours send { useSelection: true } to act on the selection.
    const fromKeyboard = isSelectionRequest(first) ? [...view.treeView.selection] : undefined;
    return roomIdsOrPick(ui, connection, title, fromKeyboard ? undefined : first, fromKeyboard ?? selection);
  };

  return [
    vscode.commands.registerCommand(CommandIds.refresh, () => deps.refresh()),
    runner.register(CommandIds.filterRooms, async () => {
      const before = model.filter;
      const filter = await ui.showInputBox({
        title: vscode.l10n.t('Filter rooms'),
        prompt: vscode.l10n.t(
          'Show rooms whose id or members contain this text (the view follows as you type). Escape keeps the previous filter.',
        ),
        value: model.filter,
        // Called on every keystroke: the view filters as the user types.
        validateInput: (value) => {
          model.setQuery({ filter: value.trim() });
          return undefined;
        },
      });
      model.setQuery({ filter: filter === undefined ? before : filter.trim() });
    }),
    runner.register(CommandIds.clearFilter, () => model.setQuery({ filter: '' })),
    runner.register(CommandIds.loadMoreRooms, (group) => model.loadMore(isGroupKey(group) ? group : 'all')),
    runner.register(CommandIds.addRoom, () => addRoom.run()),
    runner.registerResumable(CommandIds.deleteRoom, (first, selection) => {
      // Kept across a sign-in retry: the rooms chosen, the confirmation, the rooms already deleted.
      let ids: string[] | undefined;
      const progress = newDeleteProgress();
      return async () => {
        ids ??= await roomsFor(vscode.l10n.t('Delete room'), first, selection);
        return ids.length ? deleteFlow.run(ids, progress) : undefined;
      };
    }),
    runner.register(CommandIds.restoreDeletedRoom, () => {
      const restoreMessages = (snapshot: SnapshotInfo): Promise<void> => links.run('restoreMessages', snapshot);
      const reportFailures = runner.reportRoomFailures.bind(runner);
      return restoreDeleted({ ui, connection, snapshots, deleteFlow, restoreMessages, refreshView, reportFailures });
    }),
    runner.register(CommandIds.copyRoomId, async (first, selection) => {
      const ids = await roomsFor(vscode.l10n.t('Copy room id'), first, selection);
      if (ids.length) {
        await vscode.env.clipboard.writeText(ids.join('\n'));
      }
    }),
    runner.register(CommandIds.copyRoomJson, async (first) => {
      const [roomId] = await roomsFor(vscode.l10n.t('Copy room JSON'), first, undefined);
      if (roomId !== undefined) {
        const room = await withCancellableProgress(vscode.l10n.t('Loading “{0}”…', visibleId(roomId)), (signal) =>
          connection.api().getRoom(roomId, signal),
        );
        await vscode.env.clipboard.writeText(serverRoomJson(room));
        const copied =
          room.messages.length === 1
            ? vscode.l10n.t('Copied the JSON of “{0}” (1 message).', visibleId(roomId))
            : vscode.l10n.t('Copied the JSON of “{0}” ({1} messages).', visibleId(roomId), formatCount(room.messages.length));
        void ui.showMessage('info', copied, {});
      }
    }),
    runner.register(CommandIds.openRoomJson, async (first) => {
      const [roomId] = await roomsFor(vscode.l10n.t('Open room JSON'), first, undefined);
      return roomId === undefined ? undefined : openRoomJson(deps.roomDocuments, roomId);
    }),
    links.provide(
      'openRoomJson',
      runner.wrap(CommandIds.openRoomJson, (roomId: string) => openRoomJson(deps.roomDocuments, roomId)),
    ),
    links.provide(
      'restoreRoom',
      runner.wrap('Undo delete', (roomId: string) => deleteFlow.undoRoom(roomId)),
    ),
    links.provide(
      'exportRoom',
      runner.wrap('Export room JSON', (roomId: string, loaded: Room | undefined) =>
        loaded ? exportLoadedRoom(ui, loaded) : exportRoomAsReceived(ui, connection, roomId),
      ),
    ),
    runner.register(CommandIds.exportRooms, async (first, selection) => {
      // Rooms named by the user (a context menu, an id) export at once; otherwise the user chooses which.
      const named = isSelectionRequest(first) ? [] : roomIdsFromArguments(first, selection);
      const selected = isSelectionRequest(first) ? roomIdsFromArguments(undefined, [...view.treeView.selection]) : [];
      const ids = named.length ? named : await chooseRoomsToExport(ui, connection, model, selected);
      return ids.length ? exportRooms(ui, connection, ids) : undefined;
    }),
    runner.register(CommandIds.exportAllRooms, async () => {
      const ids = await allRoomIds(connection, model);
      return ids.length ? exportRooms(ui, connection, ids) : undefined;
    }),
    runner.register(CommandIds.importRooms, async () => {
      return importRooms({ ui, connection, snapshots, runner, refreshView });
    }),
  ];
}

/** Shows a room's JSON document, fetched anew: an open one would show the room as it was then. */
async function openRoomJson(roomDocuments: RoomDocumentProvider, roomId: string): Promise<vscode.TextDocument> {
  // The editor takes the new text a moment after it shows.
  roomDocuments.reload(roomDocumentUri(roomId));
  const document = await vscode.workspace.openTextDocument(roomDocumentUri(roomId));
  await vscode.window.showTextDocument(document, { preview: true });
  return document;
}

function isSelectionRequest(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { useSelection?: unknown }).useSelection === true;
}

function isGroupKey(value: unknown): value is RoomGroupKey {
  return value === 'all' || value === 'active' || value === 'ended';
}
