/**
 * The team's custom rules apply their `pattern`s to server text, in the extension host every
 * extension shares. JavaScript's regular expressions backtrack, so a pattern such as `^(a+)+$`
 * takes exponential time on a hostile value of a few dozen characters. This check refuses, when
 * the contract file is read, the shapes that do so: a repeated group that itself repeats, or that
 * chooses between alternatives which may start alike (`(a+)+`, `(a|ab)*`), and backreferences.
 * It reads the pattern once, left to right. Chains such as `\d*\d*\d*` stay allowed: they cost a
 * power of the text's length, not an exponential, and the README asks for simple patterns.
 */

interface Group {
  /** A repeat inside, or a nested group that is ambiguous. */
  repeats: boolean;
  /** Has `|`. */
  chooses: boolean;
  /** Only literal characters and `|`: alternatives that start with different characters never compete. */
  literal: boolean;
  startsSeen: Set<string>;
  atAlternativeStart: boolean;
  startsClash: boolean;
}

const REPEATED_AMBIGUITY =
  'a repeated group repeats or chooses between alternatives that may start alike (like "(a+)+" or "(a|ab)*"), ' +
  'which can take exponential time on long text';
const REPEAT_COUNT = /^\{\d+(,\d*)?\}/;
const SPECIAL = new Set(['.', '^', '$', '?']);
/** What may follow `(`: non-capturing, lookaround and named groups. */
const GROUP_PREFIX = /^\?(?::|=|!|<=|<!|<[A-Za-z_$][\w$]*>)/;

/** Why a pattern is refused, or undefined when it has none of the refused shapes. */
export function unsafePatternReason(pattern: string): string | undefined {
  const open: Group[] = [newGroup()];
  /** Whether the group that closed just before this character is ambiguous, while that character may repeat it. */
  let closedAmbiguous = false;
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index];
    const group = open[open.length - 1];
    const repeatsClosedGroup = closedAmbiguous;
    closedAmbiguous = false;
    if (char === '\\') {
      const next = pattern[index + 1] ?? '';
      if (/[1-9]/.test(next) || (next === 'k' && pattern[index + 2] === '<')) {
        return 'it uses a backreference, which can take exponential time on long text';
      }
      // `\d`, `\w`, `\s`… match many characters; `\.` and the like match one, as a literal does.
      startAlternative(group, /[a-zA-Z]/.test(next) ? undefined : `\\${next}`);
      index++;
    } else if (char === '[') {
      startAlternative(group, undefined);
      index = endOfClass(pattern, index);
    } else if (char === '(') {
      startAlternative(group, undefined);
      open.push(newGroup());
      index += GROUP_PREFIX.exec(pattern.slice(index + 1, index + 258))?.[0].length ?? 0;
    } else if (char === ')' && open.length > 1) {
      open.pop();
      closedAmbiguous = group.repeats || (group.chooses && (!group.literal || group.startsClash));
      open[open.length - 1].repeats ||= closedAmbiguous;
    } else if (char === '|') {
      group.startsClash ||= group.atAlternativeStart;
      group.chooses = true;
      group.atAlternativeStart = true;
    } else if (char === '*' || char === '+' || (char === '{' && REPEAT_COUNT.test(pattern.slice(index, index + 24)))) {
      // Any count, even `{2}`, multiplies the ways an ambiguous group can match; `?` (zero or once) does not.
      if (repeatsClosedGroup) {
        return REPEATED_AMBIGUITY;
      }
      group.repeats = true;
      group.literal = false;
    } else if (SPECIAL.has(char)) {
      startAlternative(group, undefined);
    } else {
      startAlternative(group, char);
    }
  }
  return undefined;
}

function newGroup(): Group {
  return { repeats: false, chooses: false, literal: true, startsSeen: new Set(), atAlternativeStart: true, startsClash: false };
}

/** Notes what the current alternative of `group` matches next: one literal character, or (undefined) something wider. */
function startAlternative(group: Group, literal: string | undefined): void {
  if (literal === undefined) {
    group.literal = false;
  }
  if (group.atAlternativeStart) {
    group.atAlternativeStart = false;
    if (literal !== undefined) {
      group.startsClash ||= group.startsSeen.has(literal);
      group.startsSeen.add(literal);
    }
  }
}

/** The index of the `]` that closes the class opened at `start` (escapes inside skipped), or the last index. */
function endOfClass(pattern: string, start: number): number {
  for (let index = start + 1; index < pattern.length; index++) {
    if (pattern[index] === '\\') {
      index++;
    } else if (pattern[index] === ']') {
      return index;
    }
  }
  return pattern.length - 1;
}
