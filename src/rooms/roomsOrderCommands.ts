import * as vscode from 'vscode';
import type { CommandRunner } from '../core/commandRunner';
import { CommandIds } from '../core/commandIds';
import type { RoomSortKey } from '../core/settings';

const SECTION = 'worldclientRtc';

/**
 * Sort and Group by state as commands (the Rooms view's title bar, its `…` menu, the palette).
 * Extensions cannot contribute checked menu items, so each has a twin titled "✓ …" that the menu
 * shows instead while its order is in effect (package.json's `when` clauses read the settings).
 * They change the settings where the value in effect comes from, so a workspace value is not
 * hidden under a user value that never applies.
 */
export function roomsOrderCommands(runner: CommandRunner): vscode.Disposable[] {
  const sorts: [string, string, RoomSortKey][] = [
    [CommandIds.sortRoomsByNewest, CommandIds.sortRoomsByNewestActive, 'newest'],
    [CommandIds.sortRoomsByOldest, CommandIds.sortRoomsByOldestActive, 'oldest'],
    [CommandIds.sortRoomsById, CommandIds.sortRoomsByIdActive, 'id'],
    [CommandIds.sortRoomsByMembers, CommandIds.sortRoomsByMembersActive, 'members'],
  ];
  const toggleGroups = () =>
    updateRoomsSetting('rooms.groupByState', vscode.workspace.getConfiguration(SECTION).get('rooms.groupByState') !== true);
  return [
    ...sorts.flatMap(([command, twin, sortBy]) =>
      [command, twin].map((id) => runner.register(id, () => updateRoomsSetting('rooms.sortBy', sortBy))),
    ),
    ...[CommandIds.toggleGroupByState, CommandIds.toggleGroupByStateActive].map((id) => runner.register(id, toggleGroups)),
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
