import * as vscode from 'vscode';
import type { RoomsState } from './roomsModel';
import type { RoomWords } from './roomWords';

/** What the Rooms view's message line needs to know about the list. */
export interface RoomsViewFacts {
  state: RoomsState;
  /** The server's host as the view names it (serverConnection.shownHost); '' for none. */
  host: string;
  stale: boolean;
  loading: boolean;
  error: string | undefined;
  filter: string;
  /** Rooms that pass the filters (the text filter, "Only Rooms with Problems"). */
  shown: number;
  /** Rooms the tree lists now: the pages loaded so far ("Load more…") of those that pass. */
  onScreen: number;
  total: number;
}

/**
 * What the tree shows of what: "28 rooms" when it lists them all, "3 of 28 rooms" when a filter
 * narrows them or "Load more…" holds some back, with the matching count when both do.
 */
export function shownOfTotal(facts: Pick<RoomsViewFacts, 'filter' | 'shown' | 'onScreen' | 'total'>, words: RoomWords): string {
  const total = words.rooms(facts.total);
  if (!facts.filter && facts.onScreen === facts.total) {
    return total;
  }
  if (facts.onScreen === facts.shown || facts.shown === facts.total) {
    return vscode.l10n.t('{0} of {1}', words.number(facts.onScreen), total);
  }
  return vscode.l10n.t('{0} of {1} matching · {2}', words.number(facts.onScreen), words.number(facts.shown), total);
}

/**
 * The always-visible line above the Rooms tree. The view's description (next to its title) is
 * hidden when the container holds this one view, so the count and the filter go here too, and
 * every state starts differently so it reads at a glance: "27 rooms on host", "400 of 10,012 rooms on host",
 * "Filter “alice”: 2 of 27 rooms on host", "⚠ Stale — …", "27 rooms on host · refreshing…". Undefined where the
 * tree is empty and its welcome content speaks (no server, signed out, loading, no rooms): VS Code
 * hides the welcome content, buttons included, while a view has a message.
 */
export function roomsViewMessage(facts: RoomsViewFacts, words: RoomWords): string | undefined {
  switch (facts.state) {
    case 'noServer':
    case 'signedOut':
    case 'loading':
    case 'empty':
      return undefined;
    case 'error':
      return facts.host
        ? vscode.l10n.t('Could not load rooms from {0}: {1}', facts.host, facts.error ?? '')
        : vscode.l10n.t('Could not load rooms: {0}', facts.error ?? '');
    case 'ready':
      break;
  }
  // Counts are formatted only for a list that is shown: the first number format loads ICU's data, which activation need not pay.
  const shownOf = onHost(shownOfTotal(facts, words), facts.host);
  const listed = facts.filter ? vscode.l10n.t('Filter “{0}”: {1}', facts.filter, shownOf) : shownOf;
  if (facts.stale) {
    return vscode.l10n.t('⚠ Stale — {0}. Showing the list from before the last refresh failed: {1}', listed, facts.error ?? '');
  }
  if (facts.filter && facts.shown === 0) {
    return vscode.l10n.t('Filter “{0}”: no room matches (0 of {1}).', facts.filter, onHost(words.rooms(facts.total), facts.host));
  }
  return facts.loading ? vscode.l10n.t('{0} · refreshing…', listed) : listed;
}

/** "27 rooms on mail.example.com": each view says which server it shows. */
export function onHost(shown: string, host: string): string {
  return host ? vscode.l10n.t('{0} on {1}', shown, host) : shown;
}
