import * as vscode from 'vscode';
import { describeServerUrlProblem, readAutoRefreshSeconds, readSettings } from '../config/settings';
import type { RoomsModel } from './roomsModel';
import type { RoomsNode, RoomsTreeProvider } from './roomsTreeProvider';

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
        // One unusable URL replaced by another changes no client, so the model stays quiet.
        if (event.affectsConfiguration('worldclientRtc.serverUrl')) {
          this.render();
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
    const badServerUrl = state === 'noServer' ? readSettings().serverUrlProblem : undefined;
    void vscode.commands.executeCommand('setContext', 'worldclientRtc.roomsState', badServerUrl ? 'badServerUrl' : state);
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
    if (badServerUrl) {
      // Plain text on purpose: the welcome below is markdown, so the value a repository or a typo put there stays out of it.
      this.treeView.message = vscode.l10n.t('The server URL in settings ({0}) is not usable: {1}', quoteForDisplay(badServerUrl.shown), describeServerUrlProblem(badServerUrl.problem));
    } else if (model.stale) {
      this.treeView.message = vscode.l10n.t('⚠ Showing the list from before the last refresh failed: {0}', model.error ?? '');
    } else if (state === 'error') {
      this.treeView.message = vscode.l10n.t('Could not load rooms: {0}', model.error ?? '');
    } else if (state === 'ready' && model.filter && model.visibleGroups().every((group) => group.total === 0)) {
      this.treeView.message = vscode.l10n.t('No room matches “{0}”.', model.filter);
    } else {
      this.treeView.message = undefined;
    }
  }

  private scheduleAutoRefresh(): void {
    clearInterval(this.autoRefreshTimer);
    this.autoRefreshTimer = undefined;
    const seconds = readAutoRefreshSeconds();
    if (seconds > 0 && this.treeView.visible) {
      this.autoRefreshTimer = setInterval(() => {
        if (!this.model.loading) {
          void this.refresh();
        }
      }, seconds * 1000);
    }
  }
}

/** A settings value on one short line, with control and bidi characters shown as their code. */
function quoteForDisplay(value: string): string {
  const visible = value.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028-\u202e\u2066-\u2069]/g, (char) => `⟨U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`);
  return `“${visible.length > 80 ? `${visible.slice(0, 79)}…` : visible}”`;
}
