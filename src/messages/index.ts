import * as vscode from 'vscode';
import { CommandIds } from '../core/commandIds';
import type { CommandRunner } from '../core/commandRunner';
import type { Ui } from '../core/prompts';
import type { ServerConnection } from '../session/serverConnection';
import type { SnapshotInfo, SnapshotStore } from '../snapshots/snapshotStore';
import { addMessages } from './addMessagesCommand';
import { deleteAllMessages, restoreMessagesSnapshot, type DeleteMessagesChoice } from './deleteMessagesCommand';
import { UnsentMessages } from './unsentMessages';
import { UploadFlow } from './uploadFlow';

/** What the messages feature needs from the composition root. */
export interface MessagesServices {
  runner: CommandRunner;
  ui: Ui;
  connection: ServerConnection;
  snapshots: SnapshotStore;
  log: vscode.LogOutputChannel;
  /** Shows a room's new contents wherever it is shown (its tree entry, its panel), after messages went in or out. */
  refreshRoom(roomId: string, hasMessages: boolean): void;
  /**
   * Where this feature hands over how to put a messages snapshot back, for "Restore Deleted
   * Room…" (the rooms feature), which cannot import this folder without a loop.
   */
  messageRestore: MessageRestore;
}

/** Filled in by the messages feature's register(); called by the rooms feature's restore command. */
export interface MessageRestore {
  restore(snapshot: SnapshotInfo): Promise<void>;
}

/** `addMessages` and `deleteMessages`, the uploads behind them and Undo, and the messages not sent yet. */
export function register(context: vscode.ExtensionContext, services: MessagesServices): void {
  const { runner, ui, connection, snapshots, log } = services;
  const onRoomChanged = (roomId: string, hasMessages: boolean): void => services.refreshRoom(roomId, hasMessages);
  const unsent = new UnsentMessages();
  const uploads = new UploadFlow({ ui, connection, runner, unsent, onRoomChanged });
  services.messageRestore.restore = (snapshot) => restoreMessagesSnapshot({ connection, snapshots, uploads }, snapshot);
  context.subscriptions.push(
    runner.registerResumable(CommandIds.addMessages, (argument, selection) => {
      const progress = {};
      return () => addMessages({ ui, connection, unsent, uploads, log }, argument, selection, progress);
    }),
    runner.registerResumable(CommandIds.deleteMessages, (argument, selection) => {
      const choice: DeleteMessagesChoice = {};
      return () => deleteAllMessages({ ui, connection, runner, snapshots, uploads, log, onRoomChanged }, argument, selection, choice);
    }),
  );
}
