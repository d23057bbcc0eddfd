import * as vscode from 'vscode';
import type { CommandRunner } from '../core/commandRunner';
import { CommandIds } from '../core/commandIds';
import type { ServerConnection } from '../session/serverConnection';
import type { SnapshotInfo, SnapshotStore } from '../snapshots/snapshotStore';
import type { Ui } from '../core/prompts';
import { withCancellableProgress } from '../core/cancellation';
import { AddRoomFlow } from './addRoomFlow';
import { DeleteRoomsFlow, newDeleteProgress } from './deleteRoomsFlow';
import { roomDocumentUri, type RoomDocumentProvider } from './roomDocuments';
import { restoreDeleted } from './restoreDeletedCommand';
import { serverRoomJson } from './roomFile';
import { roomIdsOrPick } from './roomPicker';
import { roomIdsFromArguments } from './roomArgument';
import { allRoomIds, chooseRoomsToExport } from './exportChoice';
import type { RoomsModel } from './roomsModel';
import type { RoomGroupKey } from './roomsQuery';
import { exportRooms, importRooms } from './roomTransfer';
import type { RoomsView } from './roomsView';
import { visibleId } from '../shared/inertText';

export interface RoomCommandDeps {
  runner: CommandRunner;
  ui: Ui;
  connection: ServerConnection;
  model: RoomsModel;
  view: RoomsView;
  snapshots: SnapshotStore;
  /** The read-only room JSON documents (Open Room JSON shows them). */
  roomDocuments: RoomDocumentProvider;
  /** Puts the messages of a Delete All Messages snapshot back (the message commands own the upload). */
  restoreMessages(snapshot: SnapshotInfo): Promise<void>;
}

/** The room commands, registered through the runner; the disposables to keep. */
export function roomCommands(deps: RoomCommandDeps): vscode.Disposable[] {
  const { runner, ui, connection, model, view, snapshots } = deps;
  // Through the command, so a refresh after an action never makes the runner repeat that action.
  const refreshView = async (): Promise<void> => {
    await vscode.commands.executeCommand(CommandIds.refresh);
  };
  const addRoom = new AddRoomFlow(ui, connection, refreshView);
  const deleteFlow = new DeleteRoomsFlow(ui, connection, model, snapshots, (label, error) => runner.report(label, error), refreshView);

  /** The rooms a command acts on: the tree selection, an id argument, or one picked from a list. */
  const roomsFor = async (title: string, first: unknown, selection: unknown): Promise<string[]> => {
    // Keybindings pass no tree item, so ours send { useSelection: true } to act on the selection.
    const fromKeyboard = isSelectionRequest(first) ? [...view.treeView.selection] : undefined;
    return roomIdsOrPick(ui, connection, title, fromKeyboard ? undefined : first, fromKeyboard ?? selection);
  };

  return [
    runner.register(CommandIds.refresh, () => view.refresh()),
    runner.register(CommandIds.filterRooms, async () => {
      const before = model.filter;
      const filter = await ui.showInputBox({
        title: vscode.l10n.t('Filter rooms'),
        prompt: vscode.l10n.t('Show rooms whose id or members contain this text (the view follows as you type). Escape keeps the previous filter.'),
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
    runner.register(CommandIds.restoreDeletedRoom, () => restoreDeleted({ ui, connection, snapshots, deleteFlow, restoreMessages: deps.restoreMessages, refreshView })),
    runner.register(CommandIds.copyRoomId, async (first, selection) => {
      const ids = await roomsFor(vscode.l10n.t('Copy room id'), first, selection);
      if (ids.length) {
        await vscode.env.clipboard.writeText(ids.join('\n'));
      }
    }),
    runner.register(CommandIds.copyRoomJson, async (first) => {
      const [roomId] = await roomsFor(vscode.l10n.t('Copy room JSON'), first, undefined);
      if (roomId !== undefined) {
        const room = await withCancellableProgress(
          vscode.l10n.t('Loading “{0}”…', visibleId(roomId)), (signal) => connection.api().getRoom(roomId, signal));
        await vscode.env.clipboard.writeText(serverRoomJson(room));
        const copied = vscode.l10n.t('Copied the JSON of “{0}” ({1} message(s)).', visibleId(roomId), room.messages.length);
        void ui.showMessage('info', copied, {});
      }
    }),
    runner.register(CommandIds.openRoomJson, async (first) => {
      const [roomId] = await roomsFor(vscode.l10n.t('Open room JSON'), first, undefined);
      if (roomId !== undefined) {
        // Already open, the document would show the room as it was then: it is fetched anew, and
        // the editor takes the new text a moment after it shows.
        deps.roomDocuments.reload(roomDocumentUri(roomId));
        const document = await vscode.workspace.openTextDocument(roomDocumentUri(roomId));
        await vscode.window.showTextDocument(document, { preview: true });
        return document;
      }
      return undefined;
    }),
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
      const report = await importRooms(ui, connection);
      if (report?.imported.length) {
        await refreshView();
      }
      return report;
    }),
  ];
}

function isSelectionRequest(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { useSelection?: unknown }).useSelection === true;
}

function isGroupKey(value: unknown): value is RoomGroupKey {
  return value === 'all' || value === 'active' || value === 'ended';
}
