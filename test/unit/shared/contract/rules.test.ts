import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { isEmailAddress, parseIso8601 } from '../../../../src/shared/contract/formats';
import { checkRoomReply, RoomReplyCheck } from '../../../../src/shared/contract/replyChecks';
import { checkRoomList } from '../../../../src/shared/contract/roomChecks';
import { RULES, RULE_IDS } from '../../../../src/shared/contract/rules';
import Ajv from 'ajv';
import { applyContract, compileContract, matchesPattern } from '../../../../src/shared/contract/contractFile';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const SALT = 'c2FsdHNhbHRzYWx0c2FsdA==';
const clean = { id: 'r1', started: '2025-05-05T09:00:00Z', ended: '', members: 'a@x.org,b@x.org', hasMessages: true };
const ruleIds = (rooms: object[]) => checkRoomList(rooms, { now: NOW }).map((problem) => problem.ruleId);
type Reply = Parameters<typeof checkRoomReply>[1];
const replyRuleIds = (asked: string, reply: object) => checkRoomReply(asked, reply as Reply, { now: NOW }).map((problem) => problem.ruleId);

describe('contract rules on good and bad data', () => {
  it('every rule has a severity and a one-line summary', () => {
    for (const id of RULE_IDS) {
      assert.match(id, /^(list|room|reply|message)\/[a-z0-9-]+$/);
      assert.ok(['error', 'warning', 'information'].includes(RULES[id].severity));
      assert.ok(RULES[id].summary.length > 10);
    }
  });

  it('ISO-8601: dates, date-times with or without zone; not RFC 2822, not impossible dates', () => {
    for (const good of [
      '2025-06-02',
      '2025-06-02T08:30Z',
      '2025-06-02T08:30:00.000Z',
      '2025-06-02T08:30:00+02:00',
      '2024-02-29T00:00:00Z',
    ]) {
      assert.ok(parseIso8601(good) !== undefined, good);
    }
    for (const bad of [
      '',
      'June 2, 2025',
      'Mon, 02 Jun 2025 08:30:00 GMT',
      '2025-02-30T00:00:00Z',
      '2025-13-01',
      '1749000000',
      '2025-06-02 08:30',
    ]) {
      assert.equal(parseIso8601(bad), undefined, bad);
    }
  });

  it('e-mail addresses', () => {
    assert.ok(isEmailAddress('alice@example.com'));
    for (const bad of ['alice', 'alice@', '@example.com', 'a b@x.org', 'a@x']) {
      assert.equal(isEmailAddress(bad), false, bad);
    }
  });

  it('a clean room, an open room, a room with no members: no problem', () => {
    assert.deepEqual(ruleIds([clean, { ...clean, id: 'r2', ended: '2025-05-05T10:00:00Z' }, { ...clean, id: 'r3', members: '' }]), []);
  });

  it('list: duplicate and empty ids, id sent as room_id', () => {
    assert.deepEqual(ruleIds([clean, clean, clean]), ['list/duplicate-id'], 'once per id, however often repeated');
    assert.deepEqual(ruleIds([{ ...clean, id: '' }]), ['room/empty-id']);
    assert.deepEqual(ruleIds([{ ...clean, id: undefined, room_id: 'r9' }]), ['room/id-field-name']);
  });

  it('dates: not ISO, ended before started, started in the future (beyond five minutes)', () => {
    assert.deepEqual(ruleIds([{ ...clean, started: 'yesterday' }]), ['room/started-not-iso']);
    assert.deepEqual(ruleIds([{ ...clean, started: undefined }]), ['room/started-not-iso']);
    assert.deepEqual(ruleIds([{ ...clean, ended: '2025/05/05' }]), ['room/ended-not-iso']);
    assert.deepEqual(ruleIds([{ ...clean, ended: '2025-05-05T08:59:59Z' }]), ['room/ended-before-started']);
    assert.deepEqual(ruleIds([{ ...clean, started: '2026-01-01T00:04:00Z' }]), [], 'clock skew tolerated');
    assert.deepEqual(ruleIds([{ ...clean, started: '2026-01-01T00:06:00Z' }]), ['room/started-in-future']);
  });

  it('members: empty entries, other separators, spaces, duplicates, not addresses', () => {
    assert.deepEqual(ruleIds([{ ...clean, members: 'a@x.org,' }]), ['room/members-empty-entry']);
    assert.deepEqual(ruleIds([{ ...clean, members: ',a@x.org' }]), ['room/members-empty-entry']);
    assert.deepEqual(ruleIds([{ ...clean, members: 'a@x.org;b@x.org' }]), ['room/members-separator']);
    assert.deepEqual(ruleIds([{ ...clean, members: 'a@x.org b@x.org' }]), ['room/members-separator']);
    assert.deepEqual(ruleIds([{ ...clean, members: 'a@x.org,\nb@x.org' }]), ['room/members-spaces']);
    assert.deepEqual(ruleIds([{ ...clean, members: 'a@x.org, b@x.org' }]), ['room/members-spaces']);
    assert.deepEqual(ruleIds([{ ...clean, members: 'a@x.org,A@X.org' }]), ['room/members-duplicate']);
    assert.deepEqual(ruleIds([{ ...clean, members: 'alice,b@x.org' }]), ['room/members-not-email']);
    assert.deepEqual(ruleIds([{ ...clean, members: ['a@x.org'] }]), ['room/members-not-email']);
  });

  it('hasMessages missing, null or not a boolean', () => {
    for (const value of [undefined, null, 'true', 1]) {
      assert.deepEqual(ruleIds([{ ...clean, hasMessages: value }]), ['room/has-messages-type'], String(value));
    }
  });

  it('room reply: hasMessages against the messages, missing messages, wrong room, differences from the list', () => {
    const message = { id: 'm1', salt: SALT, data: SALT };
    assert.deepEqual(replyRuleIds('r1', { ...clean, messages: [message] }), []);
    assert.deepEqual(replyRuleIds('r1', { ...clean, messages: [] }), ['room/has-messages-mismatch']);
    assert.deepEqual(replyRuleIds('r1', { ...clean, hasMessages: false, messages: [message] }), ['room/has-messages-mismatch']);
    assert.deepEqual(replyRuleIds('r2', { ...clean, messages: [message] }), ['reply/wrong-room']);
    const listed = { ...clean, members: 'c@x.org' };
    assert.deepEqual(
      checkRoomReply('r1', { ...clean, messages: [message] } as Reply, { now: NOW, listed }).map((p) => [p.ruleId, p.location]),
      [['room/list-mismatch', { kind: 'room', field: 'members' }]],
    );
    const read = (object: object, field: string) => (field === 'messages' ? undefined : (object as Record<string, unknown>)[field]);
    assert.deepEqual(
      checkRoomReply('r1', { ...clean, hasMessages: false, messages: [] } as Reply, { now: NOW, read }).map((p) => p.ruleId),
      ['room/messages-missing'],
    );
  });

  it('messages: empty and duplicate ids, salt and data empty or not base64, each at its message', () => {
    const good = { id: 'm1', salt: SALT, data: SALT };
    const problems = checkRoomReply(
      'r1',
      {
        ...clean,
        messages: [
          good,
          { ...good, id: '' },
          { ...good },
          { ...good, id: 'm4', salt: '' },
          { ...good, id: 'm5', data: 'not base64!' },
          { ...good, id: 'm6', data: 'abc' },
        ],
      } as Reply,
      { now: NOW, disabled: new Set(['message/salt-reused']) },
    );
    assert.deepEqual(
      problems.map((p) => [p.ruleId, p.location]),
      [
        ['message/empty-id', { kind: 'message', index: 1, field: 'id' }],
        ['message/duplicate-id', { kind: 'message', index: 2, field: 'id' }],
        ['message/salt-base64', { kind: 'message', index: 3, field: 'salt' }],
        ['message/data-base64', { kind: 'message', index: 4, field: 'data' }],
      ],
    );
  });

  it('salts: one reused within a room is reported at each message that reuses it; a differing length once per room', () => {
    const salt = (index: number) => Buffer.alloc(16, index).toString('base64');
    const message = (index: number, saltText = salt(index)) => ({ id: `m${index}`, salt: saltText, data: SALT });
    const found = (messages: object[]) =>
      checkRoomReply('r1', { ...clean, messages } as Reply, { now: NOW }).map((p) => [p.ruleId, p.location, p.message]);
    assert.deepEqual(found([message(0), message(1), message(2)]), [], 'fresh salts of one length');
    const reused = found([message(0), message(1), message(2, salt(0)), message(3, salt(0))]);
    assert.deepEqual(
      reused.map(([ruleId, location]) => [ruleId, location]),
      [
        ['message/salt-reused', { kind: 'message', index: 2, field: 'salt' }],
        ['message/salt-reused', { kind: 'message', index: 3, field: 'salt' }],
      ],
    );
    assert.match(String(reused[0][2]), /Message 3 reuses the salt of message 1; the contract expects a fresh salt/);
    const short = Buffer.alloc(8, 9).toString('base64');
    const lengths = found([message(0), message(1, short), message(2, Buffer.alloc(12, 3).toString('base64'))]);
    const atSecond = { kind: 'message', index: 1, field: 'salt' };
    assert.deepEqual(
      lengths.map(([ruleId, location]) => [ruleId, location]),
      [['message/salt-length', atSecond]],
    );
    assert.match(String(lengths[0][2]), /Message 2 has a salt of 8 bytes, message 1 one of 16/);
    // Padded and unpadded, standard and URL-safe forms of the same length are one length.
    assert.deepEqual(found([message(0, 'AAAAAAAAAAAAAAAAAAAAAA=='), message(1, '_-_-_-_-_-_-_-_-_-_-_w')]), []);
  });

  it('disabled rules are left out', () => {
    const bad = { ...clean, started: 'yesterday', members: 'a@x.org;b@x.org' };
    assert.deepEqual(
      checkRoomList([bad], { now: NOW, disabled: new Set(['room/started-not-iso']) }).map((p) => p.ruleId),
      ['room/members-separator'],
    );
  });

  it('server text in a message is quoted and cut, never our words', () => {
    const [problem] = checkRoomList([{ ...clean, started: `<script>${'x'.repeat(200)}` }], { now: NOW });
    assert.ok(problem.message.includes('"<script>xxx'));
    assert.ok(problem.message.length < 250);
  });

  it("a problem's message shows bidi controls by code point: the Problems panel cannot be made to read backwards", () => {
    const [problem] = checkRoomList([{ ...clean, members: 'a@x.org;\u202Egro.x@b' }], { now: NOW });
    assert.equal(problem.ruleId, 'room/members-separator');
    assert.ok(problem.message.includes('⟨U+202E⟩gro.x@b') && !problem.message.includes('\u202E'), problem.message);
  });

  it('checked a slice of messages at a time, a reply gives the same problems as in one pass', () => {
    const messages = Array.from({ length: 25 }, (_, index) => ({
      id: `m${index % 7}`,
      salt: index % 3 ? SALT : '!',
      data: index % 5 ? SALT : '',
    }));
    const reply = { ...clean, id: 'r1', hasMessages: false, messages };
    const sliced = new RoomReplyCheck('r1', reply, { now: NOW });
    for (const [from, to] of [
      [0, 4],
      [4, 5],
      [5, 19],
      [19, 25],
    ]) {
      sliced.checkMessages(from, to);
    }
    assert.deepEqual(sliced.problems, checkRoomReply('r1', reply, { now: NOW }));
    assert.ok(sliced.problems.length > 10);
  });
});

describe("the team's contract file, applied", () => {
  const problem = {
    ruleId: 'room/members-spaces',
    severity: 'warning',
    message: 'm',
    roomId: 'legacy-7',
    location: { kind: 'room', field: 'members' },
  } as const;

  it('room-id patterns: * any run, ? one character, everything else literal', () => {
    assert.ok(matchesPattern('legacy-*', 'legacy-7') && matchesPattern('*', '') && matchesPattern('a?c*', 'abcdef'));
    assert.ok(!matchesPattern('legacy-*', 'new-legacy-7') && !matchesPattern('a?c', 'ac') && !matchesPattern('a.c', 'abc'));
  });

  it('severities change, rules off and suppressed findings go (counted)', () => {
    const { contract, problems } = compileContract(
      JSON.stringify({
        rules: { 'room/members-spaces': 'error', 'room/started-not-iso': 'off' },
        suppressions: [{ rule: '*', rooms: 'old-*', reason: 'Migrated, fixed in 2.0' }],
      }),
      () => Ajv,
    );
    assert.deepEqual(problems, []);
    const started = { ...problem, ruleId: 'room/started-not-iso' } as const;
    const result = applyContract([problem, started, { ...problem, roomId: 'old-1' }], contract);
    assert.deepEqual(
      result.kept.map((kept) => [kept.ruleId, kept.severity, kept.roomId]),
      [['room/members-spaces', 'error', 'legacy-7']],
    );
    assert.equal(result.suppressed, 1);
  });

  it('a file that breaks the schema names the place; a suppression needs its reason', () => {
    const { problems } = compileContract(JSON.stringify({ suppressions: [{ rule: 'room/empty-id', rooms: '*' }], rulez: {} }), () => Ajv);
    assert.deepEqual(problems.map((entry) => entry.path.join('.')).sort(), ['', 'suppressions.0']);
    assert.match(problems.map((entry) => entry.message).join('\n'), /must have required property 'reason'/);
  });
});

describe("the contract file's JSON schema (package.json jsonValidation)", () => {
  it('offers every rule id, and the manifest points at it', () => {
    const schema = JSON.parse(
      readFileSync(path.join(__dirname, '../../../../../schemas/worldclient-rtc.contract.schema.json'), 'utf8'),
    ) as {
      properties: { rules: { properties: Record<string, unknown> } };
    };
    assert.deepEqual(Object.keys(schema.properties.rules.properties).sort(), [...RULE_IDS].sort());
    const manifest = JSON.parse(readFileSync(path.join(__dirname, '../../../../../package.json'), 'utf8')) as {
      contributes: { jsonValidation: { fileMatch: string; url: string }[] };
    };
    assert.deepEqual(manifest.contributes.jsonValidation, [
      { fileMatch: '.vscode/worldclient-rtc.contract.json', url: './schemas/worldclient-rtc.contract.schema.json' },
    ]);
  });
});
