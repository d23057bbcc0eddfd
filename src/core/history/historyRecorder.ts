import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { RoomObservation, RtcMessage } from '../../api/types';
import { Emitter, type Disposable } from '../events';
import { frame, HistoryLog, logFileName, readServerOfLog, timeSlices } from './historyLog';
import type { HistoryReader } from './historyReader';
import { messagesRecord } from './messageDiff';
import { ServerHistory, type HistoryRecord, type RoomHistory } from './serverHistory';

export interface HistoryOptions {
  /** The folder of the history files (one per server), under the extension's global storage. */
  directory: string;
  /** `worldclientRtc.history.record`, read at each observation. */
  enabled(): boolean;
  /** The budget per server in bytes (`worldclientRtc.history.maxMegabytes`). */
  maxBytes(): number;
  now?(): number;
  warn?(message: string): void;
  /** Read no log before start() is called: at activation, the first rows come first. */
  deferLoads?: boolean;
  /** How long recording may hold the extension host before it yields (historyLog's timeSlices); tests set 0 to see every yield. */
  sliceMs?: number;
}

/** Which rooms of which server have new records. */
export interface HistoryChange {
  serverUrl: string;
  /** Empty: every room (Clear History). */
  roomIds: readonly string[];
  /** Messages were recorded (not only an opening): what a panel's rows show changed. */
  messages: boolean;
  /**
   * What the "new" counts come from changed: messages seen, or a room opened. A list's fields
   * alone change none, and the first sighting of a list is a record per room.
   */
  newCounts: boolean;
}

/** Last sightings kept for the cheap comparison of the next one (usually the arrays open panels hold anyway). */
const MAX_REMEMBERED_MESSAGES = 200_000;
/** After eviction a log fills this share of its budget, so it is not compacted again at the next append. */
const AFTER_EVICTION_SHARE = 0.8;

interface LoadedServer {
  history: ServerHistory;
  log: HistoryLog;
}

/**
 * Records what the API client observed (client hook `onRoomObserved`) into one log per server,
 * one observation at a time after the caller's work, and answers what was recorded. Each
 * server's log is read on its first observation or question, never at activation. No vscode import.
 */
export class HistoryRecorder implements HistoryReader, Disposable {
  private readonly servers = new Map<string, Promise<LoadedServer>>();
  private readonly loaded = new Map<string, LoadedServer>();
  private readonly remembered = new Map<string, readonly RtcMessage[]>();
  private rememberedCount = 0;
  private queue: Promise<void> = Promise.resolve();
  private readonly changed = new Emitter<void>();
  private readonly roomsChanged = new Emitter<HistoryChange>();
  private readonly now: () => number;
  readonly onDidChange = this.changed.event;
  readonly onDidChangeRooms = this.roomsChanged.event;

  private readonly started: Promise<void>;
  /** Lets the logs be read (see HistoryOptions.deferLoads); later calls do nothing. */
  readonly start: () => void;

  constructor(private readonly options: HistoryOptions) {
    this.now = options.now ?? Date.now;
    let start = (): void => undefined;
    this.started = options.deferLoads ? new Promise((resolve) => (start = resolve)) : Promise.resolve();
    this.start = () => start();
  }

  /** Called by the API client's hook: takes the time now, records later, off the caller's path. */
  observe(serverUrl: string, observation: RoomObservation): void {
    if (!serverUrl || !this.options.enabled()) {
      return;
    }
    const at = this.now();
    void this.enqueue(() => this.record(serverUrl, observation, at));
  }

  /** The user opened the room: messages first seen from now on are "new". */
  markOpened(serverUrl: string, roomId: string): void {
    if (!serverUrl || !this.options.enabled()) {
      return;
    }
    void this.enqueue(async () => {
      const at = this.now();
      await this.write(serverUrl, [{ k: 'o', r: roomId, at }]);
    });
  }

  /** Resolves once everything observed so far is recorded. */
  whenIdle(): Promise<void> {
    return this.queue;
  }

  /** The history of a room when its server's log is loaded; asks for the load otherwise (onDidChange follows). */
  room(serverUrl: string, roomId: string): RoomHistory | undefined {
    const server = this.loaded.get(serverUrl);
    if (!server) {
      // Once read, the load tells every reader (onDidChange, onDidChangeRooms) to ask again.
      void this.server(serverUrl).catch(() => undefined);
    }
    return server?.history.rooms.get(roomId);
  }

  messageArrivals(serverUrl: string, roomId: string, limit: number): readonly number[] {
    const room = this.room(serverUrl, roomId);
    if (!room || limit <= 0) {
      return [];
    }
    // Messages already there at the first sighting did not arrive then: they are no arrivals.
    const times: number[] = [];
    for (const message of room.messages.values()) {
      if (!message.before) {
        times.push(message.firstSeen);
      }
    }
    // Entries are added as they are first seen, so this is already in time order unless the clock went back.
    if (times.some((time, index) => index > 0 && time < times[index - 1])) {
      times.sort((a, b) => a - b);
    }
    return times.length > limit ? times.slice(times.length - limit) : times;
  }

  /** Messages first seen after the user last opened the room (after its first sighting if never opened). */
  newCount(serverUrl: string, roomId: string): number {
    return this.room(serverUrl, roomId)?.newCount ?? 0;
  }

  /** The servers that have a history file, read from each file's first record. */
  async serversWithHistory(): Promise<string[]> {
    await this.whenIdle();
    let names: string[];
    try {
      names = (await fs.readdir(this.options.directory)).filter((name) => name.endsWith('.log'));
    } catch {
      return [];
    }
    const servers: string[] = [];
    for (const name of names) {
      const serverUrl = await readServerOfLog(join(this.options.directory, name));
      if (serverUrl && logFileName(serverUrl) === name) {
        servers.push(serverUrl);
      }
    }
    return servers.sort();
  }

  /** Deletes the server's history, on disk and in memory. */
  clear(serverUrl: string): Promise<void> {
    return this.enqueue(async () => {
      const server = await this.server(serverUrl);
      await server.log.remove();
      server.history.rooms.clear();
      for (const key of [...this.remembered.keys()]) {
        if (key.startsWith(`${serverUrl}\n`)) {
          this.forget(key);
        }
      }
      this.changed.fire();
      this.roomsChanged.fire({ serverUrl, roomIds: [], messages: true, newCounts: true });
    });
  }

  dispose(): void {
    this.changed.dispose();
    this.roomsChanged.dispose();
    this.remembered.clear();
  }

  /** Runs after everything queued before; never rejects (a failure is a log line). */
  private enqueue(work: () => Promise<void>): Promise<void> {
    const result = this.queue.then(work).catch((error: unknown) => this.options.warn?.(`History not recorded: ${String(error)}`));
    this.queue = result;
    return result;
  }

  private async record(serverUrl: string, observation: RoomObservation, at: number): Promise<void> {
    const { history } = await this.server(serverUrl);
    const records: HistoryRecord[] = [];
    const listed = observation.kind === 'rooms' ? observation.rooms : observation.kind === 'room' ? [observation.room] : [];
    // A list's first sighting compares every room: in slices, as the rows it came with are on their way to the window.
    const pauseWhenDue = timeSlices(this.options.sliceMs);
    for (const room of listed) {
      await pauseWhenDue();
      const record = history.fieldsRecord(room.id, room, at);
      if (record) {
        records.push(record);
      }
    }
    const seen = observation.kind === 'room' ? { roomId: observation.room.id, messages: observation.room.messages } : observation;
    if ('messages' in seen) {
      const key = `${serverUrl}\n${seen.roomId}`;
      const yieldNow = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
      const record = await messagesRecord(
        seen.roomId,
        history.rooms.get(seen.roomId),
        seen.messages,
        at,
        this.remembered.get(key),
        yieldNow,
      );
      this.remember(key, seen.messages);
      if (record) {
        records.push(record);
      }
    }
    await this.write(serverUrl, records);
  }

  private async write(serverUrl: string, records: HistoryRecord[]): Promise<void> {
    if (records.length === 0) {
      return;
    }
    const server = await this.server(serverUrl);
    records.forEach((record) => server.history.apply(record));
    await server.log.append(server.log.size === 0 ? [{ k: 'h', server: serverUrl }, ...records] : records);
    if (server.log.size > this.options.maxBytes()) {
      await this.compact(server);
    }
    this.changed.fire();
    const roomIds = [...new Set(records.map((record) => ('r' in record ? record.r : '')))];
    this.roomsChanged.fire({
      serverUrl,
      roomIds,
      messages: records.some((record) => record.k === 'm'),
      newCounts: records.some((record) => record.k === 'm' || record.k === 'o'),
    });
  }

  /** Rewrites the log as one record per room, dropping the rooms first seen longest ago until it fits its budget. */
  private async compact(server: LoadedServer): Promise<void> {
    const [header, ...rooms] = server.history.snapshot();
    const sized = rooms.map((record) => ({ record, bytes: frame(record).length }));
    let total = sized.reduce((sum, entry) => sum + entry.bytes, frame(header).length);
    const limit = this.options.maxBytes() * AFTER_EVICTION_SHARE;
    const oldestFirst = [...sized].sort((a, b) => firstSeenOf(a.record) - firstSeenOf(b.record));
    for (const entry of oldestFirst) {
      if (total <= limit) {
        break;
      }
      total -= entry.bytes;
      const roomId = (entry.record as { r: string }).r;
      server.history.rooms.delete(roomId);
      this.forget(`${server.history.serverUrl}\n${roomId}`);
    }
    await server.log.rewrite([
      header,
      ...sized.filter((entry) => server.history.rooms.has((entry.record as { r: string }).r)).map((e) => e.record),
    ]);
  }

  private server(serverUrl: string): Promise<LoadedServer> {
    let server = this.servers.get(serverUrl);
    if (!server) {
      server = this.load(serverUrl);
      this.servers.set(serverUrl, server);
      server.catch(() => this.servers.delete(serverUrl));
    }
    return server;
  }

  private async load(serverUrl: string): Promise<LoadedServer> {
    await this.started;
    await fs.mkdir(this.options.directory, { recursive: true });
    const log = new HistoryLog(join(this.options.directory, logFileName(serverUrl)), this.options.sliceMs);
    const history = new ServerHistory(serverUrl);
    const pauseWhenDue = timeSlices(this.options.sliceMs);
    for (const record of await log.load()) {
      await pauseWhenDue();
      try {
        history.apply(record as HistoryRecord);
      } catch {
        // A record of an unexpected shape (not ours) is skipped; the others still count.
      }
    }
    const loaded = { history, log };
    this.loaded.set(serverUrl, loaded);
    if (history.rooms.size > 0) {
      this.changed.fire();
      // Every "new" count reads nought until the log is in: only a room with messages new since it was opened changes one.
      const newCounts = [...history.rooms.values()].some((room) => room.newCount > 0);
      this.roomsChanged.fire({ serverUrl, roomIds: [], messages: true, newCounts });
    }
    return loaded;
  }

  private remember(key: string, messages: readonly RtcMessage[]): void {
    this.forget(key);
    this.remembered.set(key, messages);
    this.rememberedCount += messages.length;
    for (const oldest of this.remembered.keys()) {
      if (this.rememberedCount <= MAX_REMEMBERED_MESSAGES) {
        break;
      }
      this.forget(oldest);
    }
  }

  private forget(key: string): void {
    this.rememberedCount -= this.remembered.get(key)?.length ?? 0;
    this.remembered.delete(key);
  }
}

function firstSeenOf(record: HistoryRecord): number {
  return record.k === 'R' ? record.fs : 0;
}
