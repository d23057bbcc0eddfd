import * as vscode from 'vscode';
import { CommandIds } from '../core/commandIds';
import type { CommandRunner } from '../core/commandRunner';
import type { FeatureLinks } from '../core/featureLinks';
import type { Ui } from '../core/prompts';
import type { ServerConnection } from '../core/serverConnection';
import type { SnapshotStore } from '../core/snapshotStore';
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
  links: FeatureLinks;
}

/**
 * `addMessages` and `deleteMessages`, the uploads behind them and Undo, and the messages not sent
 * yet. Offers both commands on one room (the panel's buttons) and the restore of a messages
 * snapshot ("Restore Deleted Room…"); says through the links when a room's messages changed.
 */
export function register(context: vscode.ExtensionContext, services: MessagesServices): void {
  const { runner, ui, connection, snapshots, log, links } = services;
  const onRoomChanged = (roomId: string, hasMessages: boolean): void => links.changedRoom(roomId, hasMessages);
  const unsent = new UnsentMessages();
  const uploads = new UploadFlow({ ui, connection, runner, unsent, onRoomChanged, signIn: () => links.run('signIn') });
  const add = runner.resumable(CommandIds.addMessages, (argument, selection) => {
    const progress = {};
    return () => addMessages({ ui, connection, unsent, uploads, log }, argument, selection, progress);
  });
  const deleteAll = runner.resumable(CommandIds.deleteMessages, (argument, selection) => {
    const choice: DeleteMessagesChoice = {};
    return () => deleteAllMessages({ ui, connection, runner, snapshots, uploads, log, onRoomChanged }, argument, selection, choice);
  });
  context.subscriptions.push(
    vscode.commands.registerCommand(CommandIds.addMessages, add),
    vscode.commands.registerCommand(CommandIds.deleteMessages, deleteAll),
    links.provide('addMessages', (roomId) => add(roomId)),
    links.provide('deleteMessages', (roomId) => deleteAll(roomId)),
    links.provide('restoreMessages', (snapshot) => restoreMessagesSnapshot({ connection, snapshots, uploads }, snapshot)),
  );
}
