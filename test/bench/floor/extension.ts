import * as vscode from 'vscode';
import { checkRoomsFloor } from './floorCheck';
import { fetchJson, openFloorPanel, type FloorServer } from './floorPanel';

/** Where the benchmarks point the floor (firstRowsBench.ts, panelBench.ts, checkRoomsBench.ts); unset, it lists one item. */
const SERVER_URL = process.env.WORLDCLIENT_RTC_FLOOR_SERVER_URL;
const SESSION = process.env.WORLDCLIENT_RTC_FLOOR_SESSION;
const server: FloorServer | undefined = SERVER_URL && SESSION ? { url: SERVER_URL, session: SESSION } : undefined;

/**
 * The floor: one tree view and three commands, nothing else. The benchmarks bundle, package and
 * install it the way they do WorldClient RTC, so the difference between the two figures is what
 * our own code costs: activation (test/bench/activationBench.ts), and, given a server, the rooms
 * listed with one `fetch`, `JSON.parse` and the first 200 ids as items (firstRowsBench.ts), a room's
 * first 35 messages in a webview (panelBench.ts) and every room loaded (checkRoomsBench.ts).
 */
class FloorItems implements vscode.TreeDataProvider<string> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  getTreeItem(label: string): vscode.TreeItem {
    return new vscode.TreeItem(label);
  }

  async getChildren(): Promise<string[]> {
    if (!server) {
      return ['one item'];
    }
    // The same request our client sends for the room list.
    const list = await fetchJson<{ rooms: { id: string }[] }>(server, 'rooms');
    return list.rooms.slice(0, 200).map((room) => room.id);
  }

  refresh(): void {
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function activate(context: vscode.ExtensionContext): void {
  const items = new FloorItems();
  context.subscriptions.push(
    items,
    vscode.window.createTreeView('activationFloor.items', { treeDataProvider: items }),
    vscode.commands.registerCommand('activationFloor.refresh', () => items.refresh()),
    // The other moments' floors (panelBench.ts, checkRoomsBench.ts); they need the benchmark's server.
    vscode.commands.registerCommand('activationFloor.openRoom', async () => {
      const roomId = await vscode.window.showInputBox({ title: 'Floor: open which room?' });
      if (server && roomId) {
        await openFloorPanel(server, roomId);
      }
    }),
    vscode.commands.registerCommand('activationFloor.checkRooms', () => (server ? checkRoomsFloor(server) : undefined)),
  );
}
