import { REDACTED } from './urls';

/** Header names whose values are secrets, lower-case. */
const SECRET_HEADERS: ReadonlySet<string> = new Set(['authorization', 'x-csrf-token', 'cookie', 'proxy-authorization']);

/** A copy of the headers fit for a log: secret values replaced, and the Bearer scheme kept so the log shows how the session travelled. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const redacted: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!SECRET_HEADERS.has(name.toLowerCase())) {
      redacted[name] = value;
    } else {
      redacted[name] = /^Bearer /i.test(value) ? `Bearer ${REDACTED}` : REDACTED;
    }
  }
  return redacted;
}

/** Secrets shorter than this are not searched for: replacing every "a" in a message would help nobody. */
const MIN_SECRET_LENGTH = 3;

/**
 * Replaces every occurrence of the given secrets (raw and percent-encoded) with REDACTED.
 * A last line of defence for text that came from the server or the network stack, such as
 * a login page's first bytes echoed in an error message.
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret === undefined || secret.length < MIN_SECRET_LENGTH) {
      continue;
    }
    for (const form of new Set([secret, encodeURIComponent(secret)])) {
      result = result.split(form).join(REDACTED);
    }
  }
  return result;
}

/** A JSON request body for the log, with the named top-level fields replaced by REDACTED. */
export function redactJsonFields(body: Record<string, unknown>, fields: readonly string[]): string {
  const copy: Record<string, unknown> = { ...body };
  for (const field of fields) {
    if (field in copy) {
      copy[field] = REDACTED;
    }
  }
  return JSON.stringify(copy);
}

/** Query parameters whose values are secrets, as they may appear in free text (a page echoing the URL). */
const SECRET_PARAM_IN_TEXT = /(^|[?&;])(session|token|password|one_time_password)=[^&#\s"'<>]*/gi;

/**
 * Redacts, then cuts: the first `maxChars` characters of `text` with every known secret and
 * every secret query parameter's value replaced. Redacting first matters: a session sent as
 * `?session=` and cut in half by a snippet no longer matches the secret it is part of. Only a
 * window that holds every secret starting before the cut is redacted, so a 200 MB error page
 * is not copied whole.
 */
export function redactedHead(text: string, secrets: readonly (string | undefined)[], maxChars: number): string {
  const longest = secrets.reduce((max, secret) => Math.max(max, secret === undefined ? 0 : encodeURIComponent(secret).length), 0);
  const window = text.length > maxChars + longest ? text.slice(0, maxChars + longest) : text;
  return redactSecrets(window, secrets).replace(SECRET_PARAM_IN_TEXT, `$1$2=${REDACTED}`).slice(0, maxChars);
}
