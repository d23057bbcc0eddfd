import * as vscode from 'vscode';
import { sentValue } from '../../api/shapes';
import type { Room } from '../../api/types';
import { visibleId } from '../../shared/inertText';
import { layoutRoomDocument, type RoomDocument } from '../../shared/roomDocument';

export const ROOM_DOCUMENT_SCHEME = 'worldclient-rtc';

/**
 * `worldclient-rtc:/<encoded id>.jsonc?{"room":"<id as shown>"}`. JSON with Comments gives
 * highlighting and folding, and lets the note of a room that could not be loaded be a comment
 * that no problem is reported for. The query is for package.json's resource label formatter:
 * tabs and the Problems panel name the room by its id, not by its encoded path.
 */
export function roomDocumentUri(roomId: string): vscode.Uri {
  const query = JSON.stringify({ room: visibleId(roomId) });
  return vscode.Uri.from({ scheme: ROOM_DOCUMENT_SCHEME, path: `/${encodeURIComponent(roomId)}.jsonc`, query });
}

export function roomIdFromDocumentUri(uri: vscode.Uri): string {
  return decodeURIComponent(uri.path.replace(/^\//, '').replace(/\.jsonc?$/, ''));
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
