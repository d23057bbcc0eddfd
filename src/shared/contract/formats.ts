/** The value formats the contract names: ISO-8601 dates, e-mail addresses, base64. */

// Calendar date, optionally a time (minutes at least) and a zone; what Date.parse accepts
// besides (RFC 2822, "June 2, 2025") is not ISO-8601. Parsed by hand from the captures: this
// runs for every room on every refresh, and Date.parse plus a calendar check cost 5× more.
const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|([+-])(\d{2}):?(\d{2}))?)?$/;

/** The time an ISO-8601 text stands for, or undefined when it is not ISO-8601 or not a real date. */
export function parseIso8601(text: string): number | undefined {
  const match = ISO_8601.exec(text);
  if (!match) {
    return undefined;
  }
  const year = +match[1];
  const month = +match[2];
  const day = +match[3];
  const hours = match[4] === undefined ? 0 : +match[4];
  const minutes = match[5] === undefined ? 0 : +match[5];
  const seconds = match[6] === undefined ? 0 : +match[6];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hours > 24 || minutes > 59 || seconds > 60) {
    return undefined;
  }
  const fraction = match[7] === undefined ? 0 : Math.round(Number(`0.${match[7]}`) * 1000);
  // No zone: a date alone is UTC, a date-time local, as Date.parse takes them.
  const offsetMinutes =
    match[8] === undefined
      ? match[4] === undefined
        ? 0
        : new Date(year, month - 1, day, hours, minutes).getTimezoneOffset() * -1
      : match[9] === undefined
        ? 0
        : (match[9] === '-' ? -1 : 1) * (+match[10] * 60 + +match[11]);
  return Date.UTC(year, month - 1, day, hours, minutes, seconds, fraction) - offsetMinutes * 60_000;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** What `\s` matches in a JavaScript regular expression (WhiteSpace and LineTerminator). */
export function isSpaceCode(code: number): boolean {
  return (
    (code >= 0x09 && code <= 0x0d) ||
    code === 0x20 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

const AT = 0x40;
const DOT = 0x2e;

/**
 * Pragmatic, not RFC 5322: one @, a non-empty local part, a domain with a dot neither first nor
 * last; no spaces, `,` or `;` anywhere. One scan by hand: the same as a regular expression would
 * say, but never backtracking over a long server value.
 */
export function isEmailAddress(text: string): boolean {
  let at = -1;
  let dotAfterAt = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === AT) {
      if (at >= 0 || index === 0) {
        return false;
      }
      at = index;
    } else if (code === 0x2c || code === 0x3b || isSpaceCode(code)) {
      return false;
    } else if (code === DOT && at >= 0 && index >= at + 2 && index <= text.length - 2) {
      dotAfterAt = true;
    }
  }
  return dotAfterAt;
}
