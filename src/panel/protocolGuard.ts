import { HEADER_MAX_CHARS, MAX_QUERY_CHARS, checkHostMessage, type HostMessage, type StateMessage } from '../shared/protocol';
import { cutText } from '../shared/cutText';

/**
 * The host's check on its own messages before they go to the webview. The webview drops a
 * message that breaks the protocol's limits, so a room with an oversized value would leave
 * its panel on "Loading…" forever; here such a state is replaced by one that fits and says
 * what went wrong, and the caller logs the problem. No vscode import (unit-tested).
 */
export interface FittedMessage {
  /** What to post: the message itself, a state that fits instead, or undefined for a rows/detail reply that cannot be sent. */
  message: HostMessage | undefined;
  /** Why the original did not fit; undefined when it did. */
  problem?: string;
}

/** Cuts a display text to the protocol's limit for status and header strings; the "…" shows the cut. */
export function clipForPanel(text: string, maxChars = HEADER_MAX_CHARS): string {
  return cutText(text, maxChars);
}

export function fitForWebview(message: HostMessage): FittedMessage {
  const checked = checkHostMessage(message);
  if (checked.ok) {
    return { message };
  }
  const problem = checked.problem;
  if (message.type !== 'state') {
    return { message: undefined, problem };
  }
  const header = message.header && {
    id: clipForPanel(message.header.id),
    started: clipForPanel(message.header.started),
    ended: clipForPanel(message.header.ended),
    members: clipForPanel(message.header.members),
    messageCount: message.header.messageCount,
  };
  const fallback: StateMessage = {
    ...message,
    header,
    status: 'error',
    statusText: clipForPanel(`This panel cannot show part of the room (${problem}). "Open Room as JSON" shows all of it.`),
    updatedAt: message.updatedAt.slice(0, 64),
    view: { ...message.view, query: message.view.query.slice(0, MAX_QUERY_CHARS) },
    page: { start: message.page.start, rows: [] },
  };
  return { message: checkHostMessage(fallback).ok ? fallback : minimalState(fallback), problem };
}

/** The last resort: no header, no rows, only the error, which always fits. */
function minimalState(state: StateMessage): StateMessage {
  return {
    ...state,
    header: null,
    watchIntervalSeconds: Math.max(1, Math.floor(state.watchIntervalSeconds) || 1),
    newCount: 0,
    view: { version: 0, total: 0, query: '', order: { by: 'position', descending: false } },
    page: { start: 0, rows: [] },
    scrollTo: null,
  };
}
