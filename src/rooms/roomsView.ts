import * as vscode from 'vscode';
import { readAutoRefreshSeconds, readSettings } from '../core/settings';
import type { ServerUrlProblem } from '../core/settingValues';
import { PollTimer } from '../core/pollTimer';
import type { RoomsModel, RoomsState } from './roomsModel';
import type { RoomsNode, RoomsTreeProvider } from './roomsTreeProvider';
import { onHost, roomsViewMessage, shownOfTotal, type RoomsViewFacts } from './roomsViewMessage';
import { shownHost } from '../core/serverConnection';
import { userRoomWords } from './roomPhrases';

export const ROOMS_VIEW_ID = 'worldclientRtc.rooms';
/** How long the first list may take with only the welcome's "Loading rooms…" on screen. */
const QUIET_FIRST_LIST_MS = 500;

/**
 * The Rooms view around the model: its description (total, filter, the server's host), its message (stale or
 * failed list), the context keys the welcome views and menus read, progress inside the view,
 * and the auto-refresh timer, which only runs while the view is visible.
 */
export class RoomsView implements vscode.Disposable {
  readonly treeView: vscode.TreeView<RoomsNode>;
  /** Refreshes whose progress is showing in the view. */
  refreshesInProgress = 0;
  /** How many times the view's progress bar has been shown (a quick first list shows none). */
  progressShown = 0;
  /** The same timer as a panel's Watch: the next wait starts when a refresh has ended, so refreshes never overlap. */
  private readonly autoRefreshTimer = new PollTimer(
    () => readAutoRefreshSeconds() * 1000,
    async () => {
      if (!this.model.loading) {
        await this.autoRefresh();
      }
    },
  );
  private readonly disposables: vscode.Disposable[] = [];
  private shownState: RoomsState | 'badServerUrl' = 'noServer';
  private shownServerUrlProblem: ServerUrlProblem | undefined;
  private readonly contextValues = new Map<string, string | boolean>();
  private readonly words = userRoomWords();

  /**
   * @param autoRefresh the view's one refresh, wrapped by the runner (an expired session is handled like any other's).
   * @param serverUrl the server the list comes from, which the view names ('' for none).
   */
  constructor(
    private readonly model: RoomsModel,
    provider: RoomsTreeProvider,
    private readonly autoRefresh: () => unknown,
    private readonly serverUrl: () => string,
  ) {
    this.treeView = vscode.window.createTreeView(ROOMS_VIEW_ID, {
      treeDataProvider: provider,
      canSelectMany: true,
      showCollapseAll: false,
    });
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

  /** The worldclientRtc.roomsState context key the welcome views and menus read. */
  get welcomeState(): RoomsState | 'badServerUrl' {
    return this.shownState;
  }

  /** Why the server URL in settings cannot be used (the worldclientRtc.serverUrlProblem context key), if it cannot. */
  get serverUrlProblem(): ServerUrlProblem | undefined {
    return this.shownServerUrlProblem;
  }

  /**
   * Refreshes with progress shown in the view itself. The progress ends with the request, also
   * when it fails; an expired session rejects, for the command runner to ask about signing in.
   */
  async refresh(): Promise<void> {
    this.refreshesInProgress++;
    try {
      const refreshing = this.model.refresh();
      // The first list: the view's welcome says "Loading rooms…" already, and the bar beside it has
      // the window redraw every frame while the list is on its way (the first rows came 45 ms later
      // with it, BENCHMARKS.md). It joins the welcome only when the list is slow to come.
      if (this.model.state === 'loading' && (await settlesWithin(refreshing, QUIET_FIRST_LIST_MS))) {
        return await refreshing;
      }
      await vscode.window.withProgress({ location: { viewId: ROOMS_VIEW_ID } }, () => {
        this.progressShown++;
        return refreshing;
      });
    } finally {
      this.refreshesInProgress--;
    }
  }

  dispose(): void {
    this.autoRefreshTimer.dispose();
    this.disposables.forEach((disposable) => disposable.dispose());
  }

  private render(): void {
    const model = this.model;
    const state = model.state;
    const badServerUrl = state === 'noServer' ? readSettings().serverUrlProblem : undefined;
    this.shownState = badServerUrl ? 'badServerUrl' : state;
    this.shownServerUrlProblem = badServerUrl?.problem;
    this.setContext('worldclientRtc.roomsState', this.shownState);
    // One welcome per reason (package.json): a view message would hide the welcome, and the value itself stays out of its markdown.
    this.setContext('worldclientRtc.serverUrlProblem', this.shownServerUrlProblem ?? '');
    this.setContext('worldclientRtc.filterActive', model.filter.length > 0);
    const groups = model.visibleGroups();
    const serverUrl = this.serverUrl();
    const facts: RoomsViewFacts = {
      state,
      host: serverUrl ? shownHost(serverUrl) : '',
      stale: model.stale,
      loading: model.loading,
      error: model.error,
      filter: model.filter,
      shown: groups.reduce((sum, group) => sum + group.total, 0),
      onScreen: groups.reduce((sum, group) => sum + group.rooms.length, 0),
      total: model.total,
    };
    // Formatted only here: the first number format loads ICU's data, which activation need not pay.
    const shownOf = state === 'ready' || state === 'empty' ? onHost(shownOfTotal(facts, this.words), facts.host) : facts.host;
    const description = (shownOf && model.filter ? vscode.l10n.t('“{0}” · {1}', model.filter, shownOf) : shownOf) || undefined;
    // Only what changed: each message set makes VS Code's tree wait 200 ms longer before it asks
    // for the items of a pending refresh, and each title or context key is a round trip to the window.
    if (description !== this.treeView.description) {
      this.treeView.description = description;
    }
    const message = roomsViewMessage(facts, this.words);
    if (message !== this.treeView.message) {
      this.treeView.message = message;
    }
  }

  private setContext(key: string, value: string | boolean): void {
    if (this.contextValues.get(key) !== value) {
      this.contextValues.set(key, value);
      void vscode.commands.executeCommand('setContext', key, value);
    }
  }

  private scheduleAutoRefresh(): void {
    this.autoRefreshTimer.setActive(readAutoRefreshSeconds() > 0 && this.treeView.visible);
    // A new interval or a view shown again waits a full interval from now.
    this.autoRefreshTimer.restart();
  }
}

/** Whether `work` settles (either way) within `ms`; its outcome is for the caller to await. */
function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const settled = work.then(
    () => true,
    () => true,
  );
  return Promise.race([settled, late]).finally(() => clearTimeout(timer));
}
