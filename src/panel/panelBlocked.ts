import * as vscode from 'vscode';
import type { BlockedKind, PanelStatus } from '../shared/protocol';

/** Why the panel's actions that need the server are unavailable, if they are: the panel disables them with this reason. */
export function blockedActions(signedIn: boolean, status: PanelStatus): { kind: BlockedKind; reason: string } {
  if (!signedIn) {
    return { kind: 'signedOut', reason: vscode.l10n.t('Signed out: sign in to refresh, change, compare or watch this room.') };
  }
  if (status === 'elsewhere') {
    return {
      kind: 'gone',
      reason: vscode.l10n.t('The room is on another server than the one you are connected to: only Refresh and Export JSON work.'),
    };
  }
  if (status === 'deleted') {
    return {
      kind: 'gone',
      reason: vscode.l10n.t('The room no longer exists on the server: only Refresh (to look again) and Export JSON work.'),
    };
  }
  return { kind: 'none', reason: '' };
}
