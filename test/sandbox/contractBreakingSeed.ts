// The contract-breaking seed: one room per rule of src/shared/contract, each clean but for
// the one break its id names ("break-room-members-separator" breaks room/members-separator), so a
// test can prove every rule fires, and fires alone, through the real client.

import type { RtcMessage, StoredRoom } from './types';

const STARTED = '2025-05-05T09:00:00.000Z';
const MEMBERS = 'alice@example.com,bob@example.com';

type Break = Partial<Omit<StoredRoom, 'id'>>;

/** Rule id → how its room differs from a clean one. */
export const CONTRACT_BREAKS: Readonly<Record<string, (messages: RtcMessage[], id: string) => Break>> = {
  'list/duplicate-id': () => ({ quirks: { listedTwice: true } }),
  'room/empty-id': () => ({ quirks: { listEntry: { id: '' } } }),
  'room/id-field-name': (_messages, id) => ({ quirks: { fields: { id: undefined, room_id: id } } }),
  'room/started-not-iso': () => ({ started: 'May 5, 2025 09:00' }),
  'room/ended-not-iso': () => ({ ended: '05/05/2025 10:00' }),
  'room/ended-before-started': () => ({ ended: '2025-05-05T08:00:00.000Z' }),
  'room/started-in-future': () => ({ started: '2099-05-05T09:00:00.000Z' }),
  'room/members-empty-entry': () => ({ members: 'alice@example.com,,bob@example.com' }),
  'room/members-separator': () => ({ members: 'alice@example.com;bob@example.com' }),
  'room/members-spaces': () => ({ members: 'alice@example.com, bob@example.com' }),
  'room/members-duplicate': () => ({ members: 'alice@example.com,Alice@example.com' }),
  'room/members-not-email': () => ({ members: 'alice,bob@example.com' }),
  // A string, not a missing field: the harder case, which the client must list rather than refuse.
  'room/has-messages-type': () => ({ quirks: { fields: { hasMessages: 'yes' } } }),
  'room/has-messages-mismatch': () => ({ quirks: { roomReply: { hasMessages: false } } }),
  'room/messages-missing': () => ({ messages: [], quirks: { roomReply: { messages: undefined } } }),
  'room/list-mismatch': () => ({ quirks: { roomReply: { members: 'carol@example.com' } } }),
  'reply/wrong-room': () => ({ quirks: { roomReply: { id: 'some-other-room' } } }),
  'message/empty-id': (messages) => ({ messages: [messages[0], { ...messages[1], id: '' }] }),
  'message/duplicate-id': (messages) => ({ messages: [messages[0], { ...messages[1], id: messages[0].id }] }),
  'message/salt-base64': (messages) => ({ messages: [messages[0], { ...messages[1], salt: 'not base64!' }] }),
  'message/data-base64': (messages) => ({ messages: [messages[0], { ...messages[1], data: '' }] }),
  'message/salt-reused': (messages) => ({ messages: [messages[0], { ...messages[1], salt: messages[0].salt }] }),
  // Eight bytes where the first message's salt has sixteen.
  'message/salt-length': (messages) => ({ messages: [messages[0], { ...messages[1], salt: 'c2FsdHNhbHQ=' }] }),
};

/** The seeded room id that breaks a rule: "break-" and the rule's name without its group. */
export function breakingRoomId(ruleId: string): string {
  return `break-${ruleId.replace('/', '-')}`;
}

/** `twoMessages(index)`: two clean messages for the index-th room (seed.ts passes its PRNG's, so this file needs no import of it). */
export function contractBreakingRooms(twoMessages: (index: number) => RtcMessage[]): StoredRoom[] {
  return Object.entries(CONTRACT_BREAKS).map(([ruleId, breakIt], index) => {
    const messages = twoMessages(index);
    const id = breakingRoomId(ruleId);
    return { id, started: STARTED, ended: '', members: MEMBERS, messages, ...breakIt(messages, id) };
  });
}
