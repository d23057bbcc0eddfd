import * as os from 'node:os';
import * as vscode from 'vscode';
import type { Room } from '../api/types';
import type { Ui } from '../core/prompts';
import { visible } from '../shared/inertText';

/** The room exactly as "get room" returns it, so an export can be fed back to Add Messages. */
export function roomToJson(room: Room): string {
  const { id, started, ended, members, hasMessages, messages } = room;
  return JSON.stringify({ id, started, ended, members, hasMessages, messages }, null, 2);
}

/** A file name from a room id that may hold `/`, `..`, `<script>` or 500 characters. */
export function exportFileName(roomId: string): string {
  const safe = roomId.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '').slice(0, 100);
  return `${safe || 'room'}.json`;
}

export async function exportRoomJson(ui: Ui, room: Room): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
  const target = await ui.showSaveDialog({
    title: vscode.l10n.t('Export room "{0}" as JSON', visible(room.id)),
    defaultUri: vscode.Uri.joinPath(folder, exportFileName(room.id)),
    filters: { JSON: ['json'] },
    saveLabel: vscode.l10n.t('Export'),
  });
  if (!target) {
    return undefined;
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(roomToJson(room)));
  void ui.showMessage('info', vscode.l10n.t('Exported room "{0}" with {1} messages to {2}.', visible(room.id), room.messages.length.toLocaleString('en-US'), target.fsPath), {});
  return target;
}
