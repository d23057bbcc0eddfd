import * as vscode from 'vscode';
import type { CommandRunner } from '../core/commandRunner';
import { CommandIds } from '../core/commandIds';
import type { RoomSortKey } from '../core/settings';

const SECTION = 'worldclientRtc';

/**
 * Sort and Group by state as commands (the Rooms view's title bar, its `…` menu, the palette),
 * each checked while in effect (the `toggled` clauses in package.json read the settings). They
 * change the settings where the value in effect comes from, so a workspace value is not hidden
 * under a user value that never applies.
 */
export function roomsOrderCommands(runner: CommandRunner): vscode.Disposable[] {
  const sorts: [string, RoomSortKey][] = [
    [CommandIds.sortRoomsByNewest, 'newest'],
    [CommandIds.sortRoomsByOldest, 'oldest'],
    [CommandIds.sortRoomsById, 'id'],
    [CommandIds.sortRoomsByMembers, 'members'],
  ];
  return [
    ...sorts.map(([command, sortBy]) => runner.register(command, () => updateRoomsSetting('rooms.sortBy', sortBy))),
    runner.register(CommandIds.toggleGroupByState, () =>
      updateRoomsSetting('rooms.groupByState', vscode.workspace.getConfiguration(SECTION).get('rooms.groupByState') !== true),
    ),
  ];
}

async function updateRoomsSetting(key: string, value: unknown): Promise<void> {
  const config = vscode.workspace.getConfiguration(SECTION);
  const inspected = config.inspect(key);
  const target =
    inspected?.workspaceFolderValue !== undefined
      ? vscode.ConfigurationTarget.WorkspaceFolder
      : inspected?.workspaceValue !== undefined
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
  await config.update(key, value, target);
}
