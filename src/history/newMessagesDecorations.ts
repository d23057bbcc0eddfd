import * as vscode from 'vscode';
import type { HistoryRecorder } from '../core/history/historyRecorder';
import { formatCount } from '../core/numbers';
import type { RoomItemAnnotator, TooltipPart } from '../rooms';

/** A scheme of our own for the room items' resourceUri, apart from the contract checks' badge. */
const NEW_MESSAGES_SCHEME = 'worldclient-rtc-new';

/** The Rooms view's "new" count: messages first seen after the user last opened the room. */
export class NewMessagesDecorations implements vscode.FileDecorationProvider, RoomItemAnnotator, vscode.Disposable {
  private readonly decorationsChanged = new vscode.EventEmitter<vscode.Uri[] | undefined>();
  private readonly itemsChanged = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;
  readonly onDidChangeFileDecorations = this.decorationsChanged.event;
  readonly onDidChange = this.itemsChanged.event;

  constructor(
    private readonly history: HistoryRecorder,
    private readonly serverUrl: () => string,
  ) {
    // Only news that can change a count: telling VS Code of 10,000 rooms' decorations and redrawing
    // the Rooms view for a list whose counts stayed as they were cost both sides for nothing.
    this.subscription = history.onDidChangeRooms(({ serverUrl, roomIds, newCounts }) => {
      if (serverUrl === this.serverUrl() && newCounts) {
        this.decorationsChanged.fire(roomIds.length ? roomIds.map((roomId) => this.resourceUri(roomId)) : undefined);
        this.itemsChanged.fire();
      }
    });
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    return uri.scheme === NEW_MESSAGES_SCHEME ? this.decoration(decodeURIComponent(uri.path.slice(1))) : undefined;
  }

  decoration(roomId: string): vscode.FileDecoration | undefined {
    const count = this.count(roomId);
    if (count === 0) {
      return undefined;
    }
    return {
      badge: count > 9 ? '9+' : String(count),
      color: new vscode.ThemeColor('charts.blue'),
      tooltip: newMessagesText(count),
      propagate: false,
    };
  }

  resourceUri(roomId: string): vscode.Uri {
    return vscode.Uri.from({ scheme: NEW_MESSAGES_SCHEME, path: `/${encodeURIComponent(roomId)}` });
  }

  tooltip(roomId: string): TooltipPart[] {
    const count = this.count(roomId);
    return count === 0 ? [] : [{ markdown: `\n\n**${newMessagesText(count)}**\n` }];
  }

  /** What the badge and tooltip count, for tests and the accessibility label. */
  count(roomId: string): number {
    const serverUrl = this.serverUrl();
    return serverUrl ? this.history.newCount(serverUrl, roomId) : 0;
  }

  dispose(): void {
    this.subscription.dispose();
    this.decorationsChanged.dispose();
    this.itemsChanged.dispose();
  }
}

function newMessagesText(count: number): string {
  return count === 1
    ? vscode.l10n.t('1 new message since you last opened this room')
    : vscode.l10n.t('{0} new messages since you last opened this room', formatCount(count));
}
