import * as vscode from 'vscode';
import type { ServerConnection } from '../session/serverConnection';
import { errorMessage } from '../api/errors';
import { toAbortSignal } from '../core/cancellation';
import { serverRoomJson } from './roomFile';

export const ROOM_DOCUMENT_SCHEME = 'worldclient-rtc';

/** `worldclient-rtc:/<encoded id>.json`: the `.json` ending gives highlighting and folding. */
export function roomDocumentUri(roomId: string): vscode.Uri {
  return vscode.Uri.from({ scheme: ROOM_DOCUMENT_SCHEME, path: `/${encodeURIComponent(roomId)}.json` });
}

export function roomIdFromDocumentUri(uri: vscode.Uri): string {
  return decodeURIComponent(uri.path.replace(/^\//, '').replace(/\.json$/, ''));
}

/** Read-only JSON views of rooms, fetched when opened, so they always show the server's data. */
export class RoomDocumentProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly connection: ServerConnection) {}

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const abort = toAbortSignal(token);
    try {
      const room = await this.connection.api().getRoom(roomIdFromDocumentUri(uri), abort.signal);
      return serverRoomJson(room);
    } catch (error) {
      return `// ${vscode.l10n.t('Could not load this room: {0}', errorMessage(error))}\n`;
    } finally {
      abort.dispose();
    }
  }
}
