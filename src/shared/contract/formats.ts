/** The value formats the contract names: ISO-8601 dates, e-mail addresses, base64. */

// Calendar date, optionally a time (minutes at least) and a zone; what Date.parse accepts
// besides (RFC 2822, "June 2, 2025") is not ISO-8601.
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** The time an ISO-8601 text stands for, or undefined when it is not ISO-8601 or not a real date. */
export function parseIso8601(text: string): number | undefined {
  if (!ISO_8601.test(text)) {
    return undefined;
  }
  const time = Date.parse(text.replace(',', '.'));
  if (!Number.isFinite(time)) {
    return undefined;
  }
  // Date.parse rolls 2025-02-30 over to March; a date that does not exist is not a date.
  const [year, month, day] = text.slice(0, 10).split('-').map(Number);
  const calendar = new Date(Date.UTC(year, month - 1, day));
  return calendar.getUTCMonth() === month - 1 && calendar.getUTCDate() === day ? time : undefined;
}

// Pragmatic, not RFC 5322: one @, a non-empty local part without spaces, a dotted domain.
const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

export function isEmailAddress(text: string): boolean {
  return EMAIL.test(text);
}
