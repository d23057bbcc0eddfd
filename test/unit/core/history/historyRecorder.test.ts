import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RoomObservation, RtcMessage } from '../../../../src/api/types';
import { HistoryRecorder } from '../../../../src/core/history/historyRecorder';
import { ServerHistory } from '../../../../src/core/history/serverHistory';

const SERVER = 'https://mail.example.com';
const ROOM = { id: 'room-1', started: '2026-12-01T10:00:00Z', ended: '', members: 'a@example.com', hasMessages: true };

function messages(count: number, prefix = 'm'): RtcMessage[] {
  return Array.from({ length: count }, (_, index) => ({ id: `${prefix}${index}`, salt: `salt${index}`, data: `data${index}` }));
}

describe('HistoryRecorder', () => {
  let directory: string;
  let now: number;
  let maxBytes: number;
  let enabled: boolean;
  const recorders: HistoryRecorder[] = [];
  const recorder = (): HistoryRecorder => {
    const created = new HistoryRecorder({ directory, enabled: () => enabled, maxBytes: () => maxBytes, now: () => now });
    recorders.push(created);
    return created;
  };
  const observe = async (history: HistoryRecorder, observation: RoomObservation, at: number): Promise<void> => {
    now = at;
    history.observe(SERVER, observation);
    await history.whenIdle();
  };
  const logFile = (): string => path.join(directory, fs.readdirSync(directory).find((name) => name.endsWith('.log')) as string);

  beforeEach(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'wcrtc-history-'));
    now = 1_000;
    maxBytes = 20 * 1024 * 1024;
    enabled = true;
  });
  afterEach(() => {
    recorders.splice(0).forEach((created) => created.dispose());
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it('records first sightings, "before" for messages already there, changes with the earlier hash, and vanished ones', async () => {
    const history = recorder();
    await observe(history, { kind: 'room', room: { ...ROOM, messages: messages(2) } }, 1_000);
    await observe(history, { kind: 'messages', roomId: ROOM.id, messages: [...messages(2), { id: 'new', salt: 's', data: 'd' }] }, 2_000);
    const changed = [
      { id: 'm0', salt: 'salt0', data: 'other' },
      { id: 'new', salt: 's', data: 'd' },
    ];
    await observe(history, { kind: 'messages', roomId: ROOM.id, messages: changed }, 3_000);

    const room = history.room(SERVER, ROOM.id);
    const m0 = room?.messages.get('m0');
    assert.deepEqual([m0?.firstSeen, m0?.before, m0?.changedAt], [1_000, true, 3_000]);
    assert.match(m0?.previousHash ?? '', /^[0-9a-f]{16}$/);
    assert.notEqual(m0?.previousHash, m0?.hash);
    assert.equal(room?.messages.get('m1')?.vanishedAt, 3_000);
    assert.deepEqual([room?.messages.get('new')?.firstSeen, room?.messages.get('new')?.before], [2_000, false]);
    assert.deepEqual(history.messageArrivals(SERVER, ROOM.id, 10), [2_000]);
    assert.deepEqual(
      room?.fields.map((entry) => entry.members),
      ['a@example.com'],
    );
  });

  it('never writes the salt, the data or anything but hashes of them', async () => {
    const history = recorder();
    const secret = { id: 'x', salt: 'SECRET-SALT', data: 'SECRET-DATA' };
    await observe(history, { kind: 'room', room: { ...ROOM, messages: [secret] } }, 1_000);
    const written = fs.readFileSync(logFile(), 'latin1');
    assert.ok(!written.includes('SECRET'), written);
  });

  it('reads the history back after a restart (a window reload)', async () => {
    await observe(recorder(), { kind: 'room', room: { ...ROOM, messages: messages(3) } }, 1_000);
    const second = recorder();
    await observe(second, { kind: 'messages', roomId: ROOM.id, messages: messages(4) }, 5_000);
    const reloaded = recorder();
    await reloaded.serversWithHistory();
    reloaded.room(SERVER, ROOM.id);
    await new Promise((resolve) => reloaded.onDidChange(resolve));
    assert.deepEqual(reloaded.messageArrivals(SERVER, ROOM.id, 10), [5_000]);
    assert.equal(reloaded.room(SERVER, ROOM.id)?.messages.get('m0')?.firstSeen, 1_000);
  });

  it('a write cut short loses only the last observation and never what was there', async () => {
    const first = recorder();
    await observe(first, { kind: 'room', room: { ...ROOM, messages: messages(2) } }, 1_000);
    const whole = fs.statSync(logFile()).size;
    await observe(first, { kind: 'messages', roomId: ROOM.id, messages: messages(3) }, 2_000);
    // The crash: the last record only partly on disk.
    fs.truncateSync(logFile(), fs.statSync(logFile()).size - 5);

    const second = recorder();
    await observe(second, { kind: 'messages', roomId: ROOM.id, messages: [...messages(2), { id: 'later', salt: '', data: '' }] }, 3_000);
    const room = second.room(SERVER, ROOM.id);
    assert.equal(room?.messages.get('m0')?.firstSeen, 1_000);
    assert.equal(room?.messages.has('m2'), false);
    assert.equal(room?.messages.get('later')?.firstSeen, 3_000);

    const third = recorder();
    third.room(SERVER, ROOM.id);
    await new Promise((resolve) => third.onDidChange(resolve));
    // The new record follows the whole ones: the partial frame was cut off, not buried.
    assert.equal(third.room(SERVER, ROOM.id)?.messages.get('later')?.firstSeen, 3_000);
    assert.ok(fs.statSync(logFile()).size > whole);
  });

  it('keeps each server within its budget, dropping the rooms first seen longest ago', async () => {
    maxBytes = 40_000;
    const history = recorder();
    for (let index = 0; index < 12; index++) {
      await observe(
        history,
        { kind: 'room', room: { ...ROOM, id: `room-${index}`, messages: messages(200, `r${index}-`) } },
        1_000 + index,
      );
    }
    assert.ok(fs.statSync(logFile()).size <= maxBytes, `${fs.statSync(logFile()).size} bytes`);
    assert.equal(history.room(SERVER, 'room-0'), undefined);
    assert.ok(history.room(SERVER, 'room-11'));
  });

  it('Clear History deletes the server history, in memory and on disk; recording off records nothing', async () => {
    const history = recorder();
    await observe(history, { kind: 'room', room: { ...ROOM, messages: messages(2) } }, 1_000);
    assert.deepEqual(await history.serversWithHistory(), [SERVER]);
    await history.clear(SERVER);
    assert.deepEqual(await history.serversWithHistory(), []);
    assert.equal(history.room(SERVER, ROOM.id), undefined);
    enabled = false;
    await observe(history, { kind: 'room', room: { ...ROOM, messages: messages(2) } }, 2_000);
    assert.deepEqual(await history.serversWithHistory(), []);
  });

  it('records the first sighting of a list in slices, with turns of the event loop between its rooms', async () => {
    // Slices of 0 ms: every room ends one, so a recording that runs through the list in one go shows at once.
    const history = new HistoryRecorder({ directory, enabled: () => true, maxBytes: () => maxBytes, now: () => now, sliceMs: 0 });
    recorders.push(history);
    const rooms = Array.from({ length: 40 }, (_, index) => ({ ...ROOM, id: `room-${index}` }));
    let turn = 0;
    let counting = true;
    const countTurns = (): void => {
      turn++;
      if (counting) {
        setImmediate(countTurns);
      }
    };
    setImmediate(countTurns);
    const turnOfEachRoom: number[] = [];
    const compare = ServerHistory.prototype.fieldsRecord;
    ServerHistory.prototype.fieldsRecord = function (this: ServerHistory, ...args: Parameters<typeof compare>) {
      turnOfEachRoom.push(turn);
      return compare.apply(this, args);
    };
    try {
      await observe(history, { kind: 'rooms', rooms }, 1_000);
    } finally {
      ServerHistory.prototype.fieldsRecord = compare;
      counting = false;
    }
    assert.equal(turnOfEachRoom.length, rooms.length);
    assert.ok(
      new Set(turnOfEachRoom).size > rooms.length / 2,
      `the rooms were compared in ${new Set(turnOfEachRoom).size} turns of the event loop, not one per room`,
    );
    assert.deepEqual(
      rooms.map((room) => history.room(SERVER, room.id)?.fields.length),
      rooms.map(() => 1),
      'every room recorded',
    );
  });

  it('a log read back tells of "new" counts only when one of its rooms has messages new since it was opened', async () => {
    const loadedNews = async (): Promise<boolean[]> => {
      const reread = recorder();
      const told: boolean[] = [];
      reread.onDidChangeRooms(({ newCounts }) => told.push(newCounts));
      const loaded = new Promise<void>((resolve) => reread.onDidChange(resolve));
      // Asking for a room reads the log; its readers are told once it is in.
      reread.room(SERVER, ROOM.id);
      await loaded;
      return told;
    };
    const first = recorder();
    await observe(first, { kind: 'rooms', rooms: [ROOM, { ...ROOM, id: 'room-2' }] }, 1_000);
    assert.deepEqual(await loadedNews(), [false], 'rooms seen in lists only: every count stays nought');

    await observe(first, { kind: 'room', room: { ...ROOM, messages: messages(1) } }, 2_000);
    await observe(first, { kind: 'messages', roomId: ROOM.id, messages: messages(2) }, 3_000);
    assert.equal(first.newCount(SERVER, ROOM.id), 1);
    assert.deepEqual(await loadedNews(), [true], 'a message new since the room was opened: a count to show');
  });

  it('counts messages first seen since the room was last opened', async () => {
    const history = recorder();
    await observe(history, { kind: 'room', room: { ...ROOM, messages: messages(2) } }, 1_000);
    assert.equal(history.newCount(SERVER, ROOM.id), 0);
    await observe(history, { kind: 'rooms', rooms: [ROOM] }, 1_500);
    await observe(history, { kind: 'messages', roomId: ROOM.id, messages: messages(5) }, 2_000);
    assert.equal(history.newCount(SERVER, ROOM.id), 3);
    now = 3_000;
    history.markOpened(SERVER, ROOM.id);
    await history.whenIdle();
    assert.equal(history.newCount(SERVER, ROOM.id), 0);
  });
});

describe('HistoryRecorder cost of a Watch poll', () => {
  let directory: string;
  beforeEach(() => (directory = fs.mkdtempSync(path.join(os.tmpdir(), 'wcrtc-history-cost-'))));
  afterEach(() => fs.rmSync(directory, { recursive: true, force: true }));

  const storedBytes = (): number =>
    fs
      .readdirSync(directory, { recursive: true, withFileTypes: true })
      .reduce((sum, entry) => sum + (entry.isFile() ? fs.statSync(path.join(entry.parentPath, entry.name)).size : 0), 0);

  // Why recording stays cheap: a poll appends what is new, never the room again. The time it
  // takes beside the poll's own work is measured by `npm run bench:history`.
  it('a poll of 100,000 messages with 1 % new appends about 1 % of what the first sighting wrote', async () => {
    const history = new HistoryRecorder({ directory, enabled: () => true, maxBytes: () => 64 * 1024 * 1024 });
    let current = Array.from({ length: 100_000 }, (_, index) => ({ id: `m${index}`, salt: `salt-${index}`, data: 'x'.repeat(96) }));
    history.observe(SERVER, { kind: 'messages', roomId: ROOM.id, messages: current });
    await history.whenIdle();
    const firstSighting = storedBytes();
    for (let poll = 1; poll <= 3; poll++) {
      const before = storedBytes();
      current = [
        ...current,
        ...Array.from({ length: 1_000 }, (_, index) => ({ id: `p${poll}-${index}`, salt: 's', data: 'y'.repeat(96) })),
      ];
      history.observe(SERVER, { kind: 'messages', roomId: ROOM.id, messages: current });
      await history.whenIdle();
      const appended = storedBytes() - before;
      assert.ok(appended > 0, 'the new messages are recorded');
      assert.ok(appended < firstSighting * 0.02, `poll ${poll} appended ${appended} bytes; the first sighting wrote ${firstSighting}`);
    }
    history.dispose();
  });
});

describe('HistoryRecorder on a room that keeps only its latest messages', () => {
  let directory: string;
  beforeEach(() => (directory = fs.mkdtempSync(path.join(os.tmpdir(), 'wcrtc-history-window-'))));
  afterEach(() => fs.rmSync(directory, { recursive: true, force: true }));

  it('records the dropped ones as vanished and the added ones as arrivals', async () => {
    let now = 1_000;
    const history = new HistoryRecorder({ directory, enabled: () => true, maxBytes: () => 1024 * 1024, now: () => now });
    history.observe(SERVER, { kind: 'messages', roomId: ROOM.id, messages: messages(5) });
    await history.whenIdle();
    now = 2_000;
    // m0 and m1 dropped, m2–m4 kept, two added; m0 comes back at the end.
    const slid = [...messages(5).slice(2), { id: 'x', salt: '', data: '' }, messages(1)[0]];
    history.observe(SERVER, { kind: 'messages', roomId: ROOM.id, messages: slid });
    await history.whenIdle();
    const room = history.room(SERVER, ROOM.id);
    assert.deepEqual(
      [...(room?.messages ?? [])].map(([id, message]) => [id, message.vanishedAt ?? null]),
      [
        ['m0', null],
        ['m1', 2_000],
        ['m2', null],
        ['m3', null],
        ['m4', null],
        ['x', null],
      ],
    );
    assert.deepEqual(history.messageArrivals(SERVER, ROOM.id, 10), [2_000]);
    history.dispose();
  });
});
