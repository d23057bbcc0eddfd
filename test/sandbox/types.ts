// The sandbox's public types, kept apart from the server so that store, seed and CLI can share
// them without importing the HTTP machinery. server.ts re-exports all of them (the contract
// names server.ts as their home).

export interface RtcMessage {
  id: string;
  salt: string;
  data: string;
}
export interface StoredRoom {
  id: string;
  started: string;
  ended: string;
  members: string;
  messages: RtcMessage[];
  quirks?: ReplyQuirks;
}

/**
 * How a seeded room breaks the API contract in the replies about it, to play a faulty server
 * (the contract-breaking seed). A field set to undefined is left out of the reply.
 */
export interface ReplyQuirks {
  /** Fields put over the room's entry in the room list and over the single-room reply. */
  fields?: Record<string, unknown>;
  /** Fields put over the room's entry in the room list only. */
  listEntry?: Record<string, unknown>;
  /** Fields put over the single-room reply only. */
  roomReply?: Record<string, unknown>;
  /** The room list names this room twice. */
  listedTwice?: boolean;
}

export interface SeedOptions {
  /** Bulk rooms "room-00001"... (default 0). */
  rooms?: number;
  /** Messages in each bulk room (default 0). */
  messagesPerRoom?: number;
  /** One very large room, e.g. { id: 'big', messages: 100_000 }. */
  bigRoom?: { id: string; messages: number };
  /** A dozen realistic rooms (active and ended, with and without messages). */
  sample?: boolean;
  /** Rooms whose ids need percent-encoding: / # ? % & + < > and spaces. */
  oddIds?: boolean;
  /** Rooms whose id, members and message fields carry HTML/script payloads. */
  hostile?: boolean;
  /** One room per contract rule, each breaking that rule only (see contractBreakingRooms). */
  contractBreaking?: boolean;
}

/**
 * 'duplicateIds' (rooms list only; other requests are answered normally): the real list with its
 * first two rooms listed again at the end.
 */
/** 'hugeRoom': the asked-for room with about `hugeBodyBytes` of `{}` messages, streamed, never built in memory. */
export type FaultKind =
  | 'delay'
  | 'html'
  | 'status'
  | 'reset'
  | 'truncatedJson'
  | 'wrongShape'
  | 'hugeBody'
  | 'hugeRoom'
  | 'slowBody'
  | 'trickleBody'
  | 'redirect'
  | 'duplicateIds';
export type FaultRoute = 'rtc' | 'authenticate' | 'ping' | 'settings';

/**
 * A misbehaviour injected in front of the normal handling. 'trickleBody' answers 200 with a
 * JSON body that sends one byte now and then and never ends (until the client gives up or
 * the sandbox stops). Every fault except 'delay' and
 * 'slowBody' replaces the handling, so a faulted PUT or DELETE changes nothing in the store.
 */
export interface Fault {
  kind: FaultKind;
  /** For 'delay' (then the normal reply, or the next matching fault); for 'slowBody', the pause mid-body (default 2000). */
  delayMs?: number;
  /**
   * For 'slowBody': the normal reply, of which this many bytes come at once and the rest after
   * `delayMs` (default 16 KiB), as a big reply over a slow link.
   */
  firstBytes?: number;
  /** For 'status' (e.g. 500, 502, 503, 429); body {"error":"ServerError"}. */
  status?: number;
  /** For 'status': the `error` name in the body instead of "ServerError" (any text: hostile servers name errors as they like). */
  errorName?: string;
  /** For 'html': the page quotes the request's URL (query and session included), as error pages of some proxies do. */
  echoUrl?: boolean;
  /** For 'redirect': where to (default: the same path and query on https://login.example.invalid), with HTTP 302. */
  location?: string;
  /** For 'trickleBody': the pause between two bytes of a reply that never ends (default 200 ms). */
  trickleEveryMs?: number;
  /** For 'status': adds a Retry-After header. */
  retryAfterSeconds?: number;
  /** For 'hugeBody': a valid-JSON but enormous rooms list (default 50 MiB); for 'hugeRoom', the room reply's size. */
  hugeBodyBytes?: number;
  /** Only requests about this room id (a single room or its messages); default: any request of the route. */
  roomId?: string;
  /** How many matching requests it applies to (default: until cleared). */
  times?: number;
  /** Only requests with this method (default: any). */
  method?: string;
  /** Only this route (default: 'rtc'). */
  route?: FaultRoute;
}

export interface SandboxOptions {
  /** Default 0 (any free port). */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** 'status': proper 400/401/403/404/409/500; 'ok200': HTTP 200 with {"error": ...} (older servers). Default 'status'. */
  errorStyle?: 'status' | 'ok200';
  /** Require X-CSRF-Token on POST/PUT/DELETE; sign-in replies then carry csrf_token. Default false. */
  csrf?: boolean;
  /** authenticate/basic answers TwoFactorAuthRequired; finish with authenticate/2fa. Default false. */
  twoFactor?: boolean;
  /** Answer 404 to a %2F inside a path segment, as some servers and proxies do. Default false. */
  rejectEncodedSlashInPath?: boolean;
  /** Default 'dev@example.com'. */
  user?: string;
  /** Default 'sandbox'. */
  password?: string;
  /** The accepted 2FA code; default '123456'. */
  oneTimePassword?: string;
  /** A fixed session token valid from the start (default: random 32 hex chars). */
  session?: string;
  /** Fixed CSRF token for that session (default: random). */
  csrfToken?: string;
  /** Basic sign-in answers {"authed":false,"warning":"OldPassword","token":...}. */
  passwordExpired?: boolean;
  /** 400 MustAcceptTermsOfUse unless terms_of_use_acknowledged is true. */
  requireTermsOfUse?: boolean;
  /**
   * Basic sign-in needs a one-use login token: `settings?logon_settings=login_token&data={uuid}`
   * answers with the cookie `WCLoginToken={uuid}`, and the sign-in must send both (403 otherwise).
   * Without it the sandbox is a server that does not know the call (400 InvalidParameter).
   */
  requireLoginToken?: boolean;
  /** An expired session that signed in with remember_user gets {"error":"InvalidSession","new_session",...}. */
  renewRememberedSessions?: boolean;
  seed?: SeedOptions;
  /** Load from / save to this JSON file (atomic write) after every change. */
  persistPath?: string;
  /** Reported by settings?logon_settings=version; default '25.0.0'. */
  version?: string;
  /** The WorldClient API version served (default '3.5'): older ones answer 404 NotFound to `ping` (3.5) and `rtc` (3.4). */
  apiVersion?: string;
  /** Extension to the contract: faults active from the start (the CLI's --delay uses it). */
  faults?: Fault[];
  /** Extension to the contract: called once per request after its reply is finished (the CLI logs with it). */
  onRequest?: (record: RequestRecord) => void;
}

export interface RequestRecord {
  method: string;
  /** The raw path as sent (still percent-encoded), without the query. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** 0 while unanswered, and for a 'reset' fault. */
  status: number;
}

export interface SandboxStore {
  list(): StoredRoom[];
  get(id: string): StoredRoom | undefined;
  put(room: StoredRoom): void;
  addMessages(id: string, m: RtcMessage[]): void;
  delete(id: string): boolean;
  clearMessages(id: string): void;
}

export interface Sandbox {
  /** 'http://127.0.0.1:PORT' (no trailing slash; the API lives under url + '/WorldClientAPI'). */
  readonly url: string;
  readonly port: number;
  /** The initial valid session. */
  readonly session: string;
  readonly csrfToken: string;
  /** Direct access, so tests can change data "from outside". */
  readonly store: SandboxStore;
  /** Every request seen, in arrival order. */
  readonly requests: RequestRecord[];
  addFault(fault: Fault): void;
  clearFaults(): void;
  /** Every issued session becomes invalid. */
  expireSessions(): void;
  /** A new valid session (e.g. for a "second server" or pasted-token tests). */
  issueSession(): { session: string; csrfToken: string };
  /** Closes the server and all sockets. */
  stop(): Promise<void>;
}
