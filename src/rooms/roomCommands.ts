import * as vscode from 'vscode';
import type { CommandRunner } from '../commands/commandRunner';
import { CommandIds } from '../commandIds';
import type { Connection } from '../session/connection';
import type { SnapshotStore } from '../snapshots/snapshotStore';
import type { Ui } from '../ui/ui';
import { withCancellableProgress } from '../util/cancellation';
import { AddRoomFlow } from './addRoomFlow';
import { DeleteRoomsFlow } from './deleteRoomsFlow';
import { roomIdsFromArguments } from './roomArgument';
import { roomDocumentUri } from './roomDocuments';
import { pickRoom } from './roomPicker';
import type { RoomsModel } from './roomsModel';
import type { RoomGroupKey } from './roomsQuery';
import { exportRooms, importRooms } from './roomTransfer';
import type { RoomsView } from './roomsView';

export interface RoomCommandDeps {
  runner: CommandRunner;
  ui: Ui;
  connection: Connection;
  model: RoomsModel;
  view: RoomsView;
  snapshots: SnapshotStore;
}

export function registerRoomCommands(deps: RoomCommandDeps): { disposables: vscode.Disposable[]; deleteFlow: DeleteRoomsFlow } {
  const { runner, ui, connection, model, view, snapshots } = deps;
  const addRoom = new AddRoomFlow(ui, connection, () => view.refresh() as Promise<void>);
  const deleteFlow = new DeleteRoomsFlow(ui, connection, model, snapshots, (label, error) => runner.report(label, error));

  /** The rooms a command acts on: the tree selection, an id argument, or one picked from a list. */
  const roomsFor = async (title: string, first: unknown, selection: unknown): Promise<string[]> => {
    const ids = roomIdsFromArguments(first, selection);
    if (ids.length > 0) {
      return ids;
    }
    const picked = await pickRoom(ui, connection, title);
    return picked === undefined ? [] : [picked];
  };

  const disposables = [
    runner.register(CommandIds.refresh, () => view.refresh()),
    runner.register(CommandIds.filterRooms, async () => {
      const filter = await ui.showInputBox({ title: 'Filter rooms', prompt: 'Show rooms whose id or members contain this text. Leave empty to show all.', value: model.filter });
      if (filter !== undefined) {
        model.setQuery({ filter: filter.trim() });
      }
    }),
    runner.register(CommandIds.clearFilter, () => model.setQuery({ filter: '' })),
    runner.register(CommandIds.loadMoreRooms, (group) => model.loadMore(isGroupKey(group) ? group : 'all')),
    runner.register(CommandIds.addRoom, () => addRoom.run()),
    runner.register(CommandIds.deleteRoom, async (first, selection) => {
      const ids = await roomsFor('Delete room', first, selection);
      return ids.length ? deleteFlow.run(ids) : undefined;
    }),
    runner.register(CommandIds.restoreDeletedRoom, async () => {
      const saved = (await snapshots.list(connection.serverUrl)).filter((info) => info.reason === 'deleteRoom');
      if (saved.length === 0) {
        void ui.showMessage('info', 'No deleted rooms are kept for this server (copies are kept for 7 days).', {});
        return [];
      }
      const picked = await ui.showQuickPickMany(
        saved.map((info) => ({ label: info.roomId, description: `${info.messageCount} message(s)`, detail: `deleted ${new Date(info.savedAt).toLocaleString()}`, info })),
        { title: 'Restore deleted rooms' },
      );
      if (!picked?.length) {
        return [];
      }
      const restored = await deleteFlow.restore(picked.map((item) => item.info));
      void ui.showMessage('info', `Restored ${restored.length} room(s).`, {});
      await view.refresh();
      return restored;
    }),
    runner.register(CommandIds.copyRoomId, async (first, selection) => {
      const ids = await roomsFor('Copy room id', first, selection);
      if (ids.length) {
        await vscode.env.clipboard.writeText(ids.join('\n'));
      }
    }),
    runner.register(CommandIds.copyRoomJson, async (first) => {
      const [roomId] = await roomsFor('Copy room JSON', first, undefined);
      if (roomId !== undefined) {
        const room = await withCancellableProgress(`Loading “${roomId}”…`, (signal) => connection.api().getRoom(roomId, signal));
        await vscode.env.clipboard.writeText(JSON.stringify(room, null, 2));
        void ui.showMessage('info', `Copied the JSON of “${roomId}” (${room.messages.length} message(s)).`, {});
      }
    }),
    runner.register(CommandIds.openRoomJson, async (first) => {
      const [roomId] = await roomsFor('Open room JSON', first, undefined);
      if (roomId !== undefined) {
        const document = await vscode.workspace.openTextDocument(roomDocumentUri(roomId));
        await vscode.window.showTextDocument(document, { preview: true });
        return document;
      }
      return undefined;
    }),
    runner.register(CommandIds.exportRooms, async (first, selection) => {
      const ids = await roomsFor('Export room', first, selection);
      return ids.length ? exportRooms(ui, connection, ids) : undefined;
    }),
    runner.register(CommandIds.importRooms, async () => {
      const report = await importRooms(ui, connection);
      if (report?.imported.length) {
        await view.refresh();
      }
      return report;
    }),
  ];
  return { disposables, deleteFlow };
}

function isGroupKey(value: unknown): value is RoomGroupKey {
  return value === 'all' || value === 'active' || value === 'ended';
}
