import { isBase64 } from '../base64';
import { checkCustomRoom, type CustomRule } from './contractFile';
import { isEmailAddress, parseIso8601 } from './formats';
import { ProblemSink, quote, type Problem } from './rules';

/**
 * Reads a field as the server sent it. Objects from the API client were normalised (a missing
 * `hasMessages` became false); the extension passes the client's `sentValue` to see through that.
 */
export type FieldReader = (object: object, field: string) => unknown;

export const plainReader: FieldReader = (object, field) => (object as Record<string, unknown>)[field];

export interface CheckOptions {
  /** Rule ids the user turned off. */
  disabled?: ReadonlySet<string>;
  read?: FieldReader;
  /** Milliseconds since the epoch; rooms may start up to five minutes after it (clock skew). */
  now: number;
  /** The team's own rules, from its contract file. */
  custom?: readonly CustomRule[];
}

const CLOCK_SKEW_MS = 5 * 60_000;

/** The list-level rules: everything the room list alone can tell. Runs on every refresh, so it stays one cheap pass. */
export function checkRoomList(rooms: readonly object[], options: CheckOptions): Problem[] {
  const check = new RoomListCheck(options);
  check.checkSlice(rooms, 0, rooms.length);
  return check.problems;
}

/** The list-level rules a slice at a time, so a big list can be checked between other work. */
export class RoomListCheck {
  private readonly sink: ProblemSink;
  private readonly read: FieldReader;
  /** Each id listed so far, with its first room. */
  private readonly seen = new Map<string, object>();
  private readonly reported = new Set<string>();

  constructor(private readonly options: CheckOptions) {
    this.sink = new ProblemSink(options.disabled);
    this.read = options.read ?? plainReader;
  }

  get problems(): Problem[] {
    return this.sink.problems;
  }

  /** The ids of the rooms checked so far, each with the first room listed with it. */
  get firstRooms(): ReadonlyMap<string, object> {
    return this.seen;
  }

  checkSlice(rooms: readonly object[], from: number, to: number): void {
    const { sink, read, seen, reported } = this;
    for (let index = from; index < to; index++) {
      const room = rooms[index];
      const id = roomIdOf(room, read);
      if (seen.has(id) && !reported.has(id)) {
        reported.add(id);
        sink.add(
          'list/duplicate-id',
          id,
          { kind: 'room', field: 'id' },
          `The room list names the room ${quote(id)} more than once; the contract expects each room id once.`,
        );
      }
      if (!seen.has(id)) {
        seen.set(id, room);
      }
      checkRoomFields(room, id, read, this.options.now, sink);
      if (this.options.custom?.length) {
        sink.problems.push(...checkCustomRoom(this.options.custom, id, sentFields(room, read)));
      }
    }
  }
}

/** A room's fields as the server sent them, messages left out: what the team's room rules see. */
export function sentFields(room: object, read: FieldReader): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(room)) {
    const value = key === 'messages' ? undefined : read(room, key);
    if (value !== undefined) {
      fields[key] = value;
    }
  }
  return fields;
}

/** The id a room is filed under: `id`, else the tolerated `room_id`, else ''. */
export function roomIdOf(room: object, read: FieldReader = plainReader): string {
  const id = read(room, 'id') ?? read(room, 'room_id');
  return typeof id === 'string' ? id : '';
}

/** The rules on one room's own fields, shared by the list and the single-room reply. */
export function checkRoomFields(room: object, id: string, read: FieldReader, now: number, sink: ProblemSink): void {
  const at = (field: 'id' | 'started' | 'ended' | 'members' | 'hasMessages') => ({ kind: 'room', field }) as const;
  const sentId = read(room, 'id');
  if (sentId === undefined && typeof read(room, 'room_id') === 'string') {
    sink.add(
      'room/id-field-name',
      id,
      at('id'),
      `The room ${quote(id)} came with "room_id" and no "id"; the contract expects the field to be named "id".`,
    );
  }
  if (id === '') {
    sink.add('room/empty-id', id, at('id'), `A room has the id ${quote(sentId)}; the contract expects a non-empty string.`);
  }
  const startedText = read(room, 'started');
  const started = typeof startedText === 'string' ? parseIso8601(startedText) : undefined;
  if (started === undefined) {
    sink.add(
      'room/started-not-iso',
      id,
      at('started'),
      `"started" is ${quote(startedText)}; the contract expects an ISO-8601 date such as "2025-06-02T08:30:00Z".`,
    );
  } else if (started > now + CLOCK_SKEW_MS) {
    sink.add(
      'room/started-in-future',
      id,
      at('started'),
      `"started" is ${quote(startedText)}, in the future; the contract expects the time the room started, not later than now.`,
    );
  }
  const endedText = read(room, 'ended');
  if (endedText !== '') {
    const ended = typeof endedText === 'string' ? parseIso8601(endedText) : undefined;
    if (ended === undefined) {
      sink.add(
        'room/ended-not-iso',
        id,
        at('ended'),
        `"ended" is ${quote(endedText)}; the contract expects an ISO-8601 date, or "" while the room is open.`,
      );
    } else if (started !== undefined && ended < started) {
      sink.add(
        'room/ended-before-started',
        id,
        at('ended'),
        `"ended" (${quote(endedText)}) is before "started" (${quote(startedText)}); the contract expects a room to end after it starts.`,
      );
    }
  }
  checkMembers(read(room, 'members'), id, sink);
  const hasMessages = read(room, 'hasMessages');
  if (typeof hasMessages !== 'boolean') {
    sink.add(
      'room/has-messages-type',
      id,
      at('hasMessages'),
      `"hasMessages" is ${hasMessages === undefined ? 'missing' : quote(hasMessages)}; the contract expects true or false.`,
    );
  }
}

/**
 * The common case, checked entry by entry: each address scanned once, duplicates found in a Set.
 * One regular expression over the whole list backtracked exponentially on a hostile `members`.
 */
export function isWellFormedMemberList(entries: readonly string[]): boolean {
  if (!entries.every(isEmailAddress)) {
    return false;
  }
  const seen = new Set<string>();
  for (const entry of entries) {
    const key = entry.toLowerCase();
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
  }
  return true;
}

function checkMembers(members: unknown, id: string, sink: ProblemSink): void {
  const at = { kind: 'room', field: 'members' } as const;
  if (typeof members !== 'string') {
    sink.add(
      'room/members-not-email',
      id,
      at,
      `"members" is ${quote(members)}; the contract expects comma-separated e-mail addresses in a string.`,
    );
    return;
  }
  if (members === '') {
    return; // A room nobody is in: allowed.
  }
  const entries = members.split(',');
  if (isWellFormedMemberList(entries)) {
    return; // The common case: it runs for every room on every refresh.
  }
  if (entries.some((entry) => entry.trim() === '')) {
    sink.add(
      'room/members-empty-entry',
      id,
      at,
      `"members" (${quote(members)}) has an empty entry; the contract expects addresses separated by single commas.`,
    );
  }
  if (entries.some((entry) => /[;\s]\S/.test(entry.trim()))) {
    sink.add(
      'room/members-separator',
      id,
      at,
      `"members" (${quote(members)}) separates addresses with ";" or spaces; the contract expects commas.`,
    );
  } else if (entries.some((entry) => entry !== entry.trim() && entry.trim() !== '')) {
    sink.add(
      'room/members-spaces',
      id,
      at,
      `"members" (${quote(members)}) has spaces around an address; the contract expects "a@x.org,b@x.org".`,
    );
  }
  const seen = new Set<string>();
  for (const entry of entries.map((text) => text.trim()).filter((text) => text !== '')) {
    const key = entry.toLowerCase();
    if (seen.has(key)) {
      sink.add('room/members-duplicate', id, at, `"members" lists ${quote(entry)} twice; the contract expects each member once.`);
      break;
    }
    seen.add(key);
  }
  const notEmail = entries.map((text) => text.trim()).find((entry) => entry !== '' && !/[;\s]/.test(entry) && !isEmailAddress(entry));
  if (notEmail !== undefined) {
    sink.add(
      'room/members-not-email',
      id,
      at,
      `"members" holds ${quote(notEmail)}, which is not an e-mail address; the contract expects e-mail addresses.`,
    );
  }
}

/** The base64 rule for salt and data: non-empty, well-formed (standard or URL-safe alphabet). */
export function isContractBase64(value: string): boolean {
  return value !== '' && isBase64(value);
}
