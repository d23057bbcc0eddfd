import { layoutRoomDocument, withLeadingCommas } from '../shared/roomDocument';
import { layoutRoom } from '../core/rooms/roomDocuments';
import type { Room } from '../api/types';

/** A room's JSON text in the comparison layout, from a client reply or from plain JSON (a file, a snapshot). */
export function roomText(room: Room | Record<string, unknown>): string {
  if (Array.isArray((room as Room).messages) && typeof (room as Room).id === 'string') {
    return withLeadingCommas(layoutRoom(room as Room).text);
  }
  const plain = room as Record<string, unknown>;
  const messages = Array.isArray(plain.messages) ? (plain.messages as Room['messages']) : undefined;
  return withLeadingCommas(layoutRoomDocument(plain, (field) => plain[field], messages).text);
}

/** The rooms a JSON file holds: our export format ({rooms: [...]}), a bare array, or one room object. */
export function roomsInJson(text: string): Record<string, unknown>[] {
  const parsed: unknown = JSON.parse(text);
  const entries: unknown[] = Array.isArray(parsed) ? parsed : isRecord(parsed) && Array.isArray(parsed.rooms) ? parsed.rooms : [parsed];
  return entries.filter((entry): entry is Record<string, unknown> => isRecord(entry) && typeof (entry.id ?? entry.room_id) === 'string');
}

export function idOf(room: Record<string, unknown>): string {
  return String(room.id ?? room.room_id);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The room as each open panel last loaded it in full (open, Refresh): Watch's arrivals are what differs. */
export class PanelBaselines {
  private readonly texts = new Map<string, { text: string; at: Date }>();

  record(roomId: string, room: Room, at = new Date()): void {
    this.texts.set(roomId, { text: roomText(room), at });
  }

  get(roomId: string): { text: string; at: Date } | undefined {
    return this.texts.get(roomId);
  }

  /** Panels that closed need no baseline (a 100,000-message room's text is megabytes). */
  keepOnly(openRoomIds: readonly string[]): void {
    const open = new Set(openRoomIds);
    [...this.texts.keys()].filter((id) => !open.has(id)).forEach((id) => this.texts.delete(id));
  }
}
