import * as vscode from 'vscode';
import { RoomWords, type RoomPhrases, type TimeUnit } from './roomWords';

// Each phrase is a literal vscode.l10n.t call, so `npm run l10n:export` finds it.
const AGO: Record<TimeUnit, (amount: string) => string> = {
  min: (amount) => vscode.l10n.t('{0} min ago', amount),
  h: (amount) => vscode.l10n.t('{0} h ago', amount),
  d: (amount) => vscode.l10n.t('{0} d ago', amount),
  mo: (amount) => vscode.l10n.t('{0} mo ago', amount),
  y: (amount) => vscode.l10n.t('{0} y ago', amount),
};

const IN_FUTURE: Record<TimeUnit, (amount: string) => string> = {
  min: (amount) => vscode.l10n.t('in {0} min', amount),
  h: (amount) => vscode.l10n.t('in {0} h', amount),
  d: (amount) => vscode.l10n.t('in {0} d', amount),
  mo: (amount) => vscode.l10n.t('in {0} mo', amount),
  y: (amount) => vscode.l10n.t('in {0} y', amount),
};

const L10N_PHRASES: RoomPhrases = {
  rooms: (count, one) => (one ? vscode.l10n.t('{0} room', count) : vscode.l10n.t('{0} rooms', count)),
  members: (count, one) => (one ? vscode.l10n.t('{0} member', count) : vscode.l10n.t('{0} members', count)),
  ago: (amount, unit) => AGO[unit](amount),
  inFuture: (amount, unit) => IN_FUTURE[unit](amount),
  justNow: () => vscode.l10n.t('just now'),
  inAMoment: () => vscode.l10n.t('in a moment'),
  startUnknown: () => vscode.l10n.t('start unknown'),
};

/** The Rooms view's words in VS Code's display language. */
export function userRoomWords(): RoomWords {
  return new RoomWords(L10N_PHRASES, vscode.env.language);
}
