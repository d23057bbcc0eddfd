import * as vscode from 'vscode';
import { sentValue } from '../../api/shapes';
import type { Room } from '../../api/types';
import { layoutRoomDocument, type RoomDocument } from '../../shared/roomDocument';

export const ROOM_DOCUMENT_SCHEME = 'worldclient-rtc';

/** `worldclient-rtc:/<encoded id>.json`: the `.json` ending gives highlighting and folding. */
export function roomDocumentUri(roomId: string): vscode.Uri {
  return vscode.Uri.from({ scheme: ROOM_DOCUMENT_SCHEME, path: `/${encodeURIComponent(roomId)}.json` });
}

export function roomIdFromDocumentUri(uri: vscode.Uri): string {
  return decodeURIComponent(uri.path.replace(/^\//, '').replace(/\.json$/, ''));
}

/** A room as its document shows it: as the server sent it (a missing field stays missing), laid out for diffs. */
export function layoutRoom(room: Room): RoomDocument {
  return layoutRoomDocument(room, (field) => sentValue(room, field), sentValue(room, 'messages') === undefined ? undefined : room.messages);
}

export interface LoadedRoomDocument {
  uri: vscode.Uri;
  askedId: string;
  room: Room;
  document: RoomDocument;
}
