/** Validation of the fields a user types for a new room; each returns why a value is refused. */

const EMAIL = /^[^\s@,<>"]+@[^\s@,<>"]+\.[^\s@,<>"]+$/;

export function validateRoomId(value: string): string | undefined {
  if (!value.trim()) {
    return 'Enter a room id.';
  }
  if (value !== value.trim()) {
    return 'Leading or trailing spaces would be part of the id; remove them.';
  }
  return undefined;
}

export function validateMembers(value: string): string | undefined {
  const members = value.split(',').map((member) => member.trim());
  if (members.every((member) => !member)) {
    return 'Enter at least one member email address, separated by commas.';
  }
  const invalid = members.filter((member) => member && !EMAIL.test(member));
  if (invalid.length === 0) {
    return undefined;
  }
  // "a@x.org; b@y.org" or "a@x.org b@y.org" is two addresses with the wrong separator, not one bad address.
  const wrongSeparator = invalid.find((member) => /[;\s]/.test(member));
  if (wrongSeparator !== undefined) {
    return `“${wrongSeparator}” holds more than one address: separate members with commas (,), e.g. a@x.org, b@y.org.`;
  }
  const named = invalid
    .slice(0, 3)
    .map((member) => `“${member}”`)
    .join(', ');
  return `Not an email address: ${named}. Members are email addresses separated by commas (,).`;
}

/** Normalises "a@x.com ,b@y.com," to "a@x.com,b@y.com", the form the API documents. */
export function normalizeMembers(value: string): string {
  return value
    .split(',')
    .map((member) => member.trim())
    .filter(Boolean)
    .join(',');
}

export function validateIsoDate(value: string, optional: boolean): string | undefined {
  if (!value.trim()) {
    return optional ? undefined : 'Enter a date, e.g. 2026-11-24T10:00:00Z.';
  }
  return Number.isFinite(Date.parse(value)) && /^\d{4}-\d{2}-\d{2}/.test(value.trim())
    ? undefined
    : 'Use an ISO-8601 date, e.g. 2026-11-24T10:00:00Z.';
}

export function validateEnded(ended: string, started: string): string | undefined {
  const problem = validateIsoDate(ended, true);
  if (problem || !ended.trim()) {
    return problem;
  }
  return Date.parse(ended) < Date.parse(started) ? 'The end lies before the start.' : undefined;
}
