import type { PanelStatus } from '../shared/protocol';
import { errorMessage } from '../api/errors';

/**
 * What a panel shows when loading or watching its room fails: the status, a sentence saying
 * what happened and what to do next, and whether watching must stop (a deleted room or an
 * ended session will not come back by polling). No vscode import (unit-tested).
 */
export interface PanelFailure {
  status: Extract<PanelStatus, 'error' | 'deleted' | 'elsewhere'>;
  text: string;
  stopWatching: boolean;
}

/** The panel's situation when a request failed (api/failures.ts has the request's own). */
export interface PanelFailureContext {
  roomId: string;
  during: 'load' | 'watch';
  /** A copy of the room is on screen (so a deletion leaves something to export). */
  hasCopy: boolean;
  watchIntervalSeconds: number;
  /** The server the panel asked, as shown to the user. */
  server: string;
  /** The server the copy on screen came from, when that is another one (a server switch). */
  copyFrom?: string;
  /** This window deleted the room (Delete Room), so it can say so. */
  deletedHere?: boolean;
  /** A saved copy of the room (a Delete Room snapshot) can still put it back: the panel offers Undo. */
  undoable?: boolean;
}

export function describePanelFailure(error: unknown, context: PanelFailureContext): PanelFailure {
  const reason = errorMessage(error);
  const kind = (error as { kind?: unknown } | undefined)?.kind;
  if (kind === 'notFound') {
    const elsewhere = context.copyFrom !== undefined;
    return { status: elsewhere ? 'elsewhere' : 'deleted', text: notFoundText(context), stopWatching: true };
  }
  if (kind === 'sessionExpired' || kind === 'notSignedIn') {
    return { status: 'error', text: `${reason} The panel reloads by itself after you sign in.`, stopWatching: true };
  }
  if (kind === 'tooBig') {
    const fields = context.hasCopy
      ? 'The messages shown are the last copy loaded.'
      : "The header shows the room's fields from the room list.";
    return {
      status: 'error',
      text: `${reason} ${fields} Export JSON… still saves the room to a file, as the server sends it, without loading it here.`,
      stopWatching: true,
    };
  }
  if (context.during === 'watch') {
    return {
      status: 'error',
      text: `Watch: the last check failed. ${reason} Watch tries again every ${context.watchIntervalSeconds} s.`,
      stopWatching: false,
    };
  }
  return { status: 'error', text: `${reason} Then use Refresh to try again.`, stopWatching: false };
}

/** Why the room is not there, as far as this window knows: on another server, deleted (with Undo while it lasts), or gone. */
function notFoundText(context: PanelFailureContext): string {
  const room = `Room "${context.roomId}"`;
  if (context.copyFrom !== undefined) {
    const copy = context.hasCopy ? ` The messages shown are the copy loaded from ${context.copyFrom}; Export JSON still saves them.` : '';
    return `${room} is on ${context.copyFrom}; you are now connected to ${context.server}, which has no such room.${copy}`;
  }
  const next = context.hasCopy
    ? ' The messages shown are the last copy loaded; Export JSON still saves them.'
    : ' Check the id, or close this panel.';
  if (context.undoable) {
    return `${room} was deleted from ${context.server}. Undo puts it back with all its messages and reloads this panel.${next}`;
  }
  if (context.deletedHere) {
    return `${room} was deleted from ${context.server}.${next}`;
  }
  return `${room} no longer exists on ${context.server} (it was deleted, possibly elsewhere).${next}`;
}
