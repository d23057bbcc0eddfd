import * as assert from 'node:assert/strict';
import { WorldClientError } from '../../../src/api/errors';
import type { RoomSummary } from '../../../src/api/types';
import type { ConnectionState } from '../../../src/core/serverConnection';
import { RoomsModel } from '../../../src/rooms/roomsModel';

const NOW = Date.parse('2026-12-01T12:00:00Z');

function room(id: string, ended = ''): RoomSummary {
  return { id, started: '2026-12-01T10:00:00Z', ended, members: 'a@x.example', hasMessages: false };
}

/** A connection whose list request the test answers (or fails) by hand. */
class FakeConnection {
  serverUrl = 'https://a.example';
  state: ConnectionState = 'signedIn';
  readonly requests: { resolve(rooms: RoomSummary[]): void; reject(error: unknown): void; signal: AbortSignal }[] = [];
  api() {
    return {
      listRooms: (signal: AbortSignal) => new Promise<RoomSummary[]>((resolve, reject) => this.requests.push({ resolve, reject, signal })),
    } as unknown as ReturnType<import('../../../src/core/serverConnection').ServerConnection['api']>;
  }
}

function model(connection: FakeConnection, warnings: string[] = []): RoomsModel {
  return new RoomsModel(
    connection,
    { filter: '', sortBy: 'id', groupByState: false },
    () => NOW,
    (message) => warnings.push(message),
  );
}

/** One refresh, answered with `list`. */
async function refreshWith(rooms: RoomsModel, connection: FakeConnection, list: RoomSummary[]): Promise<void> {
  const refreshing = rooms.refresh();
  connection.requests[connection.requests.length - 1].resolve(list);
  await refreshing;
}

const ids = (rooms: RoomsModel): string[] => rooms.visibleGroups().flatMap((group) => group.rooms.map((entry) => entry.id));

describe('RoomsModel', () => {
  it('goes from loading to ready with the listed rooms, and to empty for an empty list', async () => {
    const connection = new FakeConnection();
    const rooms = model(connection);
    const refreshing = rooms.refresh();
    assert.equal(rooms.state, 'loading');
    connection.requests[0].resolve([room('b'), room('a')]);
    await refreshing;
    assert.equal(rooms.state, 'ready');
    assert.deepEqual(ids(rooms), ['a', 'b']);
    await refreshWith(rooms, connection, []);
    assert.equal(rooms.state, 'empty');
  });

  it('keeps the last good list, marked stale, when a refresh fails', async () => {
    const connection = new FakeConnection();
    const rooms = model(connection);
    await refreshWith(rooms, connection, [room('a')]);
    const second = rooms.refresh();
    connection.requests[1].reject(new Error('HTTP 500'));
    await second;
    assert.equal(rooms.stale, true);
    assert.equal(rooms.error, 'HTTP 500');
    assert.deepEqual(ids(rooms), ['a']);
  });

  it('throws an expired session for the runner to ask about, after recording it', async () => {
    const connection = new FakeConnection();
    const rooms = model(connection);
    const refreshing = rooms.refresh();
    connection.requests[0].reject(new WorldClientError('sessionExpired', 'Session expired'));
    await assert.rejects(refreshing, /Session expired/);
    assert.equal(rooms.state, 'error');
  });

  it('drops the list at once when signed out or pointed at another server', async () => {
    const connection = new FakeConnection();
    const rooms = model(connection);
    await refreshWith(rooms, connection, [room('a')]);
    connection.state = 'signedOut';
    await rooms.refresh();
    assert.equal(rooms.state, 'signedOut');
    assert.equal(rooms.total, 0);
    assert.equal(connection.requests.length, 1);
  });

  it('lets a newer refresh win, and a deletion win over an answer sent before it', async () => {
    const connection = new FakeConnection();
    const rooms = model(connection);
    const older = rooms.refresh();
    const newer = rooms.refresh();
    assert.equal(connection.requests[0].signal.aborted, true);
    rooms.removeRooms(['gone']);
    connection.requests[1].resolve([room('kept'), room('gone')]);
    connection.requests[0].resolve([room('stale')]);
    await Promise.all([older, newer]);
    assert.deepEqual(ids(rooms), ['kept']);
  });

  it('shows every entry of an id listed twice, numbered, and says so once in the log', async () => {
    const connection = new FakeConnection();
    const warnings: string[] = [];
    const rooms = model(connection, warnings);
    await refreshWith(rooms, connection, [room('twice'), room('twice'), room('once')]);
    const listed = rooms.visibleGroups()[0].rooms;
    assert.deepEqual(
      listed.map((entry) => [entry.id, rooms.occurrenceOf(entry)]),
      [
        ['once', 1],
        ['twice', 1],
        ['twice', 2],
      ],
    );
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /1 id more than once.*"twice" ×2/);
  });
});
