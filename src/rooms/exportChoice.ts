import * as vscode from 'vscode';
import type { Ui } from '../core/prompts';
import type { ServerConnection } from '../core/serverConnection';
import { withCancellableProgress } from '../core/cancellation';
import { toPick } from '../core/rooms/roomPicker';
import type { RoomsModel } from './roomsModel';

type Scope = 'all' | 'shown' | 'selected' | 'pick';

interface ScopePick extends vscode.QuickPickItem {
  scope: Scope;
}

/**
 * Export Rooms… without rooms named by the user (the title bar, the palette, Ctrl+S in the tree):
 * it asks which rooms rather than taking a tree selection the user may not know is there. The
 * choices: every room, the ones the filter shows, the selected ones (when there are any), or a
 * pick from the list. [] when cancelled.
 */
export async function chooseRoomsToExport(
  ui: Ui,
  connection: ServerConnection,
  model: RoomsModel,
  selected: readonly string[],
): Promise<string[]> {
  const all = await allRoomIds(connection, model);
  const shown = model.shownRoomIds();
  const count = (n: number): string => (n === 1 ? vscode.l10n.t('1 room') : vscode.l10n.t('{0} rooms', n.toLocaleString()));
  const items: ScopePick[] = [{ label: vscode.l10n.t('All rooms'), description: count(all.length), scope: 'all' }];
  if (shown.length !== all.length) {
    items.push({ label: vscode.l10n.t('The rooms the filter shows'), description: count(shown.length), scope: 'shown' });
  }
  if (selected.length > 0) {
    items.push({ label: vscode.l10n.t('The selected rooms'), description: count(selected.length), scope: 'selected' });
  }
  items.push({ label: vscode.l10n.t('Pick rooms…'), scope: 'pick' });
  const choice = await ui.showQuickPick(items, { title: vscode.l10n.t('Export which rooms?') });
  switch (choice?.scope) {
    case 'all':
      return all;
    case 'shown':
      return shown;
    case 'selected':
      return [...selected];
    case 'pick':
      return pickRooms(ui, connection);
    default:
      return [];
  }
}

/** Every room on the server: the list the view holds, or a fresh one when the view has none. */
export async function allRoomIds(connection: ServerConnection, model: RoomsModel): Promise<string[]> {
  const rooms =
    model.state === 'ready'
      ? model.listed
      : await withCancellableProgress(vscode.l10n.t('Loading rooms…'), (signal) => connection.api().listRooms(signal));
  return [...new Set(rooms.map((room) => room.id))];
}

async function pickRooms(ui: Ui, connection: ServerConnection): Promise<string[]> {
  const rooms = await withCancellableProgress(vscode.l10n.t('Loading rooms…'), (signal) => connection.api().listRooms(signal));
  const now = Date.now();
  const picked = await ui.showQuickPickMany(
    rooms.map((room) => toPick(room, now)),
    {
      title: vscode.l10n.t('Export which rooms?'),
      placeHolder: vscode.l10n.t('Type a room id or a member'),
      matchOnDescription: true,
      matchOnDetail: true,
    },
  );
  return [...new Set((picked ?? []).map((item) => item.roomId))];
}
