import type { RoomSummary } from '../../api/types';

/**
 * Commands receive a room in several shapes: a tree item (or several, on multi-select), a
 * plain id from the palette, a keybinding or another extension, or nothing at all.
 * This reads them all; an empty result means "ask the user".
 */
export function roomIdsFromArguments(first: unknown, selection?: unknown): string[] {
  const fromSelection = Array.isArray(selection) ? selection.map(roomIdOf).filter(isDefined) : [];
  if (fromSelection.length > 0) {
    return unique(fromSelection);
  }
  const single = roomIdOf(first);
  return single === undefined ? [] : [single];
}

function roomIdOf(value: unknown): string | undefined {
  if (typeof value === 'string') {
    return value;
  }
  if (value && typeof value === 'object') {
    const candidate = value as { room?: Partial<RoomSummary>; roomId?: unknown; id?: unknown };
    if (candidate.room && typeof candidate.room.id === 'string') {
      return candidate.room.id;
    }
    if (typeof candidate.roomId === 'string') {
      return candidate.roomId;
    }
  }
  return undefined;
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
