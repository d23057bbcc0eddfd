import { parentPort, workerData } from 'node:worker_threads';
import { parseBaseUrl, redactUrl, rtcPath } from '../../../src/api/urls';
import { redactedHead, redactSecrets } from '../../../src/api/redact';
import { parseReply, quoteId, sanitiseSnippet } from '../../../src/api/replies';
import { RoomPreviewReader } from '../../../src/api/roomPreview';
import { parseRoom, parseRoomList } from '../../../src/api/shapes';
import { decodeBase64, isBase64 } from '../../../src/shared/base64';
import { checkRoomList } from '../../../src/shared/contract/roomChecks';
import { checkRoomReply } from '../../../src/shared/contract/replyChecks';
import { isEmailAddress } from '../../../src/shared/contract/formats';
import { quote } from '../../../src/shared/contract/rules';
import { matchesPattern } from '../../../src/shared/contract/contractFile';
import { checkFileRooms } from '../../../src/cli/fileRooms';
import { foldUnchangedMessages } from '../../../src/shared/foldUnchangedMessages';
import { inertForNotification, inertPickText, visible } from '../../../src/shared/inertText';
import { layoutRoomDocument } from '../../../src/shared/roomDocument';
import { escapeMarkdownText } from '../../../src/rooms/markdownText';
import { exportFileName, parseRoomFile } from '../../../src/rooms/roomFile';
import { parseMessageBatch } from '../../../src/messages/messageBatch';
import { checkMessage } from '../../../src/messages/messageValidation';

/**
 * Every pure function that reads server or file text, each with an adversarial input of about
 * `n` characters: repetitions of its own separators and near-misses. Run in a worker thread by
 * linearTime.test.ts, which can end a worker stuck in a regular expression.
 */

type Probe = (n: number) => () => unknown;

/** `unit` repeated to about `n` characters. */
const fill = (unit: string, n: number): string => unit.repeat(Math.max(1, Math.ceil(n / unit.length)));
const now = Date.parse('2026-01-01T00:00:00Z');
const room = (fields: object) => ({
  id: 'r',
  started: '2025-01-01T00:00:00Z',
  ended: '',
  members: 'a@x.org',
  hasMessages: false,
  ...fields,
});
const listed = (fields: object) => () => checkRoomList([room(fields)], { now });
const messages = (n: number, make: (index: number) => { id: string; salt: string; data: string }) =>
  Array.from({ length: Math.ceil(n / 40) }, (_, index) => make(index));
const distinctAddresses = (n: number) => Array.from({ length: Math.ceil(n / 12) }, (_, index) => `m${index}@x.io`).join(',');

export const PROBES: Record<string, Probe> = {
  'members: dotted near-misses, then ";"': (n) => listed({ members: `${fill('a@b.c.c.c.c.c.c.c.c,', n)}a@b.c;` }),
  'members: ordinary addresses, then a space': (n) => listed({ members: `${fill('user@mail.dept.corp.example.co.uk,', n)}u@x.org ` }),
  'members: distinct well-formed addresses': (n) => listed({ members: distinctAddresses(n) }),
  'members: commas only': (n) => listed({ members: fill(',', n) }),
  'members: spaces and semicolons': (n) => listed({ members: fill(' ;a@b.c ', n) }),
  'members: one address with a long dotted domain': (n) => listed({ members: `a@${fill('c.', n)}c;` }),
  'isEmailAddress: dotted domain, then a space': (n) => () => isEmailAddress(`a@${fill('c.', n)} `),
  'started/ended: long digit runs': (n) => listed({ started: `2025-01-01T00:00:00.${fill('0', n)}x`, ended: fill('2025-', n) }),
  'quote: bidi controls and deep arrays': (n) => {
    const deep: unknown = JSON.parse(`${fill('[', n / 2)}${fill(']', n / 2)}`);
    return () => [quote(fill('\u202e', n)), quote(deep)];
  },
  'room reply: base64 near-misses and repeated ids': (n) => () =>
    checkRoomReply('r', room({ messages: messages(n, () => ({ id: 'same', salt: 'AAAA=', data: 'AA=A' })) }) as never, { now }),
  'room reply: salts reused, and salts of ever other lengths': (n) => {
    const salted = messages(n, (index) => ({ id: `m${index}`, salt: 'AAAA'.repeat(1 + (index % 9)), data: 'AA' }));
    return () => checkRoomReply('r', room({ messages: salted }) as never, { now });
  },
  'matchesPattern (suppressions): a long room id against stars and near-misses': (n) => () => [
    matchesPattern('*a*a*a*b', fill('a', n)),
    matchesPattern('*ab?ab*x', fill('ab', n)),
  ],
  'checkFileRooms (check --file): many rooms and messages, placed at line and column': (n) => {
    const rooms = messages(n / 4, (index) => ({ id: `r${index}`, salt: 'AAAA', data: '' })).map((entry) => ({
      id: entry.id,
      started: 'x',
      ended: '',
      members: 'a;b',
      hasMessages: true,
      messages: [entry, entry],
    }));
    const text = JSON.stringify({ rooms }, null, 2);
    return () => checkFileRooms('f.json', text, { now, custom: [] });
  },
  'room reply: one huge near-base64 value': (n) => () =>
    checkRoomReply('r', room({ messages: [{ id: 'x', salt: `${fill('A', n)}=!`, data: `${fill('A-_', n)}==` }] }) as never, { now }),
  'inertForNotification: dotted words (a word boundary at every other character)': (n) => () => inertForNotification(fill('a.', n)),
  'inertForNotification: a long word, then ":"': (n) => () => inertForNotification(`${fill('a', n)}:`),
  'inertForNotification: "](", "$(", "%", bidi controls, "x:" runs': (n) => () => inertForNotification(fill('](a$(%\u202ex: ', n)),
  'visible / inertPickText: bidi controls and "$("': (n) => () => [visible(fill('\u202e\u200b', n)), inertPickText(fill('$(x)', n))],
  'escapeMarkdownText: link syntax and newlines': (n) => () => escapeMarkdownText(fill('[a](b)\r\n<&', n)),
  'redactSecrets / redactedHead: near-miss secrets': (n) => () => [
    redactSecrets(fill('a', n), ['aaaaaaaab', 'a%b']),
    redactedHead(fill('?session=a&', n), ['aaab'], 512),
  ],
  'redactUrl: many parameters and "%"': (n) => () => redactUrl(`https://h/?${fill('session=x&%&a=%zz&', n)}`),
  'parseBaseUrl: a long run of slashes': (n) => () => parseBaseUrl(`https://h/${fill('/', n)}x`),
  'rtcPath: a long id of reserved characters': (n) => () => rtcPath('', 'getRoom', 'query', fill('/%?#&', n)),
  'RoomPreviewReader: one unfinished value fed in small chunks': (n) => () => {
    const body = Buffer.from(`{"id": "${fill('\\"', n)}", "messages": [{"id": "a", "salt": "", "data": ""}`);
    const reader = new RoomPreviewReader(1, 4 * n);
    for (let at = 0; at < body.length && !reader.done; at += 16) {
      reader.push(body.subarray(at, at + 16));
    }
  },
  'parseReply / quoteId / sanitiseSnippet: a long error name': (n) => () => {
    const text = `{"error": "${fill('\\u202e', n)}"}`;
    return [
      parseReply({ status: 500, contentType: 'application/json', setCookies: [], text, bytes: text.length }, ['abc']),
      quoteId(fill('\u202e', n)),
      sanitiseSnippet(fill(' \n', n), 80),
    ];
  },
  'parseRoomList / parseRoom: many rooms and messages': (n) => {
    const rooms = messages(n, (index) => ({ id: `r${index}`, salt: '', data: '' }));
    const big = { id: 'r', messages: messages(n, () => ({ id: 'm', salt: 'x', data: 'y' })) };
    return () => [parseRoomList({ rooms }), parseRoom(big)];
  },
  'isBase64 / decodeBase64: near-misses': (n) => () => [isBase64(`${fill('AAAA', n)}A=`), decodeBase64(`${fill('AB-_', n)}A`, true)],
  'layoutRoomDocument / foldUnchangedMessages: same and reversed messages': (n) => {
    const list = messages(n / 2, (index) => ({ id: `m${index}`, salt: 'x', data: 'y' }));
    const same = messages(n / 2, () => ({ id: 'm', salt: 'x', data: 'y' }));
    const left = layoutRoomDocument(room({}), (field) => (room({}) as Record<string, unknown>)[field], [...list, ...same]).text;
    const right = layoutRoomDocument(room({}), (field) => (room({}) as Record<string, unknown>)[field], [...list].reverse()).text;
    return () => foldUnchangedMessages(left, right, { context: 3, describeFold: () => '    // folded' });
  },
  'parseRoomFile: deep nesting, repeated ids, many messages': (n) => {
    // Not deeper: V8's own JSON.parse grows faster than linearly past a few hundred thousand levels.
    const deep = `${fill('[', n / 16)}${fill(']', n / 16)}`;
    const same = messages(n / 2, () => ({ id: 'same', salt: '', data: '' }));
    const rooms = JSON.stringify(same.map((entry) => ({ ...entry, messages: [entry] })));
    return () => [parseRoomFile(deep), parseRoomFile(rooms)];
  },
  'exportFileName: dots, spaces and reserved characters': (n) => () => exportFileName([fill('. <>:"|?* \t', n)]),
  'parseMessageBatch / checkMessage: repeated ids and near-misses': (n) => {
    const batch = JSON.stringify(messages(n, () => ({ id: 'same', salt: 'AAAA', data: 'AA=A' })));
    const candidate = { id: ` ${fill('a', n)} `, salt: `${fill('AAAA', n)}!`, data: fill(' ', n) };
    return () => [parseMessageBatch(batch), checkMessage(candidate, 'item 1')];
  },
};

/** The best of `rounds` runs of each size in turn, in milliseconds; one size's input is built only when the last is dropped. */
function bestTimes(probe: Probe, sizes: number[], rounds: number): number[] {
  return sizes.map((size) => {
    const run = probe(size);
    let best = Infinity;
    for (let round = 0; round < rounds; round++) {
      const start = performance.now();
      run();
      best = Math.min(best, performance.now() - start);
    }
    return best;
  });
}

if (parentPort && workerData) {
  const { probe, sizes, rounds } = workerData as { probe: string; sizes: number[]; rounds: number };
  parentPort.postMessage(bestTimes(PROBES[probe], sizes, rounds));
}
