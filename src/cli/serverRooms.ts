import { WorldClientApi } from '../api/client';
import { WorldClientError } from '../api/errors';
import { sentValue } from '../api/shapes';
import type { Credentials, UrlStyle } from '../api/types';
import { checkRoomReply } from '../shared/contract/replyChecks';
import { checkRoomList, roomIdOf } from '../shared/contract/roomChecks';
import type { CustomRule } from '../shared/contract/contractFile';
import type { Problem } from '../shared/contract/rules';
import { mergeListAndReply } from './findings';

export interface ServerCheck {
  baseUrl: string;
  urlStyle: UrlStyle;
  timeoutMs: number;
  concurrency: number;
  rooms?: readonly string[];
  custom: readonly CustomRule[];
  now: number;
  /** Every secret the run knows (session, CSRF token, password), for redaction. */
  secrets: (string | undefined)[];
  onProgress?: (done: number, total: number) => void;
}

/** How the run gets its session: one from the environment, or a sign-in with a user and password. */
export type SessionSource = { session: string; csrfToken?: string } | { user: string; password: string };

/**
 * Check Rooms, as the extension runs it: the room list and its rules, then every room (or the
 * named ones) loaded with bounded concurrency and checked. Any failure ends the run: a CI check
 * that skipped a room would pass what it never saw.
 */
export async function checkServer(check: ServerCheck, source: SessionSource): Promise<{ roomIds: string[]; problems: Problem[] }> {
  let credentials: Credentials | undefined = 'session' in source ? { session: source.session, csrfToken: source.csrfToken } : undefined;
  const api = new WorldClientApi(
    { baseUrl: check.baseUrl, urlStyle: check.urlStyle, sessionTransport: 'header', timeoutMs: check.timeoutMs },
    {
      getCredentials: () => credentials,
      onSessionRenewed: (renewed) => {
        check.secrets.push(renewed.session, renewed.csrfToken);
        credentials = renewed;
      },
    },
  );
  try {
    if ('user' in source) {
      const result = await api.signInBasic(source.user, source.password);
      if (result.kind !== 'signedIn') {
        const why = result.kind === 'twoFactorRequired' ? 'the account asks for a one-time password' : `the server answered ${result.kind}`;
        throw new WorldClientError('signInRefused', `Could not sign in: ${why}. Give a session in WORLDCLIENT_RTC_SESSION instead.`);
      }
      credentials = result.credentials;
      check.secrets.push(credentials.session, credentials.csrfToken);
    }
    const list = await api.listRooms();
    const listed = new Map(list.map((room) => [roomIdOf(room, sentValue), room as object]));
    const wanted = check.rooms ?? [...new Set(list.map((room) => room.id))].filter((id) => id !== '');
    const wantedSet = new Set(wanted);
    const listProblems = checkRoomList(list, { now: check.now, read: sentValue, custom: check.custom });
    const problems: Problem[][] = wanted.map(() => []);
    let next = 0;
    let done = 0;
    const worker = async (): Promise<void> => {
      while (next < wanted.length) {
        const index = next++;
        const roomId = wanted[index];
        const room = await api.getRoom(roomId);
        const options = { now: check.now, read: sentValue, listed: listed.get(roomId), custom: check.custom };
        const fromList = listProblems.filter((problem) => problem.roomId === roomId);
        problems[index] = mergeListAndReply(fromList, checkRoomReply(roomId, room, options));
        check.onProgress?.(++done, wanted.length);
      }
    };
    await Promise.all(Array.from({ length: Math.min(check.concurrency, wanted.length) }, worker));
    // The list's findings on rooms no reply can be asked for (an empty id); none when --rooms names the rooms.
    const unasked = check.rooms === undefined ? listProblems.filter((problem) => !wantedSet.has(problem.roomId)) : [];
    return { roomIds: [...wanted, ...new Set(unasked.map((problem) => problem.roomId))], problems: [...problems.flat(), ...unasked] };
  } finally {
    await api.dispose();
  }
}
