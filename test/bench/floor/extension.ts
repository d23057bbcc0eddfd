import * as vscode from 'vscode';

/** Where the first-rows benchmark points the floor (test/bench/firstRowsBench.ts); unset, it lists one item. */
const SERVER_URL = process.env.WORLDCLIENT_RTC_FLOOR_SERVER_URL;
const SESSION = process.env.WORLDCLIENT_RTC_FLOOR_SESSION;

/**
 * The floor: one tree view and one command, nothing else. The benchmarks bundle, package and
 * install it the way they do WorldClient RTC, so the difference between the two figures is what
 * our own code costs: activation (test/bench/activationBench.ts), and, given a server, the rooms
 * listed with one `fetch`, `JSON.parse` and the first 200 ids as items (firstRowsBench.ts).
 */
class FloorItems implements vscode.TreeDataProvider<string> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  getTreeItem(label: string): vscode.TreeItem {
    return new vscode.TreeItem(label);
  }

  async getChildren(): Promise<string[]> {
    if (!SERVER_URL || !SESSION) {
      return ['one item'];
    }
    // The same request our client sends for the room list (path style, session in the header).
    const headers = { Accept: 'application/json', Authorization: `Bearer ${SESSION}` };
    const reply = await fetch(`${SERVER_URL}/WorldClientAPI/rtc/rooms`, { headers });
    const list = JSON.parse(await reply.text()) as { rooms: { id: string }[] };
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
  );
}
