// Deterministic seed data. Every room draws from its own PRNG, seeded from the room's kind and
// index, so room-00042 holds the same data whatever else is seeded and tests can assert exact
// values. No clock is read: "future" end dates are in 2099.

import { contractBreakingRooms } from './contractBreakingSeed';
import type { RtcMessage, SeedOptions, StoredRoom } from './types';

/** mulberry32: tiny, fast and good enough for test data; returns uint32 values. */
export function createPrng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  }
  return h >>> 0;
}

function prngFor(kind: string, index: number): () => number {
  return createPrng(hashString(kind) ^ Math.imul(index + 1, 0x9e3779b1));
}

function randomBytes(next: () => number, length: number): Buffer {
  const buf = Buffer.allocUnsafe(length + 3);
  for (let i = 0; i < length; i += 4) {
    buf.writeUInt32LE(next(), i);
  }
  return buf.subarray(0, length);
}

function uuidLike(next: () => number): string {
  const hex = randomBytes(next, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Opaque "ciphertext": a 16-byte salt and 16 to 111 bytes of data, both base64. */
export function makeMessages(next: () => number, count: number): RtcMessage[] {
  const messages = new Array<RtcMessage>(count);
  for (let i = 0; i < count; i++) {
    messages[i] = {
      id: uuidLike(next),
      salt: randomBytes(next, 16).toString('base64'),
      data: randomBytes(next, 16 + (next() % 96)).toString('base64'),
    };
  }
  return messages;
}

const PEOPLE = [
  'alice',
  'bob',
  'carol',
  'dave',
  'erin',
  'frank',
  'grace',
  'heidi',
  'ivan',
  'judy',
  'mallory',
  'niaj',
  'olivia',
  'peggy',
  'rupert',
  'sybil',
  'trent',
  'victor',
  'walter',
  'zoe',
];

function pickMembers(next: () => number, count: number): string {
  const chosen: string[] = [];
  while (chosen.length < Math.min(count, PEOPLE.length)) {
    const name = `${PEOPLE[next() % PEOPLE.length]}@example.com`;
    if (!chosen.includes(name)) {
      chosen.push(name);
    }
  }
  return chosen.join(',');
}

const MINUTE = 60_000;
const BULK_START = Date.parse('2025-01-06T09:00:00.000Z');
const FUTURE_END = Date.parse('2099-12-31T18:00:00.000Z');
const iso = (ms: number): string => new Date(ms).toISOString();

/** Every fourth room is active with ended '', every fourth ends in 2099, the rest have ended. */
export function bulkRooms(count: number, messagesPerRoom: number): StoredRoom[] {
  const width = Math.max(5, String(count).length);
  const rooms = new Array<StoredRoom>(count);
  for (let i = 0; i < count; i++) {
    const next = prngFor('bulk', i);
    const started = BULK_START + i * 37 * MINUTE;
    const phase = i % 4;
    const ended = phase === 0 ? '' : phase === 1 ? iso(FUTURE_END - i * MINUTE) : iso(started + (15 + (next() % 105)) * MINUTE);
    rooms[i] = {
      id: `room-${String(i + 1).padStart(width, '0')}`,
      started: iso(started),
      ended,
      members: pickMembers(next, 2 + (next() % 4)),
      messages: makeMessages(next, messagesPerRoom),
    };
  }
  return rooms;
}

export function bigRoom(id: string, messageCount: number): StoredRoom {
  const next = prngFor('big', 0);
  return {
    id,
    started: '2024-11-04T08:00:00.000Z',
    ended: '',
    members: pickMembers(next, 6),
    messages: makeMessages(next, messageCount),
  };
}

interface SampleSpec {
  id: string;
  started: string;
  ended: string;
  members: number;
  messages: number;
}

// A realistic mix: long-running and fresh, ended and open (both ways of being open), empty and
// busy, a lone member and none at all, and two ids in the uuid form some servers use.
const SAMPLES: readonly SampleSpec[] = [
  { id: 'weekly-standup', started: '2025-06-02T08:30:00.000Z', ended: '', members: 5, messages: 12 },
  { id: 'design-review-2025-03', started: '2025-03-14T13:00:00.000Z', ended: '2025-03-14T14:05:12.000Z', members: 4, messages: 40 },
  { id: 'incident-4711', started: '2025-04-01T02:17:45.000Z', ended: '2025-04-01T06:48:03.000Z', members: 3, messages: 250 },
  { id: 'customer-call-acme', started: '2025-05-20T15:00:00.000Z', ended: '2025-05-20T15:42:10.000Z', members: 2, messages: 0 },
  { id: 'all-hands-q3', started: '2025-07-01T16:00:00.000Z', ended: '2099-07-01T17:00:00.000Z', members: 20, messages: 8 },
  { id: 'one-on-one', started: '2025-06-10T10:00:00.000Z', ended: '', members: 2, messages: 0 },
  { id: 'release-planning', started: '2025-02-03T09:00:00.000Z', ended: '2025-02-03T10:30:00.000Z', members: 5, messages: 3 },
  { id: 'support-hotline', started: '2025-06-11T07:00:00.000Z', ended: '', members: 1, messages: 1 },
  { id: 'orphaned-room', started: '2024-12-24T18:00:00.000Z', ended: '2024-12-24T18:00:05.000Z', members: 0, messages: 0 },
  { id: 'long-running', started: '2024-01-15T08:00:00.000Z', ended: '', members: 6, messages: 1500 },
  {
    id: '3f2c9a10-5b7e-4d21-9c3a-7e1f0b2d4c68',
    started: '2025-06-09T21:13:00.000Z',
    ended: '2025-06-09T23:59:59.000Z',
    members: 2,
    messages: 6,
  },
  {
    id: '9b1e4f77-0c3d-4a5b-8e2f-1d6c7b8a9e00',
    started: '2025-06-12T11:00:00.000Z',
    ended: '2099-01-01T00:00:00.000Z',
    members: 3,
    messages: 0,
  },
];

export function sampleRooms(): StoredRoom[] {
  return SAMPLES.map((spec, i) => {
    const next = prngFor('sample', i);
    return {
      id: spec.id,
      started: spec.started,
      ended: spec.ended,
      members: spec.members === 0 ? '' : pickMembers(next, spec.members),
      messages: makeMessages(next, spec.messages),
    };
  });
}

/** Ids that break naive URL building: each needs percent-encoding in a path segment or query value. */
export const ODD_IDS: readonly string[] = [
  'a/b',
  'x#y',
  'q?r=1',
  '100%',
  'a&b',
  'a+b',
  '<b>x</b>',
  'with space',
  '%2F',
  'semi;colon,comma',
  `it's "quoted"`,
  'ünïcødé ☕',
];

export function oddIdRooms(): StoredRoom[] {
  return ODD_IDS.map((id, i) => {
    const next = prngFor('odd', i);
    return {
      id,
      started: iso(Date.parse('2025-05-01T12:00:00.000Z') + i * 60 * MINUTE),
      ended: i % 2 === 0 ? '' : iso(Date.parse('2025-05-01T12:30:00.000Z') + i * 60 * MINUTE),
      members: pickMembers(next, 2),
      messages: makeMessages(next, 1 + (i % 3)),
    };
  });
}

export const HOSTILE_PAYLOADS = {
  img: '<img src=x onerror=alert(1)>',
  script: '<script>alert(1)</script>',
  js: 'javascript:alert(1)',
} as const;

/** Payloads an unescaping renderer would execute; the first room carries all three everywhere it can. */
export function hostileRooms(): StoredRoom[] {
  const { img, script, js } = HOSTILE_PAYLOADS;
  const started = '2025-06-06T06:06:06.000Z';
  return [
    {
      id: img,
      started,
      ended: '',
      members: `${script}@example.com,${js},${img}`,
      messages: [
        { id: script, salt: img, data: js },
        { id: js, salt: script, data: img },
        { id: img, salt: js, data: script },
      ],
    },
    {
      id: script,
      started,
      ended: '2025-06-06T07:00:00.000Z',
      members: `${img},eve@example.com`,
      messages: [{ id: 'm1', salt: script, data: img }],
    },
    { id: js, started, ended: '', members: js, messages: [] },
  ];
}

/** Later kinds win on an id clash: sample, odd ids, hostile, contract-breaking, bulk, then the big room. */
export function seedRooms(options: SeedOptions = {}): StoredRoom[] {
  const byId = new Map<string, StoredRoom>();
  const add = (rooms: StoredRoom[]): void => {
    for (const room of rooms) {
      byId.set(room.id, room);
    }
  };
  if (options.sample) {
    add(sampleRooms());
  }
  if (options.oddIds) {
    add(oddIdRooms());
  }
  if (options.hostile) {
    add(hostileRooms());
  }
  if (options.contractBreaking) {
    add(contractBreakingRooms((index) => makeMessages(prngFor('contract', index), 2)));
  }
  if (options.rooms) {
    add(bulkRooms(options.rooms, options.messagesPerRoom ?? 0));
  }
  if (options.bigRoom) {
    add([bigRoom(options.bigRoom.id, options.bigRoom.messages)]);
  }
  return [...byId.values()];
}
