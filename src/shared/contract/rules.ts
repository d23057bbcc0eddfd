/**
 * The contract rules: what worldclient-rtc-api.md (shared spec) promises about rooms and their
 * messages, each under an id that never changes (settings and users' notes refer to it).
 * Pure TypeScript: the checks run in the extension host, in tests and in benchmarks alike.
 */

import { visible } from '../inertText';
import { cutText } from '../cutText';

export type Severity = 'error' | 'warning' | 'information';

/** Where a problem sits in a room's JSON document: a room field, or one field of one message. */
export type ProblemLocation = { kind: 'room'; field: RoomField } | { kind: 'message'; index: number; field: MessageField };

export type RoomField = 'id' | 'started' | 'ended' | 'members' | 'hasMessages' | 'messages';
export type MessageField = 'id' | 'salt' | 'data';

export interface Problem {
  ruleId: AnyRuleId;
  severity: Severity;
  /** What is wrong and what the contract expects; the server's values are quoted, never interpreted. */
  message: string;
  roomId: string;
  location: ProblemLocation;
}

export interface RuleInfo {
  severity: Severity;
  /** One line for the README and the settings description. */
  summary: string;
  /** True when the spec states it; false for the rules we derive from it. */
  stated: boolean;
}

export const RULES = {
  'list/duplicate-id': { severity: 'error', summary: 'The room list names the same room id more than once.', stated: true },
  'room/empty-id': { severity: 'error', summary: 'A room id is empty.', stated: true },
  'room/id-field-name': { severity: 'warning', summary: 'The room id came as `room_id` where the contract names it `id`.', stated: false },
  'room/started-not-iso': { severity: 'error', summary: '`started` is not an ISO-8601 date.', stated: true },
  'room/ended-not-iso': { severity: 'error', summary: '`ended` is neither empty (still open) nor an ISO-8601 date.', stated: true },
  'room/ended-before-started': { severity: 'error', summary: '`ended` is earlier than `started`.', stated: true },
  'room/started-in-future': {
    severity: 'warning',
    summary: '`started` lies in the future (more than 5 minutes ahead of this computer).',
    stated: true,
  },
  'room/members-empty-entry': {
    severity: 'error',
    summary: '`members` has an empty entry (two commas in a row, or a comma at either end).',
    stated: true,
  },
  'room/members-separator': {
    severity: 'error',
    summary: '`members` separates addresses with something other than a comma (`;`, a space, a newline).',
    stated: true,
  },
  'room/members-spaces': { severity: 'warning', summary: 'A `members` entry has spaces around it.', stated: true },
  'room/members-duplicate': {
    severity: 'warning',
    summary: '`members` lists the same address twice (compared case-insensitively).',
    stated: true,
  },
  'room/members-not-email': { severity: 'error', summary: 'A `members` entry is not an e-mail address.', stated: true },
  'room/has-messages-type': { severity: 'error', summary: '`hasMessages` is missing or not a boolean.', stated: true },
  'room/has-messages-mismatch': { severity: 'error', summary: '`hasMessages` disagrees with the messages the room holds.', stated: true },
  'room/messages-missing': { severity: 'warning', summary: 'The single-room reply has no `messages` array.', stated: false },
  'room/list-mismatch': {
    severity: 'warning',
    summary: "The room reply's `started`, `ended` or `members` differ from the room list's.",
    stated: false,
  },
  'reply/wrong-room': { severity: 'error', summary: "The reply's `id`/`room_id` is not the room that was asked for.", stated: true },
  'message/empty-id': { severity: 'error', summary: 'A message id is empty.', stated: true },
  'message/duplicate-id': { severity: 'error', summary: 'Two messages of one room share an id.', stated: true },
  'message/salt-base64': { severity: 'error', summary: 'A message `salt` is empty or not valid base64.', stated: true },
  'message/data-base64': { severity: 'error', summary: 'A message `data` is empty or not valid base64.', stated: true },
  'message/salt-reused': {
    severity: 'error',
    summary: 'Two messages of one room share a salt (a reused salt or nonce is a cryptographic bug).',
    stated: false,
  },
  'message/salt-length': { severity: 'warning', summary: 'The salts of one room decode to different lengths.', stated: false },
} as const satisfies Record<string, RuleInfo>;

export type RuleId = keyof typeof RULES;

/** A team's own rule from its contract file (contractFile.ts): `custom/` and the id the team gave it. */
export type CustomRuleId = `custom/${string}`;
export type AnyRuleId = RuleId | CustomRuleId;

export const RULE_IDS = Object.keys(RULES) as RuleId[];

export function isRuleId(text: string): text is RuleId {
  return Object.prototype.hasOwnProperty.call(RULES, text);
}

/** Collects problems, leaving out the rules the user turned off. */
export class ProblemSink {
  readonly problems: Problem[] = [];

  constructor(private readonly disabled: ReadonlySet<string> = new Set()) {}

  add(ruleId: RuleId, roomId: string, location: ProblemLocation, message: string): void {
    if (!this.disabled.has(ruleId)) {
      this.problems.push({ ruleId, severity: RULES[ruleId].severity, message, roomId, location });
    }
  }
}

const QUOTE_MAX_CHARS = 60;

/**
 * A value as a message may quote it: short, JSON-quoted, so nothing in it reads as our words, and
 * bidi or invisible characters shown by code point. A long string is cut before it is quoted.
 */
export function quote(value: unknown): string {
  if (value === undefined) {
    return 'nothing';
  }
  const shown = typeof value === 'string' ? value.slice(0, QUOTE_MAX_CHARS) : value;
  const text = visible(jsonOrString(shown));
  return cutText(text, QUOTE_MAX_CHARS);
}

function jsonOrString(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    // Nested too deep for the stack, or a cycle: say what it is rather than fail the check.
    return Array.isArray(value) ? '[…]' : '{…}';
  }
}
