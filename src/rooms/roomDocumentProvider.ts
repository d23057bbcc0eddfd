import * as vscode from 'vscode';
import { errorMessage } from '../api/errors';
import { toAbortSignal } from '../core/cancellation';
import { layoutRoom, roomIdFromDocumentUri, ROOM_DOCUMENT_SCHEME, type LoadedRoomDocument } from '../core/rooms/roomDocuments';
import type { ServerConnection } from '../core/serverConnection';

/**
 * Read-only JSON views of rooms, fetched from the server. VS Code keeps a document it has
 * opened (for up to a few minutes after its editor closes) and does not ask again on its own,
 * so the provider says when one must be fetched anew: when it is opened again, and for every
 * one shown in a tab after a sign-in or a server switch.
 */
export class RoomDocumentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly loaded = new vscode.EventEmitter<LoadedRoomDocument>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** A document got its text from the server, e.g. for the contract checks to place their diagnostics. */
  readonly onDidLoad = this.loaded.event;
  readonly onDidChange = this.changed.event;

  constructor(private readonly connection: ServerConnection) {}

  /** Has VS Code fetch this room document again, if it holds it. */
  reload(uri: vscode.Uri): void {
    if (vscode.workspace.textDocuments.some((document) => document.uri.toString() === uri.toString())) {
      this.changed.fire(uri);
    }
  }

  /**
   * Has VS Code fetch again the room documents shown in a tab (a diff's sides included). The
   * ones it only keeps in memory are left alone, so a sign-in sends no request for a document
   * nobody sees; opening one again fetches it (see reload).
   */
  reloadShown(): void {
    const shown = new Map<string, vscode.Uri>();
    for (const tab of vscode.window.tabGroups.all.flatMap((group) => group.tabs)) {
      const uris =
        tab.input instanceof vscode.TabInputText
          ? [tab.input.uri]
          : tab.input instanceof vscode.TabInputTextDiff
            ? [tab.input.original, tab.input.modified]
            : [];
      for (const uri of uris.filter((candidate) => candidate.scheme === ROOM_DOCUMENT_SCHEME)) {
        shown.set(uri.toString(), uri);
      }
    }
    shown.forEach((uri) => this.changed.fire(uri));
  }

  dispose(): void {
    this.loaded.dispose();
    this.changed.dispose();
  }

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const abort = toAbortSignal(token);
    try {
      const askedId = roomIdFromDocumentUri(uri);
      const room = await this.connection.api().getRoom(askedId, abort.signal);
      const document = layoutRoom(room);
      this.loaded.fire({ uri, askedId, room, document });
      return document.text;
    } catch (error) {
      return `// ${vscode.l10n.t('Could not load this room: {0}', errorMessage(error))}\n`;
    } finally {
      abort.dispose();
    }
  }
}
