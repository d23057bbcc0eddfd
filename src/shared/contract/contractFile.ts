import type { ErrorObject, Options, ValidateFunction } from 'ajv';
import contractFileSchema from '../../../schemas/worldclient-rtc.contract.schema.json';
import { unsafePatternReason } from './patternSafety';
import { type CustomRuleId, type MessageField, type Problem, type ProblemLocation, type RoomField, type Severity } from './rules';

/**
 * The team's contract file (`.vscode/worldclient-rtc.contract.json`, or the CLI's `--config`):
 * severities, rules turned off, suppressions with a reason, and the team's own rules as JSON
 * Schema. The extension and the CLI read it through this one module, so both report alike.
 */

export const CONTRACT_FILE_NAME = '.vscode/worldclient-rtc.contract.json';

/** Something wrong in the contract file itself, at a JSON path in it (shown on the file, or as the CLI's usage error). */
export interface ContractFileProblem {
  path: (string | number)[];
  message: string;
}

export interface CustomRule {
  ruleId: CustomRuleId;
  appliesTo: 'room' | 'message';
  severity: Severity;
  description: string;
  validate: ValidateFunction;
}

export interface Suppression {
  rule: string;
  rooms: string;
  reason: string;
}

export interface Contract {
  /** Severity per rule id, or 'off'. */
  levels: ReadonlyMap<string, Severity | 'off'>;
  suppressions: readonly Suppression[];
  custom: readonly CustomRule[];
}

export const EMPTY_CONTRACT: Contract = { levels: new Map(), suppressions: [], custom: [] };

interface ContractFileShape {
  rules?: Record<string, Severity | 'off'>;
  suppressions?: Suppression[];
  customRules?: { id: string; appliesTo: 'room' | 'message'; severity?: Severity; description: string; schema: object | boolean }[];
}

/**
 * The schema library, handed in by the caller so it is loaded on first use (the extension pays for
 * it only when a team has a contract file), and so this module needs no Node `require` of its own.
 */
export type LoadAjv = () => typeof import('ajv').default;

/**
 * Reads a contract file's text. What is well-formed is used; each part that is not (the file's
 * shape, a custom rule whose schema does not compile) is named with its path and left out.
 */
export function compileContract(text: string, loadAjv: LoadAjv): { contract: Contract; problems: ContractFileProblem[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const message = `The contract file is not valid JSON (${(error as Error).message}).`;
    return { contract: EMPTY_CONTRACT, problems: [{ path: [], message }] };
  }
  const Ajv = loadAjv();
  const checkShape = new Ajv({ allErrors: true, strict: false }).compile(contractFileSchema);
  if (!checkShape(parsed)) {
    return { contract: EMPTY_CONTRACT, problems: (checkShape.errors ?? []).map(fileProblem) };
  }
  const file = parsed as ContractFileShape;
  const problems: ContractFileProblem[] = [];
  // An unknown keyword is refused: a misspelt one would otherwise check nothing, silently.
  const ajv = new Ajv({ allErrors: false, strict: false, strictSchema: true, code: { regExp: guardedRegExp } });
  const custom: CustomRule[] = [];
  (file.customRules ?? []).forEach((rule, index) => {
    try {
      const validate = ajv.compile(rule.schema);
      const { appliesTo, description } = rule;
      custom.push({ ruleId: `custom/${rule.id}`, appliesTo, severity: rule.severity ?? 'error', description, validate });
    } catch (error) {
      const message = `The rule "custom/${rule.id}" does not compile: ${(error as Error).message}`;
      problems.push({ path: ['customRules', index, 'schema'], message });
    }
  });
  const levels = new Map(Object.entries(file.rules ?? {}));
  return { contract: { levels, suppressions: file.suppressions ?? [], custom }, problems };
}

/**
 * ajv's pattern engine for the team's rules: the usual RegExp, refused (ajv then reports the rule as
 * not compiling) when its shape could take exponential time on hostile server text.
 */
const guardedRegExp: NonNullable<NonNullable<Options['code']>['regExp']> = Object.assign(
  (pattern: string, flags: string) => {
    const reason = unsafePatternReason(pattern);
    if (reason !== undefined) {
      throw new Error(`the pattern "${pattern}" is refused: ${reason}`);
    }
    return new RegExp(pattern, flags);
  },
  { code: 'new RegExp' },
);

function fileProblem(error: ErrorObject): ContractFileProblem {
  const steps = error.instancePath.split('/').slice(1);
  const path = steps.map((part) => (/^\d+$/.test(part) ? Number(part) : part.replace(/~1/g, '/').replace(/~0/g, '~')));
  const where = error.instancePath === '' ? 'The contract file' : `"${error.instancePath.slice(1)}"`;
  const unknown = (error.params as { additionalProperty?: string }).additionalProperty;
  const extra = error.keyword === 'additionalProperties' ? ` (${String(unknown)})` : '';
  return { path, message: `${where} ${error.message ?? 'is not valid'}${extra}.` };
}

/**
 * The problems as the team's contract wants them: severities changed, rules turned off and
 * suppressed findings left out (counted, so a report can say how many).
 */
export function applyContract(problems: readonly Problem[], contract: Contract): { kept: Problem[]; suppressed: number } {
  const kept: Problem[] = [];
  let suppressed = 0;
  for (const problem of problems) {
    const level = contract.levels.get(problem.ruleId);
    if (level === 'off') {
      continue;
    }
    if (isSuppressed(problem, contract.suppressions)) {
      suppressed++;
      continue;
    }
    kept.push(level === undefined || level === problem.severity ? problem : { ...problem, severity: level });
  }
  return { kept, suppressed };
}

export function isSuppressed(problem: Problem, suppressions: readonly Suppression[]): boolean {
  return suppressions.some((entry) => (entry.rule === '*' || entry.rule === problem.ruleId) && matchesPattern(entry.rooms, problem.roomId));
}

/**
 * `*` for any run of characters, `?` for one. Greedy with one remembered star, so a hostile
 * room id costs at most its length times the (short, team-written) pattern's.
 */
export function matchesPattern(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === text[t])) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      resume = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') {
    p++;
  }
  return p === pattern.length;
}

const ROOM_FIELDS: readonly string[] = ['id', 'started', 'ended', 'members', 'hasMessages', 'messages'];
const MESSAGE_FIELDS: readonly string[] = ['id', 'salt', 'data'];

/** The team's room rules on one room (its fields as sent, without messages): one problem per rule it breaks. */
export function checkCustomRoom(rules: readonly CustomRule[], roomId: string, fields: object): Problem[] {
  return rules
    .filter((rule) => rule.appliesTo === 'room' && !rule.validate(fields))
    .map((rule) => {
      const [error] = rule.validate.errors ?? [];
      const field = (errorField(error, ROOM_FIELDS) ?? 'id') as RoomField;
      return customProblem(rule, roomId, { kind: 'room', field }, error, 'the room');
    });
}

/** The team's message rules on one message. */
export function checkCustomMessage(rules: readonly CustomRule[], roomId: string, index: number, message: object): Problem[] {
  return rules
    .filter((rule) => rule.appliesTo === 'message' && !rule.validate(message))
    .map((rule) => {
      const [error] = rule.validate.errors ?? [];
      const field = (errorField(error, MESSAGE_FIELDS) ?? 'id') as MessageField;
      return customProblem(rule, roomId, { kind: 'message', index, field }, error, `message ${index + 1}`);
    });
}

/** The field an error is about: the first step of its path, or the property it says is missing. */
function errorField(error: ErrorObject | undefined, known: readonly string[]): string | undefined {
  const candidate = error?.instancePath.split('/')[1] || (error?.params as { missingProperty?: string } | undefined)?.missingProperty;
  return candidate !== undefined && known.includes(candidate) ? candidate : undefined;
}

function customProblem(rule: CustomRule, roomId: string, location: ProblemLocation, error: ErrorObject | undefined, what: string): Problem {
  // The schema library's words name the team's schema, never the server's value.
  const detail = error ? `${error.instancePath ? `"${error.instancePath.slice(1)}"` : what} ${error.message ?? 'does not match'}` : what;
  return { ruleId: rule.ruleId, severity: rule.severity, message: `${rule.description} (${detail}).`, roomId, location };
}
