import * as vscode from 'vscode';
import { CommandIds } from '../core/commandIds';
import type { CommandRunner } from '../core/commandRunner';
import { addMessages } from '../messages/addMessagesCommand';
import { deleteAllMessages, restoreMessagesSnapshot, type DeleteMessagesChoice } from '../messages/deleteMessagesCommand';
import { UnsentMessages } from '../messages/unsentMessages';
import { UploadFlow } from '../messages/uploadFlow';
import { roomIdsOrPick } from '../rooms/roomPicker';
import type { Connection } from '../session/connection';
import { ROOM_VIEW_TYPE } from '../shared/protocol';
import type { SnapshotInfo, SnapshotStore } from '../snapshots/snapshotStore';
import type { Ui } from '../core/prompts';
import { runPanelAction } from './panelActions';
import { RoomPanels, type RoomPanelsSeam } from './roomPanels';

export interface RoomPanelDeps {
  context: vscode.ExtensionContext;
  runner: CommandRunner;
  ui: Ui;
  connection: Connection;
  snapshots: SnapshotStore;
  log: vscode.LogOutputChannel;
}

/** The disposables to register, plus the panels' test seam for the extension's API. */
export type RoomPanelRegistration = vscode.Disposable[] & { readonly panels: RoomPanelsSeam; restoreMessages(snapshot: SnapshotInfo): Promise<void> };

/**
 * The room panel and the message commands: `openRoom`, `addMessages`, `deleteMessages`, and
 * the serializer that restores panels after a window reload.
 */
export function registerRoomPanel(deps: RoomPanelDeps): RoomPanelRegistration {
  const { runner, ui, connection, log } = deps;
  const panels = new RoomPanels({
    connection,
    log,
    extensionUri: deps.context.extensionUri,
    runAction: (panel, action) => runPanelAction(panel, action, runner, ui),
  });
  const onRoomChanged = (roomId: string): void => void panels.refresh(roomId);
  const unsent = new UnsentMessages();
  const uploads = new UploadFlow({ ui, connection, runner, unsent, onRoomChanged });

  const openRoom = async (argument: unknown, selection: unknown): Promise<void> => {
    for (const roomId of await roomIdsOrPick(ui, connection, vscode.l10n.t('Open which room?'), argument, selection)) {
      await panels.open(roomId);
    }
  };

  const disposables: vscode.Disposable[] = [
    panels,
    vscode.window.registerWebviewPanelSerializer(ROOM_VIEW_TYPE, panels),
    runner.register(CommandIds.openRoom, openRoom),
    runner.registerResumable(CommandIds.addMessages, (argument, selection) => {
      const progress = {};
      return () => addMessages({ ui, connection, unsent, uploads, log }, argument, selection, progress);
    }),
    runner.registerResumable(CommandIds.deleteMessages, (argument, selection) => {
      const choice: DeleteMessagesChoice = {};
      return () => deleteAllMessages({ ui, connection, runner, snapshots: deps.snapshots, uploads, log, onRoomChanged }, argument, selection, choice);
    }),
    connection.onDidChange(() => panels.reloadAll()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('worldclientRtc.watchIntervalSeconds')) {
        panels.restartWatches();
      }
    }),
  ];
  const restoreMessages = (snapshot: SnapshotInfo): Promise<void> => restoreMessagesSnapshot({ connection, snapshots: deps.snapshots, uploads }, snapshot);
  return Object.assign(disposables, { panels: panels as RoomPanelsSeam, restoreMessages });
}
