import type { RoomSummary } from '../../api/types';
import type { RoomSortKey } from '../settings';

// Defined with the setting it reads (core imports no feature); re-exported for the rooms code.
export type { RoomSortKey };
export type RoomGroupKey = 'all' | 'active' | 'ended';

export interface RoomsQuery {
  filter: string;
  sortBy: RoomSortKey;
  groupByState: boolean;
}

export interface RoomGroup {
  key: RoomGroupKey;
  rooms: RoomSummary[];
}

/** A room is active while it has no end, or its end lies in the future. */
export function isActive(room: RoomSummary, now: number): boolean {
  if (!room.ended.trim()) {
    return true;
  }
  const ended = Date.parse(room.ended);
  return Number.isFinite(ended) && ended > now;
}

export function memberList(room: Pick<RoomSummary, 'members'>): string[] {
  return room.members
    .split(',')
    .map((member) => member.trim())
    .filter((member) => member.length > 0);
}

/** Case-insensitive match on the room id or any member, the two things users search by. */
export function matchesFilter(room: RoomSummary, filter: string): boolean {
  return matchesNeedle(room, filterNeedle(filter));
}

function filterNeedle(filter: string): string {
  return filter.trim().toLowerCase();
}

function matchesNeedle(room: RoomSummary, needle: string): boolean {
  return !needle || room.id.toLowerCase().includes(needle) || room.members.toLowerCase().includes(needle);
}

/** Filters, sorts and (optionally) splits the rooms into Active and Ended, in that order. */
export function arrangeRooms(rooms: readonly RoomSummary[], query: RoomsQuery, now: number): RoomGroup[] {
  // The needle once per list, not once per room; no filter, no pass over the rooms.
  const needle = filterNeedle(query.filter);
  const sorted = sortRooms(needle ? rooms.filter((room) => matchesNeedle(room, needle)) : rooms, query.sortBy);
  if (!query.groupByState) {
    return [{ key: 'all', rooms: sorted }];
  }
  const active: RoomSummary[] = [];
  const ended: RoomSummary[] = [];
  for (const room of sorted) {
    (isActive(room, now) ? active : ended).push(room);
  }
  return [
    { key: 'active', rooms: active },
    { key: 'ended', rooms: ended },
  ];
}

/** A room with what it is sorted by, worked out once per room rather than once per comparison. */
interface SortKeys {
  room: RoomSummary;
  started: number;
  members: number;
}

function sortRooms(rooms: readonly RoomSummary[], sortBy: RoomSortKey): RoomSummary[] {
  const keyed = rooms.map((room): SortKeys => ({
    room,
    started: startedAt(room),
    members: sortBy === 'members' ? memberList(room).length : 0,
  }));
  // localeCompare's comparison, made once and only when needed: ICU's collation data takes a while to load.
  let compareIds: ((a: string, b: string) => number) | undefined;
  const byId = (a: SortKeys, b: SortKeys): number => (compareIds ??= new Intl.Collator().compare)(a.room.id, b.room.id);
  return keyed.sort(comparator(sortBy, byId)).map((keys) => keys.room);
}

function comparator(sortBy: RoomSortKey, byId: (a: SortKeys, b: SortKeys) => number): (a: SortKeys, b: SortKeys) => number {
  switch (sortBy) {
    case 'oldest':
      return (a, b) => a.started - b.started || byId(a, b);
    case 'id':
      return byId;
    case 'members':
      return (a, b) => b.members - a.members || b.started - a.started;
    case 'newest':
      return (a, b) => b.started - a.started || byId(a, b);
  }
}

/** Rooms with an unreadable start sort as the oldest rather than breaking the order. */
function startedAt(room: RoomSummary): number {
  const time = Date.parse(room.started);
  return Number.isFinite(time) ? time : Number.NEGATIVE_INFINITY;
}
