/**
 * Turns raw settings values (whatever a user, an older version or a repository's
 * .vscode/settings.json wrote) into values the extension can use, never throwing. Pure: no
 * vscode import, so the rules are unit-tested; settings.ts reads the values and words the
 * problems for people.
 */

import { withoutTrailingSlashes } from '../api/urls';
import { cutText } from '../shared/cutText';

/** Why a server URL from the settings cannot be used. */
export type ServerUrlProblem = 'notUrl' | 'scheme' | 'credentials' | 'queryOrFragment';

export type ServerUrlResult =
  /** `url` is '' when no server is set (not a problem: the view offers to set one). */
  | { readonly ok: true; readonly url: string }
  /** `shown` is the value with any user name and password taken out, safe to show and log. */
  | { readonly ok: false; readonly problem: ServerUrlProblem; readonly shown: string };

/**
 * Accepts what people type: surrounding spaces, no scheme (`mail.example.com` means
 * `https://mail.example.com`), a trailing `/` or `/WorldClientAPI` (the extension adds that path).
 * Everything else is kept as typed, because sessions and trusted certificates are keyed by it.
 */
export function parseServerUrl(raw: unknown): ServerUrlResult {
  const typed = typeof raw === 'string' ? raw.trim() : '';
  if (!typed) {
    return typeof raw === 'string' || raw === undefined || raw === null
      ? { ok: true, url: '' }
      : { ok: false, problem: 'notUrl', shown: String(raw) };
  }
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(typed) ? typed : `https://${typed}`;
  const text = stripApiPath(withScheme);
  const shown = withoutUserInfo(text);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, problem: 'notUrl', shown };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, problem: 'scheme', shown };
  }
  if (!url.hostname || /\s/.test(text)) {
    return { ok: false, problem: 'notUrl', shown };
  }
  if (url.username || url.password) {
    return { ok: false, problem: 'credentials', shown };
  }
  if (url.search || url.hash || text.includes('?') || text.includes('#')) {
    return { ok: false, problem: 'queryOrFragment', shown };
  }
  return { ok: true, url: text };
}

function stripApiPath(url: string): string {
  return withoutTrailingSlashes(withoutTrailingSlashes(url).replace(/\/WorldClientAPI$/i, ''));
}

/**
 * A password typed into the URL must not reach the view, the log or a notification. It may hold
 * "/", "?" or "#" (then the URL does not even parse), so everything up to the last "@" goes.
 */
function withoutUserInfo(text: string): string {
  const at = text.lastIndexOf('@');
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(text)?.[0] ?? '';
  return at < scheme.length ? text : `${scheme}…${text.slice(at)}`;
}

/** A setting's value as used, and what was wrong with the raw value (for the log), if anything. */
export interface Checked<T> {
  readonly value: T;
  readonly problem?: string;
}

export interface NumberRange {
  readonly min: number;
  readonly max: number;
  readonly fallback: number;
  /** A value that means "off" (autoRefreshSeconds: 0): kept as it is, and what is below it means off too. */
  readonly off?: number;
}

/** Out-of-range numbers are clamped; what is not a number falls back to the default. */
export function checkNumber(key: string, raw: unknown, range: NumberRange): Checked<number> {
  if (raw === undefined) {
    return { value: range.fallback };
  }
  if (typeof raw !== 'number' || !Number.isFinite(raw)) {
    return { value: range.fallback, problem: `${key} is ${describe(raw)}, not a number; using ${range.fallback}.` };
  }
  if (range.off !== undefined && raw <= range.off) {
    return raw === range.off
      ? { value: raw }
      : { value: range.off, problem: `${key} is ${raw}, below ${range.off}; using ${range.off} (off).` };
  }
  const clamped = Math.min(range.max, Math.max(range.min, raw));
  return clamped === raw
    ? { value: raw }
    : { value: clamped, problem: `${key} is ${raw}, outside ${range.min}–${range.max}; using ${clamped}.` };
}

/** An unknown enum value (from an older or newer version, or a typo) falls back to the default. */
export function checkChoice<T extends string>(key: string, raw: unknown, choices: readonly T[], fallback: T): Checked<T> {
  if (raw === undefined) {
    return { value: fallback };
  }
  return (choices as readonly unknown[]).includes(raw)
    ? { value: raw as T }
    : { value: fallback, problem: `${key} is ${describe(raw)}, not one of ${choices.join(', ')}; using ${fallback}.` };
}

export function checkBoolean(key: string, raw: unknown, fallback: boolean): Checked<boolean> {
  if (raw === undefined || typeof raw === 'boolean') {
    return { value: raw ?? fallback };
  }
  return { value: fallback, problem: `${key} is ${describe(raw)}, not true or false; using ${fallback}.` };
}

/** A map of strings to strings; entries of any other type are dropped. */
export function checkStringMap(key: string, raw: unknown): Checked<Readonly<Record<string, string>>> {
  if (raw === undefined || raw === null) {
    return { value: {} };
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { value: {}, problem: `${key} is ${describe(raw)}, not an object of server URL → file; ignoring it.` };
  }
  const entries = Object.entries(raw as Record<string, unknown>);
  const kept = entries.filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  return kept.length === entries.length
    ? { value: Object.fromEntries(kept) }
    : {
        value: Object.fromEntries(kept),
        problem: `${key} has ${entries.length - kept.length} entries that are not file paths; ignoring them.`,
      };
}

/** A list of strings; what is not a list is ignored, and entries of any other type are dropped. */
export function checkStringList(key: string, raw: unknown, what: string): Checked<readonly string[]> {
  if (raw === undefined || raw === null) {
    return { value: [] };
  }
  if (!Array.isArray(raw)) {
    return { value: [], problem: `${key} is ${describe(raw)}, not a list of ${what}; ignoring it.` };
  }
  const kept = raw.filter((entry): entry is string => typeof entry === 'string');
  return kept.length === raw.length
    ? { value: kept }
    : { value: kept, problem: `${key} has ${raw.length - kept.length} entries that are not ${what}; ignoring them.` };
}

/** A raw value for the log, short and on one line. */
function describe(raw: unknown): string {
  const text = JSON.stringify(raw) ?? String(raw);
  const oneLine = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, '?');
  return cutText(oneLine, 60);
}
