/**
 * A whole number with en-US digit grouping ("10,000"), as `toLocaleString('en-US')` writes it, without
 * Intl: the first toLocaleString loads ICU's data, and the Rooms view's counts are on the way to its first rows.
 */
export function formatEnglishCount(n: number): string {
  if (!Number.isSafeInteger(n)) {
    return n.toLocaleString('en-US');
  }
  const digits = String(Math.abs(n));
  let grouped = digits.slice(0, digits.length % 3 || 3);
  for (let at = grouped.length; at < digits.length; at += 3) {
    grouped += `,${digits.slice(at, at + 3)}`;
  }
  return n < 0 ? `-${grouped}` : grouped;
}

/** "1 message", "3 messages" for log lines, which are English and not translated. */
export function counted(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
