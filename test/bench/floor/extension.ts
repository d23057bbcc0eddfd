import * as vscode from 'vscode';

/**
 * The activation floor: one tree view and one command, nothing else. The activation benchmark
 * bundles, packages and installs it the way it does WorldClient RTC, so the difference between
 * the two figures is what our own code costs (test/bench/activationBench.ts).
 */
class FloorItems implements vscode.TreeDataProvider<string> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  getTreeItem(label: string): vscode.TreeItem {
    return new vscode.TreeItem(label);
  }

  getChildren(): string[] {
    return ['one item'];
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
