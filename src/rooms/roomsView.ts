import * as vscode from 'vscode';
import type { RoomsModel } from './roomsModel';
import type { RoomsNode, RoomsTreeProvider } from './roomsTreeProvider';
import { roomsViewMessage } from './roomsViewMessage';

export const ROOMS_VIEW_ID = 'worldclientRtc.rooms';

/**
 * The Rooms view around the model: its description (total, filter), its message (stale or
 * failed list), the context keys the welcome views and menus read, progress inside the view,
 * and the auto-refresh timer, which only runs while the view is visible.
 */
export class RoomsView implements vscode.Disposable {
  readonly treeView: vscode.TreeView<RoomsNode>;
  private autoRefreshTimer: ReturnType<typeof setInterval> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly model: RoomsModel,
    provider: RoomsTreeProvider,
  ) {
    this.treeView = vscode.window.createTreeView(ROOMS_VIEW_ID, { treeDataProvider: provider, canSelectMany: true, showCollapseAll: false });
    this.disposables.push(
      this.treeView,
      model.onDidChange(() => this.render()),
      this.treeView.onDidChangeVisibility(() => this.scheduleAutoRefresh()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('worldclientRtc.autoRefreshSeconds')) {
          this.scheduleAutoRefresh();
        }
      }),
    );
    this.render();
    this.scheduleAutoRefresh();
  }

  /** Refreshes with progress shown in the view itself. */
  refresh(): Thenable<void> {
    return vscode.window.withProgress({ location: { viewId: ROOMS_VIEW_ID } }, () => this.model.refresh());
  }

  dispose(): void {
    clearInterval(this.autoRefreshTimer);
    this.disposables.forEach((disposable) => disposable.dispose());
  }

  private render(): void {
    const model = this.model;
    const state = model.state;
    void vscode.commands.executeCommand('setContext', 'worldclientRtc.roomsState', state);
    void vscode.commands.executeCommand('setContext', 'worldclientRtc.filterActive', model.filter.length > 0);
    const total = model.total.toLocaleString('en-US');
    if (state === 'ready' || state === 'empty') {
      const shown = model.visibleGroups().reduce((sum, group) => sum + group.total, 0).toLocaleString('en-US');
      this.treeView.description = model.filter
        ? vscode.l10n.t('“{0}” · {1} of {2}', model.filter, shown, total)
        : model.total === 1
          ? vscode.l10n.t('{0} room', total)
          : vscode.l10n.t('{0} rooms', total);
    } else {
      this.treeView.description = undefined;
    }
    this.treeView.message = roomsViewMessage({
      state,
      stale: model.stale,
      loading: model.loading,
      error: model.error,
      filter: model.filter,
      shown: model.visibleGroups().reduce((sum, group) => sum + group.total, 0),
      total: model.total,
    });
  }

  private scheduleAutoRefresh(): void {
    clearInterval(this.autoRefreshTimer);
    this.autoRefreshTimer = undefined;
    const seconds = vscode.workspace.getConfiguration('worldclientRtc').get<number>('autoRefreshSeconds', 0);
    if (seconds > 0 && this.treeView.visible) {
      this.autoRefreshTimer = setInterval(() => {
        if (!this.model.loading) {
          void this.refresh();
        }
      }, seconds * 1000);
    }
  }
}
