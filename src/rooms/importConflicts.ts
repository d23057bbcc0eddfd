import * as vscode from 'vscode';
import type { NewRoom } from '../api/types';
import type { WorldClientApi } from '../api/client';
import { formatCount } from '../core/numbers';
import type { Ui } from '../core/prompts';
import { shownServer } from '../core/serverConnection';
import type { SnapshotInfo, SnapshotStore } from '../core/snapshotStore';
import { visibleId } from '../shared/inertText';

/** What Import does with the rooms whose id the server already has; one answer for all of them. */
export type ConflictChoice = 'skip' | 'replace' | 'rename';

/** How many ids the question names before "and N more". */
const NAMED_IN_QUESTION = 5;
/** `<id>-imported`, then `-imported-2` … up to this: a server with all of them taken gets the room reported as failed. */
const MAX_RENAME_TRIES = 100;

/** Asks once for every conflicting room; undefined when the user cancels (nothing is imported then). */
export async function askConflictChoice(ui: Ui, conflicts: readonly string[], serverUrl: string): Promise<ConflictChoice | undefined> {
  const named = conflicts.slice(0, NAMED_IN_QUESTION).map((id) => `“${visibleId(id)}”`);
  const more = conflicts.length - named.length;
  const listed = more > 0 ? vscode.l10n.t('{0} and {1} more', named.join(', '), formatCount(more)) : named.join(', ');
  const title =
    conflicts.length === 1
      ? vscode.l10n.t('{0} already exists on {1}', listed, shownServer(serverUrl))
      : vscode.l10n.t('{0} rooms already exist on {1}: {2}', formatCount(conflicts.length), shownServer(serverUrl), listed);
  const picked = await ui.showQuickPick(
    [
      { label: vscode.l10n.t('Skip'), description: vscode.l10n.t('keep the rooms on the server as they are'), choice: 'skip' as const },
      {
        label: vscode.l10n.t('Replace'),
        description: vscode.l10n.t('a copy of each is kept first: Undo or "Restore Deleted Room…" puts it back'),
        choice: 'replace' as const,
      },
      {
        label: vscode.l10n.t('Import under a new id'),
        description: vscode.l10n.t('e.g. {0}', visibleId(renamedId(conflicts[0], 1))),
        choice: 'rename' as const,
      },
    ],
    { title, placeHolder: vscode.l10n.t('What to do with every room that already exists (Escape imports nothing)') },
  );
  return picked?.choice;
}

/** The first of `<id>-imported`, `<id>-imported-2`, … that neither the server nor this import uses; it is then taken. */
export async function freeId(api: WorldClientApi, id: string, taken: Set<string>, signal: AbortSignal): Promise<string> {
  for (let attempt = 1; attempt <= MAX_RENAME_TRIES; attempt++) {
    const candidate = renamedId(id, attempt);
    if (!taken.has(candidate) && !(await api.roomExists(candidate, signal))) {
      taken.add(candidate);
      return candidate;
    }
  }
  throw new Error(vscode.l10n.t('no free new id: {0} to {1} are all taken', renamedId(id, 1), renamedId(id, MAX_RENAME_TRIES)));
}

function renamedId(id: string, attempt: number): string {
  return attempt === 1 ? `${id}-imported` : `${id}-imported-${attempt}`;
}

/**
 * Replaces a room the way Delete does: the server's room is saved first (Undo and Restore read
 * that copy), then deleted, then the file's room added. If the add fails the old room goes back.
 */
export async function replaceRoom(
  api: WorldClientApi,
  snapshots: SnapshotStore,
  serverUrl: string,
  room: NewRoom,
  signal: AbortSignal,
): Promise<SnapshotInfo> {
  const existing = await api.getRoom(room.id, signal);
  const snapshot = await snapshots.save(serverUrl, existing, 'deleteRoom');
  await api.deleteRoom(room.id, signal);
  try {
    await api.addRoom(room, signal);
  } catch (error) {
    // Not cancellable: the id must not stay empty because the new room was refused.
    await api.addRoom(existing).then(
      () => snapshots.remove(snapshot.snapshotId),
      () => undefined,
    );
    throw error;
  }
  return snapshot;
}

/** Undo of Replace: each imported room is deleted and the saved one put back in its place. */
export async function undoReplace(api: WorldClientApi, snapshots: SnapshotStore, replaced: readonly SnapshotInfo[]): Promise<string[]> {
  const restored: string[] = [];
  for (const info of replaced) {
    const room = await snapshots.load(info.snapshotId);
    if (!room) {
      throw new Error(vscode.l10n.t('The saved copy of “{0}” is missing or damaged; it cannot be restored.', visibleId(info.roomId)));
    }
    if (await api.roomExists(info.roomId)) {
      await api.deleteRoom(info.roomId);
    }
    await api.addRoom(room);
    await snapshots.remove(info.snapshotId);
    restored.push(info.roomId);
  }
  return restored;
}
