import * as vscode from 'vscode';
import type { RoomSummary } from '../../api/types';
import type { ConnectionSnapshot } from '../serverConnection';
import type { Ui } from '../prompts';
import { withCancellableProgress } from '../cancellation';
import { roomIdsFromArguments } from './roomArgument';
import { isActive } from './roomsQuery';
import { inertPickId } from '../../shared/inertText';

interface RoomPick extends vscode.QuickPickItem {
  roomId: string;
}

/** Lets a palette user choose a room by id or member; the list comes fresh from the server. */
/** `connection` is a snapshot (or the connection itself for a read): the list comes from its server. */
export async function pickRoom(ui: Ui, connection: Pick<ConnectionSnapshot, 'api'>, title: string): Promise<string | undefined> {
  const rooms = await withCancellableProgress(vscode.l10n.t('Loading rooms…'), (signal) => connection.api().listRooms(signal));
  if (rooms.length === 0) {
    void ui.showMessage('info', vscode.l10n.t('The server has no rooms yet. Run "WorldClient RTC: Add Room…" to create one.'), {});
    return undefined;
  }
  const now = Date.now();
  const picked = await ui.showQuickPick(
    rooms.map((room) => toPick(room, now)),
    { title, placeHolder: vscode.l10n.t('Type a room id or a member'), matchOnDescription: true, matchOnDetail: true },
  );
  return picked?.roomId;
}

/** The rooms a command's arguments name (a tree item, its selection, an id), or else one the user picks; [] if cancelled. */
export async function roomIdsOrPick(
  ui: Ui,
  connection: Pick<ConnectionSnapshot, 'api'>,
  title: string,
  first: unknown,
  selection?: unknown,
): Promise<string[]> {
  const ids = roomIdsFromArguments(first, selection);
  if (ids.length > 0) {
    return ids;
  }
  const picked = await pickRoom(ui, connection, title);
  return picked === undefined ? [] : [picked];
}

export function toPick(room: RoomSummary, now: number): RoomPick {
  // The id goes into `label` verbatim; quick picks render labels as text, but `$(` would
  // start an icon, so it is not given that chance. "ended" follows the tree's rule: a room
  // whose end lies in the future is still active.
  const description = isActive(room, now) ? vscode.l10n.t('active') : vscode.l10n.t('ended');
  return { label: inertPickId(room.id), description, detail: inertPickId(room.members), roomId: room.id };
}
