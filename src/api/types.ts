/**
 * The data and configuration types of the WorldClient API client.
 * Field names follow `worldclient-rtc-api.md` in the shared spec; `salt` and `data` are
 * ciphertext made by other clients and are carried byte for byte, never altered.
 */

export interface RtcMessage {
  id: string;
  salt: string;
  data: string;
}

/** The fields every room has, in the list, in a reply and in an add request. */
export interface RoomFields {
  id: string;
  started: string;
  ended: string;
  members: string;
}

export interface RoomSummary extends RoomFields {
  hasMessages: boolean;
}

export interface Room extends RoomSummary {
  messages: RtcMessage[];
}

export interface NewRoom extends RoomFields {
  messages: RtcMessage[];
}

export interface Credentials {
  session: string;
  csrfToken?: string;
}

export type UrlStyle = 'path' | 'query';
export type SessionTransport = 'header' | 'query';

export interface TlsOptions {
  /** An extra trusted CA, or the server's own self-signed certificate, in PEM. */
  caPem?: string;
}

export interface ProxyOptions {
  url: string;
  strictSSL: boolean;
  /** Hosts that bypass the proxy, as in VS Code's `http.noProxy`: names, `.suffix`, `*.suffix`, `host:port`, `*`. */
  noProxy: string[];
}

export interface ServerConfig {
  /** e.g. https://mail.example.com, without /WorldClientAPI. */
  baseUrl: string;
  urlStyle: UrlStyle;
  sessionTransport: SessionTransport;
  /** How long to wait for a reply to start, and the longest silence within a reply. */
  timeoutMs: number;
  /** The limit on a whole request, reply body included; default TOTAL_DEADLINE_FACTOR × timeoutMs. */
  totalTimeoutMs?: number;
  tls?: TlsOptions;
  proxy?: ProxyOptions;
  /** How often a failed GET is retried; default 3. Writes are never retried. */
  maxRetries?: number;
}

export interface RequestLogEntry {
  method: string;
  /** The session (and other secret query parameters) replaced by REDACTED. */
  url: string;
  status?: number;
  ms: number;
  bytes: number;
  error?: string;
  /** The JSON body sent, with passwords and one-time codes replaced by REDACTED; omitted above 1 MiB. */
  requestBody?: string;
  /** The headers sent; Authorization and X-CSRF-Token values replaced by REDACTED. */
  headers: Record<string, string>;
  /** 1 for the first attempt, 2 for the first retry, ... */
  attempt: number;
  /** The status answered the caller's question (e.g. the 404 of "does this id exist?"): not a failure. */
  expected?: boolean;
}

export type SignInResult =
  | { kind: 'signedIn'; credentials: Credentials; user: string; twoFactorSetupPending: boolean }
  | { kind: 'twoFactorRequired'; user: string; token: string }
  | { kind: 'passwordExpired' }
  /**
   * Not in the original contract: the server answered MustAcceptTermsOfUse; sign in again with
   * `acceptTermsOfUse: true` once the user agrees.
   */
  | { kind: 'termsOfUseRequired' };

/** Optional sign-in flags; not part of the original contract, added as a trailing optional parameter. */
export interface SignInOptions {
  /** Sends `remember_user: true`, so the server may later renew an expired session (see ClientHooks.onSessionRenewed). */
  rememberUser?: boolean;
  /** Sends `terms_of_use_acknowledged: true`, after a `termsOfUseRequired` result and the user's consent. */
  acceptTermsOfUse?: boolean;
}

export interface ClientHooks {
  /** Read fresh on every request. */
  getCredentials(): Credentials | undefined;
  /** The server handed a remembered user a new session: store it. The client retries the request once with it. */
  onSessionRenewed?(credentials: Credentials): void;
  /** Every HTTP attempt, for the log. */
  onRequest?(entry: RequestLogEntry): void;
  /** Things worth a log line that are not errors, e.g. the switch to query style for ids containing '/'. */
  onInfo?(message: string): void;
  /** A room list, a room or a room's messages the client parsed from a reply (what the history records). */
  onRoomObserved?(observation: RoomObservation): void;
}

/** What one reply showed of the server's rooms. */
export type RoomObservation =
  | { kind: 'rooms'; rooms: readonly RoomSummary[] }
  | { kind: 'room'; room: Room }
  | { kind: 'messages'; roomId: string; messages: readonly RtcMessage[] };
