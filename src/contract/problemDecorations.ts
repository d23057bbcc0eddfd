import * as vscode from 'vscode';
import type { RoomItemAnnotator, TooltipPart } from '../rooms';
import type { ContractProblems } from './contractProblems';

/**
 * A scheme of our own for the room items' resourceUri: with the room document's URI, VS Code's
 * own Problems decorations would badge the items a second time.
 */
export const ROOM_DECORATION_SCHEME = 'worldclient-rtc-room';

export function roomDecorationUri(roomId: string): vscode.Uri {
  return vscode.Uri.from({ scheme: ROOM_DECORATION_SCHEME, path: `/${encodeURIComponent(roomId)}` });
}

function roomIdFromDecorationUri(uri: vscode.Uri): string {
  return decodeURIComponent(uri.path.slice(1));
}

/** The Rooms view's badge: the number of problems, coloured by the worst, on each room that has any. */
export class ProblemDecorations implements vscode.FileDecorationProvider, RoomItemAnnotator, vscode.Disposable {
  private readonly decorationsChanged = new vscode.EventEmitter<vscode.Uri[] | undefined>();
  private readonly itemsChanged = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;
  readonly onDidChangeFileDecorations = this.decorationsChanged.event;
  readonly onDidChange = this.itemsChanged.event;

  constructor(private readonly problems: ContractProblems) {
    this.subscription = problems.onDidChange(({ roomIds }) => {
      if (roomIds?.length !== 0) {
        this.decorationsChanged.fire(roomIds?.map(roomDecorationUri));
        this.itemsChanged.fire(); // The tooltips of items already drawn changed.
      }
    });
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    return uri.scheme === ROOM_DECORATION_SCHEME ? this.decoration(roomIdFromDecorationUri(uri)) : undefined;
  }

  decoration(roomId: string): vscode.FileDecoration | undefined {
    const problems = this.problems.forRoom(roomId);
    if (problems.length === 0) {
      return undefined;
    }
    const hasError = problems.some((problem) => problem.severity === 'error');
    return {
      badge: problems.length > 9 ? '9+' : String(problems.length),
      color: new vscode.ThemeColor(hasError ? 'problemsErrorIcon.foreground' : 'problemsWarningIcon.foreground'),
      tooltip: vscode.l10n.t('{0} contract problems', problems.length),
      propagate: false,
    };
  }

  resourceUri(roomId: string): vscode.Uri {
    return roomDecorationUri(roomId);
  }

  tooltip(roomId: string): TooltipPart[] {
    const problems = this.problems.forRoom(roomId);
    if (problems.length === 0) {
      return [];
    }
    const parts: TooltipPart[] = [{ markdown: `\n\n**${vscode.l10n.t('Contract problems ({0}):', problems.length)}**\n\n` }];
    for (const problem of problems) {
      parts.push({ markdown: '- ' }, { text: `${problem.ruleId}: ${problem.message}` }, { markdown: '\n' });
    }
    return parts;
  }

  dispose(): void {
    this.subscription.dispose();
    this.decorationsChanged.dispose();
    this.itemsChanged.dispose();
  }
}
