export type WorldClientErrorKind =
  | 'sessionExpired'
  | 'forbidden'
  | 'notFound'
  | 'conflict'
  | 'badRequest'
  | 'serverError'
  | 'notJson'
  | 'badShape'
  /** The reply would cost more memory than the extension lets replies take (api/replyBudget.ts). */
  | 'tooBig'
  | 'network'
  | 'tls'
  | 'timeout'
  | 'cancelled'
  | 'signInRefused'
  | 'notSignedIn';

export interface WorldClientErrorDetails {
  /** The HTTP status, when the server answered at all. */
  status?: number;
  /** The server's error name from an `{"error": ...}` body, e.g. "RoomNotFound". */
  serverError?: string;
  cause?: unknown;
}

/**
 * The one error type the client throws. `message` says what happened and what to do next,
 * and never contains the session, the CSRF token or a password, so callers may show it as is.
 */
export class WorldClientError extends Error {
  override readonly name = 'WorldClientError';
  readonly kind: WorldClientErrorKind;
  readonly status?: number;
  readonly serverError?: string;

  constructor(kind: WorldClientErrorKind, message: string, details: WorldClientErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    this.status = details.status;
    this.serverError = details.serverError;
  }
}

/** The server no longer takes the session: the command runner asks to sign in again, and nothing else does. */
export function isSessionExpired(error: unknown): error is WorldClientError {
  return error instanceof WorldClientError && error.kind === 'sessionExpired';
}

/** An expired session or a cancel ends a whole batch of calls; the command runner signs in again and repeats it. */
export function endsBatch(error: unknown): boolean {
  return error instanceof WorldClientError && (error.kind === 'sessionExpired' || error.kind === 'cancelled');
}

/** The message of anything thrown, for reports and logs. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
