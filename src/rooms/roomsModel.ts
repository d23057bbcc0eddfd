import { isSessionExpired, errorMessage } from '../api/errors';
import type { RoomSummary } from '../api/types';
import { isCancellation } from '../core/cancelled';
import { Emitter, type Disposable } from '../core/events';
import type { ServerConnection } from '../core/serverConnection';
import { arrangeRooms, type RoomGroup, type RoomGroupKey, type RoomsQuery } from '../core/rooms/roomsQuery';
import { visibleId } from '../shared/inertText';
import { counted } from '../core/counts';

export const ROOMS_PAGE_SIZE = 200;

export type RoomsState = 'noServer' | 'signedOut' | 'loading' | 'ready' | 'empty' | 'error';

/** One group of the tree as shown: the visible page of rooms and how many wait behind "Load more". */
export interface VisibleGroup {
  key: RoomGroupKey;
  total: number;
  rooms: RoomSummary[];
  remaining: number;
}

/**
 * The rooms as the explorer knows them, apart from how they are drawn. A failed refresh keeps
 * the last good list (marked stale) so a flaky server never blanks the tree.
 */
export class RoomsModel implements Disposable {
  private rooms: RoomSummary[] = [];
  private arranged: RoomGroup[] | undefined;
  private readonly pageSizes = new Map<RoomGroupKey, number>();
  private readonly deletingIds = new Set<string>();
  /** Rooms removed while a refresh is in flight: its answer may predate the deletion. */
  private readonly removedDuringRefresh = new Set<string>();
  /** For rooms listed more than once: which occurrence each entry is (2, 3…); first ones are absent. */
  private occurrences = new WeakMap<RoomSummary, number>();
  private inFlight: AbortController | undefined;
  private loadedFrom = '';
  private hasLoaded = false;
  private lastError: string | undefined;
  private roomFilter: ((room: RoomSummary) => boolean) | undefined;
  private contentVersion = 0;
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly removed = new Emitter<readonly string[]>();
  /** Rooms deleted in this window, as soon as they are gone from the server. */
  readonly onDidRemoveRooms = this.removed.event;

  constructor(
    private readonly connection: Pick<ServerConnection, 'serverUrl' | 'state' | 'api'>,
    private query: RoomsQuery,
    private readonly now: () => number = Date.now,
    private readonly warn: (message: string) => void = () => undefined,
  ) {}

  get state(): RoomsState {
    const connectionState = this.connection.state;
    if (connectionState !== 'signedIn') {
      return connectionState;
    }
    if (this.lastError && !this.hasLoaded) {
      return 'error';
    }
    if (!this.hasLoaded) {
      return 'loading';
    }
    return this.rooms.length === 0 ? 'empty' : 'ready';
  }

  /** The message of the last failed refresh, while it has not succeeded since. */
  get error(): string | undefined {
    return this.lastError;
  }

  /** True when the list on screen is older than a failed refresh. */
  get stale(): boolean {
    return this.hasLoaded && this.lastError !== undefined;
  }

  get total(): number {
    return this.rooms.length;
  }

  get filter(): string {
    return this.query.filter;
  }

  /** Changes whenever the rooms the tree shows may have changed; not for a change of state alone (loading, error). */
  get version(): number {
    return this.contentVersion;
  }

  get loading(): boolean {
    return this.inFlight !== undefined;
  }

  /** The list as the server last sent it (duplicates and all), for the contract checks. */
  get listed(): readonly RoomSummary[] {
    return this.rooms;
  }

  /** Narrows the shown rooms beyond the query, e.g. to rooms with contract problems; undefined shows all. */
  setRoomFilter(filter: ((room: RoomSummary) => boolean) | undefined): void {
    this.roomFilter = filter;
    this.pageSizes.clear();
    this.invalidate();
  }

  find(roomId: string): RoomSummary | undefined {
    return this.rooms.find((room) => room.id === roomId);
  }

  /** 1 for the first (or only) entry with its id, 2 for the second listed with the same id, and so on. */
  occurrenceOf(room: RoomSummary): number {
    return this.occurrences.get(room) ?? 1;
  }

  isDeleting(roomId: string): boolean {
    return this.deletingIds.has(roomId);
  }

  /** Every room the filters let through, beyond the pages the tree shows (Export's "the rooms the filter shows"). */
  shownRoomIds(): string[] {
    this.visibleGroups();
    return [...new Set((this.arranged ?? []).flatMap((group) => group.rooms.map((room) => room.id)))];
  }

  visibleGroups(): VisibleGroup[] {
    this.arranged ??= arrangeRooms(this.roomFilter ? this.rooms.filter(this.roomFilter) : this.rooms, this.query, this.now());
    return this.arranged.map((group) => {
      const pageSize = this.pageSizes.get(group.key) ?? ROOMS_PAGE_SIZE;
      const rooms = group.rooms.slice(0, pageSize);
      return { key: group.key, total: group.rooms.length, rooms, remaining: group.rooms.length - rooms.length };
    });
  }

  /**
   * Fetches the list; a newer refresh cancels this one. Resolves when the list (or the error)
   * is in. An expired session is recorded like any failure and then thrown, so the caller's
   * progress ends at once and the command runner (the one place that asks the user) can offer
   * to sign in and run the refresh again.
   */
  async refresh(): Promise<void> {
    this.inFlight?.abort();
    this.inFlight = undefined;
    const serverUrl = this.connection.serverUrl;
    if (serverUrl !== this.loadedFrom || this.connection.state !== 'signedIn') {
      // Signed out (here or in another window) or another server: nothing of the old list may stay on screen.
      this.reset(serverUrl);
    }
    if (this.connection.state !== 'signedIn') {
      return;
    }
    const controller = new AbortController();
    this.inFlight = controller;
    this.removedDuringRefresh.clear();
    this.changed.fire();
    try {
      const rooms = await this.connection.api().listRooms(controller.signal);
      if (controller.signal.aborted) {
        return;
      }
      // Deletions made while the request was out win over its (older) answer; most refreshes have none to drop.
      const removed = this.removedDuringRefresh;
      this.setRooms(removed.size === 0 ? rooms : rooms.filter((room) => !removed.has(room.id)));
      this.hasLoaded = true;
      this.lastError = undefined;
      // finish() below tells the listeners once, with the list and the end of loading together.
      this.contentChanged();
    } catch (error) {
      // A refresh overtaken by a sign-out or a server switch says nothing: its error (often
      // "session expired") is about a server or session that is no longer current.
      if (
        controller.signal.aborted ||
        isCancellation(error) ||
        serverUrl !== this.connection.serverUrl ||
        this.connection.state !== 'signedIn'
      ) {
        return;
      }
      this.lastError = errorMessage(error);
      if (isSessionExpired(error)) {
        throw error;
      }
    } finally {
      this.finish(controller);
    }
  }

  setQuery(query: Partial<RoomsQuery>): void {
    this.query = { ...this.query, ...query };
    this.pageSizes.clear();
    this.invalidate();
  }

  loadMore(group: RoomGroupKey): void {
    this.pageSizes.set(group, (this.pageSizes.get(group) ?? ROOMS_PAGE_SIZE) + ROOMS_PAGE_SIZE);
    this.contentVersion++;
    this.changed.fire();
  }

  setDeleting(roomIds: readonly string[], deleting: boolean): void {
    roomIds.forEach((id) => (deleting ? this.deletingIds.add(id) : this.deletingIds.delete(id)));
    this.contentVersion++;
    this.changed.fire();
  }

  /** Applies a write's effect on a room's messages at once (its icon and tooltip), without waiting for the next refresh. */
  setHasMessages(roomId: string, hasMessages: boolean): void {
    const changed = this.rooms.filter((room) => room.id === roomId && room.hasMessages !== hasMessages);
    if (changed.length > 0) {
      changed.forEach((room) => (room.hasMessages = hasMessages));
      this.invalidate();
    }
  }

  /** Applies a deletion locally at once, so the tree does not wait for the next refresh. */
  removeRooms(roomIds: readonly string[]): void {
    const gone = new Set(roomIds);
    if (this.inFlight) {
      roomIds.forEach((id) => this.removedDuringRefresh.add(id));
    }
    this.rooms = this.rooms.filter((room) => !gone.has(room.id));
    roomIds.forEach((id) => this.deletingIds.delete(id));
    this.invalidate();
    if (roomIds.length > 0) {
      this.removed.fire(roomIds);
    }
  }

  dispose(): void {
    this.inFlight?.abort();
    this.changed.dispose();
    this.removed.dispose();
  }

  private finish(controller: AbortController): void {
    if (this.inFlight === controller) {
      this.inFlight = undefined;
      this.changed.fire();
    }
  }

  /** Takes a new list; an id listed more than once keeps every entry, numbered and logged. */
  private setRooms(rooms: RoomSummary[]): void {
    this.occurrences = new WeakMap();
    this.rooms = rooms;
    // Most lists name each id once, which a Set built natively tells several times faster than the
    // counting loop below (2 against 8 ms for 10,000 rooms in a fresh process): on the way to the first rows.
    if (new Set(rooms.map((room) => room.id)).size === rooms.length) {
      return;
    }
    const seen = new Map<string, number>();
    for (const room of rooms) {
      const occurrence = (seen.get(room.id) ?? 0) + 1;
      seen.set(room.id, occurrence);
      if (occurrence > 1) {
        this.occurrences.set(room, occurrence);
      }
    }
    const duplicates = [...seen].filter(([, count]) => count > 1);
    if (duplicates.length > 0) {
      this.warn(
        `The server's room list names ${counted(duplicates.length, 'id', 'ids')} more than once; ` +
          `every entry is shown, the repeats marked: ${duplicates
            .slice(0, 20)
            .map(([id, count]) => `${JSON.stringify(visibleId(id))} ×${count}`)
            .join(', ')}`,
      );
    }
  }

  private reset(serverUrl: string): void {
    this.loadedFrom = serverUrl;
    this.rooms = [];
    this.occurrences = new WeakMap();
    this.hasLoaded = false;
    this.lastError = undefined;
    this.deletingIds.clear();
    this.invalidate();
  }

  private invalidate(): void {
    this.contentChanged();
    this.changed.fire();
  }

  private contentChanged(): void {
    this.arranged = undefined;
    this.contentVersion++;
  }
}
