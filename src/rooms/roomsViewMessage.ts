import * as vscode from 'vscode';
import type { RoomsState } from './roomsModel';
import type { RoomWords } from './roomWords';

/** What the Rooms view's message line needs to know about the list. */
export interface RoomsViewFacts {
  state: RoomsState;
  stale: boolean;
  loading: boolean;
  error: string | undefined;
  filter: string;
  /** Rooms that pass the filter. */
  shown: number;
  total: number;
}

/**
 * The always-visible line above the Rooms tree. The view's description (next to its title) is
 * hidden when the container holds this one view, so the count and the filter go here too, and
 * every state starts differently so it reads at a glance: "27 rooms", "Filter “alice”: 2 of 27
 * rooms", "⚠ Stale — …", "27 rooms · refreshing…". Undefined where the tree is empty and its
 * welcome content speaks (no server, signed out, loading, no rooms): VS Code hides the welcome
 * content, buttons included, while a view has a message.
 */
export function roomsViewMessage(facts: RoomsViewFacts, words: RoomWords): string | undefined {
  switch (facts.state) {
    case 'noServer':
    case 'signedOut':
    case 'loading':
    case 'empty':
      return undefined;
    case 'error':
      return vscode.l10n.t('Could not load rooms: {0}', facts.error ?? '');
    case 'ready':
      break;
  }
  // Counts are formatted only for a list that is shown: the first number format loads ICU's data, which activation need not pay.
  const count = (n: number): string => words.rooms(n);
  const listed = facts.filter
    ? vscode.l10n.t('Filter “{0}”: {1} of {2}', facts.filter, words.number(facts.shown), count(facts.total))
    : count(facts.total);
  if (facts.stale) {
    return vscode.l10n.t('⚠ Stale — {0}. Showing the list from before the last refresh failed: {1}', listed, facts.error ?? '');
  }
  if (facts.filter && facts.shown === 0) {
    return vscode.l10n.t('Filter “{0}”: no room matches (0 of {1}).', facts.filter, count(facts.total));
  }
  return facts.loading ? vscode.l10n.t('{0} · refreshing…', listed) : listed;
}
