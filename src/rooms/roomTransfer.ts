import { open, rename, rm } from 'node:fs/promises';
import * as vscode from 'vscode';
import { megabytes } from '../api/replyBudget';
import { endsBatch, errorMessage } from '../api/errors';
import type { NewRoom, Room } from '../api/types';
import { shownServer, type ServerConnection } from '../core/serverConnection';
import type { Ui } from '../core/prompts';
import { withCancellableProgress } from '../core/cancellation';
import type { SnapshotInfo } from '../core/snapshotStore';
import { roomExists } from './addRoomFlow';
import { askConflictChoice, freeId, replaceRoom, type ConflictChoice } from './importConflicts';
import { announceImport, type ImportDeps, type ImportReport } from './importSummary';
import { defaultExportFolder, exportFileName, parseRoomFile, serializeRoomFile, singleRoomFile } from './roomFile';
import { visibleId } from '../shared/inertText';
import { formatCount } from '../core/numbers';

export type { ImportDeps, ImportReport };

/** The largest file Import reads (it is parsed in memory): 200 MiB, several 100,000-message rooms. */
export const IMPORT_MAX_BYTES = 200 * 1024 * 1024;

/** Exports rooms with their messages to one JSON file; the session is never written. */
export async function exportRooms(ui: Ui, connection: ServerConnection, roomIds: readonly string[]): Promise<vscode.Uri | undefined> {
  // The file names the server its rooms came from: one snapshot for both.
  const source = connection.current();
  source.api(); // fails early, with advice, when no server is set
  const target = await ui.showSaveDialog({
    title: vscode.l10n.t('Export rooms'),
    filters: { JSON: ['json'] },
    defaultUri: exportDialogStart(roomIds),
  });
  if (!target) {
    return undefined;
  }
  const api = source.api();
  const title =
    roomIds.length === 1 ? vscode.l10n.t('Exporting 1 room…') : vscode.l10n.t('Exporting {0} rooms…', formatCount(roomIds.length));
  const rooms = await withCancellableProgress(title, async (signal, progress) => {
    const fetched: Room[] = [];
    for (const roomId of roomIds) {
      progress.report({ message: roomId, increment: 100 / roomIds.length });
      fetched.push(await api.getRoom(roomId, signal));
    }
    return fetched;
  });
  await writeWhole(target, serializeRoomFile(source.serverUrl, rooms, new Date()));
  const exported =
    rooms.length === 1
      ? vscode.l10n.t('Exported 1 room to {0}.', target.fsPath)
      : vscode.l10n.t('Exported {0} rooms to {1}.', formatCount(rooms.length), target.fsPath);
  void ui.showMessage('info', exported, {});
  return target;
}

/**
 * Imports rooms from a file: each is validated; for ids the server already has, the user chooses
 * once to skip, replace (the old room is kept for Undo) or import under a new id. The summary
 * names every room by what happened to it.
 */
export async function importRooms(deps: ImportDeps): Promise<ImportReport | undefined> {
  const { ui, connection } = deps;
  const serverUrl = connection.current().serverUrl;
  const [file] =
    (await ui.showOpenDialog({ title: vscode.l10n.t('Import rooms'), canSelectMany: false, filters: { JSON: ['json'] } })) ?? [];
  if (!file) {
    return undefined;
  }
  const { size } = await vscode.workspace.fs.stat(file);
  if (size > IMPORT_MAX_BYTES) {
    throw new Error(
      vscode.l10n.t(
        '{0} is {1} MiB; Import reads at most {2} MiB. Split it into smaller files (an export of fewer rooms) and import them one by one.',
        file.fsPath,
        (size / 1024 / 1024).toFixed(1),
        IMPORT_MAX_BYTES / 1024 / 1024,
      ),
    );
  }
  const parsed = parseRoomFile(new TextDecoder().decode(await vscode.workspace.fs.readFile(file)));
  const report: ImportReport = {
    imported: [],
    replaced: [],
    renamed: [],
    skipped: parsed.skipped.map(({ id, index, reason }) => ({ id: id ?? `#${index + 1}`, reason })),
    failed: [],
  };
  const refusal = (now: string): string =>
    vscode.l10n.t('Import began on {0}, but the extension now points at {1}. Nothing was imported.', shownServer(serverUrl), now);
  const api = connection.still(serverUrl, refusal).api();
  const existing = await withCancellableProgress(vscode.l10n.t('Checking which rooms exist…'), async (signal) => {
    const found = new Set<string>();
    for (const room of parsed.rooms) {
      if (await roomExists(api, room.id, signal)) {
        found.add(room.id);
      }
    }
    return found;
  });
  const choice = existing.size ? await askConflictChoice(ui, [...existing], serverUrl) : 'skip';
  if (!choice) {
    return undefined;
  }
  const replacedCopies = await importEach(deps, parsed.rooms, { existing, choice, report, serverUrl, refusal });
  await deps.refreshView();
  announceImport(deps, report, replacedCopies);
  return report;
}

interface ImportPlan {
  existing: ReadonlySet<string>;
  choice: ConflictChoice;
  report: ImportReport;
  serverUrl: string;
  refusal(now: string): string;
}

/** Adds, replaces or renames each room as planned, recording each in the report; returns the copies replaced rooms left. */
async function importEach(deps: ImportDeps, rooms: readonly NewRoom[], plan: ImportPlan): Promise<SnapshotInfo[]> {
  const { existing, choice, report, serverUrl } = plan;
  const api = deps.connection.still(serverUrl, plan.refusal).api();
  const taken = new Set(rooms.map((room) => room.id));
  const copies: SnapshotInfo[] = [];
  const title = rooms.length === 1 ? vscode.l10n.t('Importing 1 room…') : vscode.l10n.t('Importing {0} rooms…', formatCount(rooms.length));
  await withCancellableProgress(title, async (signal, progress) => {
    for (const room of rooms) {
      if (signal.aborted) {
        report.skipped.push({ id: room.id, reason: vscode.l10n.t('import cancelled before this room') });
        continue;
      }
      progress.report({ message: room.id, increment: 100 / rooms.length });
      try {
        if (!existing.has(room.id)) {
          await api.addRoom(room, signal);
          report.imported.push(room.id);
        } else if (choice === 'skip') {
          report.skipped.push({ id: room.id, reason: vscode.l10n.t('a room with this id already exists') });
        } else if (choice === 'replace') {
          copies.push(await replaceRoom(api, deps.snapshots, serverUrl, room, signal));
          report.replaced.push(room.id);
        } else {
          const to = await freeId(api, room.id, taken, signal);
          await api.addRoom({ ...room, id: to }, signal);
          report.renamed.push({ from: room.id, to });
        }
      } catch (error) {
        if (endsBatch(error)) {
          throw error;
        }
        report.failed.push({ id: room.id, reason: errorMessage(error) });
      }
    }
  });
  return copies;
}

/**
 * The panel's Export JSON: the room it holds (its last copy, also after the server deleted it),
 * in one file, with the same file name and starting folder as Export Rooms….
 */
export async function exportLoadedRoom(ui: Ui, room: Room): Promise<vscode.Uri | undefined> {
  const target = await ui.showSaveDialog({
    title: vscode.l10n.t('Export room "{0}" as JSON', visibleId(room.id)),
    defaultUri: exportDialogStart([room.id]),
    filters: { JSON: ['json'] },
    saveLabel: vscode.l10n.t('Export'),
  });
  if (!target) {
    return undefined;
  }
  await writeWhole(target, singleRoomFile(room));
  const count = room.messages.length.toLocaleString('en-US');
  void ui.showMessage('info', vscode.l10n.t('Exported room "{0}" with {1} messages to {2}.', visibleId(room.id), count, target.fsPath), {});
  return target;
}

/**
 * Export JSON of a room too big to load: the server's reply is written to the file as it
 * arrives, never held or parsed here, so it is exactly what the server sent (not checked).
 */
export async function exportRoomAsReceived(ui: Ui, connection: ServerConnection, roomId: string): Promise<vscode.Uri | undefined> {
  const target = await ui.showSaveDialog({
    title: vscode.l10n.t('Export room "{0}" as the server sends it', visibleId(roomId)),
    defaultUri: exportDialogStart([roomId]),
    filters: { JSON: ['json'] },
    saveLabel: vscode.l10n.t('Export'),
  });
  if (!target) {
    return undefined;
  }
  const api = connection.api();
  const bytes = await withCancellableProgress(vscode.l10n.t('Exporting room "{0}"…', visibleId(roomId)), (signal) =>
    writeStreamed(target, (write) => api.saveRoomReply(roomId, write, signal)),
  );
  const [id, size, where] = [visibleId(roomId), megabytes(bytes), target.fsPath];
  const done = vscode.l10n.t('Exported room "{0}" as the server sent it ({1} MB, not checked) to {2}.', id, size, where);
  void ui.showMessage('info', done, {});
  return target;
}

/** As writeWhole, for content that arrives in chunks: a temporary file beside the target, renamed into place once complete. */
async function writeStreamed(
  target: vscode.Uri,
  produce: (write: (chunk: Uint8Array) => Promise<void>) => Promise<number>,
): Promise<number> {
  await refuseFolder(target);
  const temporary = `${target.fsPath}.${process.pid}.${Date.now()}.tmp`;
  const file = await open(temporary, 'wx');
  try {
    const bytes = await produce(async (chunk) => {
      await file.write(chunk);
    });
    await file.close();
    await rename(temporary, target.fsPath);
    return bytes;
  } catch (error) {
    await file.close().catch(() => undefined);
    await rm(temporary, { force: true });
    throw error;
  }
}

async function refuseFolder(target: vscode.Uri): Promise<void> {
  const existing = await vscode.workspace.fs.stat(target).then(
    (stat) => stat,
    () => undefined,
  );
  if (existing && (existing.type & vscode.FileType.Directory) !== 0) {
    const where = target.fsPath || target.toString();
    throw new Error(vscode.l10n.t('{0} is a folder. Nothing was written: choose a file name to export to.', where));
  }
}

/** The file a save dialog for these rooms proposes. */
function exportDialogStart(roomIds: readonly string[]): vscode.Uri {
  return vscode.Uri.joinPath(defaultExportFolder(vscode.workspace.workspaceFolders?.[0]?.uri, vscode.Uri.file), exportFileName(roomIds));
}

/**
 * Writes a temporary file beside the target and renames it into place, so a failure (a full
 * disk, a cancelled write) never leaves half an export where the file was. A folder of the
 * target's name is refused first: VS Code's rename with `overwrite` deletes whatever is in the
 * way, a whole folder included.
 */
async function writeWhole(target: vscode.Uri, content: string): Promise<void> {
  await refuseFolder(target);
  const temporary = target.with({ path: `${target.path}.${process.pid}.${Date.now()}.tmp` });
  try {
    await vscode.workspace.fs.writeFile(temporary, new TextEncoder().encode(content));
    await vscode.workspace.fs.rename(temporary, target, { overwrite: true });
  } catch (error) {
    await vscode.workspace.fs.delete(temporary).then(undefined, () => undefined);
    throw error;
  }
}
