import * as vscode from 'vscode';
import { errorMessage } from '../api/errors';
import { roomIdsOrPick } from '../core/rooms/roomPicker';
import type { RoomsOffer } from '../rooms';
import type { ServerConnection } from '../core/serverConnection';
import type { SnapshotStore } from '../core/snapshotStore';
import type { Ui } from '../core/prompts';
import type { ComparisonDocuments } from './comparisonDocuments';
import type { HistoryRecorder } from '../core/history/historyRecorder';
import { recordedPoints, roomAsRecorded, roomNowHashed } from './recordedRoom';
import { idOf, roomText, roomsInJson, type PanelBaselines } from './roomStates';
import { readCompareFoldThreshold } from '../core/settings';
import { formatCount } from '../core/numbers';
import { foldUnchangedMessages } from '../shared/foldUnchangedMessages';
import { inertPickId, visible, visibleId } from '../shared/inertText';

export interface CompareDeps {
  ui: Ui;
  connection: ServerConnection;
  rooms: Pick<RoomsOffer, 'model'>;
  snapshots: SnapshotStore;
  documents: ComparisonDocuments;
  baselines: PanelBaselines;
  history: Pick<HistoryRecorder, 'room'>;
}

/** One side of a diff: what it is called in the title, and its text. */
interface Side {
  label: string;
  text: string;
  /** Laid out as message ids and content hashes (a recorded point): the server's side is laid out alike. */
  hashed?: boolean;
}

/** Recorded points "Compare with…" offers for one room, newest first. */
const MAX_RECORDED_POINTS = 50;

/** Unchanged messages shown around each change when a big room's diff is folded. */
const FOLD_CONTEXT = 3;

/** Both sides as the diff editor gets them: big rooms with their long unchanged stretches folded (see the setting). */
function foldForDiff(left: string, right: string): { left: string; right: string } {
  const threshold = readCompareFoldThreshold();
  if (threshold === 0 || Math.max(lineCount(left), lineCount(right)) <= threshold) {
    return { left, right };
  }
  return foldUnchangedMessages(left, right, {
    context: FOLD_CONTEXT,
    describeFold: ({ lines, leftLine, rightLine }) =>
      `    // ${vscode.l10n.t(
        '… {0} unchanged messages folded (from line {1} on the left, line {2} on the right; setting {3}) …',
        lines.toLocaleString(),
        leftLine.toLocaleString(),
        rightLine.toLocaleString(),
        'worldclientRtc.compare.foldUnchangedAbove',
      )}`,
  });
}

/** Counts without splitting: most rooms are far below the threshold and never need their lines. */
function lineCount(text: string): number {
  let count = 1;
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) {
    count++;
  }
  return count;
}

/** Rooms a file may hold before "Compare with Server" asks which to compare (one diff editor each). */
const MAX_DIFFS_AT_ONCE = 10;

/** "Compare with…": a saved snapshot, the panel's first load, another room or a JSON file, against the server's copy now. */
export async function compareRoom(deps: CompareDeps, argument: unknown, selection: unknown): Promise<void> {
  const [roomId] = await roomIdsOrPick(deps.ui, deps.connection, vscode.l10n.t('Compare which room?'), argument, selection);
  if (roomId === undefined) {
    return;
  }
  const source = await pickSource(deps, roomId);
  if (!source) {
    return;
  }
  const server = await deps.connection.api().getRoom(roomId);
  const serverText = source.hashed ? roomNowHashed(server) : roomText(server);
  await openDiff(deps, roomId, source, { label: vscode.l10n.t('server now'), text: serverText });
}

/** "Compare with Server" on an export file (or any room JSON) open in an editor: one diff per room in it. */
export async function compareFileWithServer(deps: CompareDeps, uri: unknown): Promise<void> {
  const document = uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  if (!document) {
    throw new Error(vscode.l10n.t('Open an exported rooms file (JSON) in an editor first, then run Compare with Server.'));
  }
  let rooms: Record<string, unknown>[];
  try {
    rooms = roomsInJson(document.getText());
  } catch (error) {
    throw new Error(
      vscode.l10n.t(
        '{0} is not valid JSON ({1}). Fix the file, then compare again.',
        document.uri.fsPath || document.uri.toString(),
        errorMessage(error),
      ),
    );
  }
  if (rooms.length === 0) {
    throw new Error(
      vscode.l10n.t(
        '{0} holds no rooms: expected an export file, an array of rooms, or one room object.',
        document.uri.fsPath || document.uri.toString(),
      ),
    );
  }
  if (rooms.length > MAX_DIFFS_AT_ONCE) {
    const picks = rooms.map((room) => ({ label: inertPickId(idOf(room)), room }));
    const title = vscode.l10n.t('Compare which rooms with the server? (one diff editor each)');
    const chosen = await deps.ui.showQuickPickMany(picks, { title });
    if (!chosen) {
      return;
    }
    rooms = chosen.map((item) => item.room);
  }
  const fileLabel = vscode.workspace.asRelativePath(document.uri, false);
  for (const room of rooms) {
    const roomId = idOf(room);
    let server: Side;
    try {
      server = { label: vscode.l10n.t('server now'), text: roomText(await deps.connection.api().getRoom(roomId)) };
    } catch (error) {
      server = {
        label: vscode.l10n.t('server now'),
        text: `// ${vscode.l10n.t('The server could not give this room: {0}', errorMessage(error))}\n`,
      };
    }
    await openDiff(deps, roomId, { label: fileLabel, text: roomText(room) }, server);
  }
}

type SourceItem = vscode.QuickPickItem & { load(): Promise<Side | undefined> };

async function pickSource(deps: CompareDeps, roomId: string): Promise<Side | undefined> {
  const items: SourceItem[] = [];
  const baseline = deps.baselines.get(roomId);
  if (baseline) {
    items.push({
      label: vscode.l10n.t('When the panel was opened or last refreshed'),
      description: baseline.at.toLocaleTimeString(),
      load: async () => ({ label: vscode.l10n.t('panel opened {0}', baseline.at.toLocaleTimeString()), text: baseline.text }),
    });
  }
  for (const info of (await deps.snapshots.list(deps.connection.serverUrl)).filter((snapshot) => snapshot.roomId === roomId)) {
    items.push({
      label: vscode.l10n.t('Snapshot of {0}', info.savedAt),
      description: vscode.l10n.t(
        '{0} messages, saved before {1}',
        info.messageCount,
        info.reason === 'deleteRoom' ? vscode.l10n.t('deleting the room') : vscode.l10n.t('deleting its messages'),
      ),
      load: async () => {
        const room = await deps.snapshots.load(info.snapshotId);
        return room && { label: vscode.l10n.t('snapshot {0}', info.savedAt), text: roomText(room as unknown as Record<string, unknown>) };
      },
    });
  }
  const history = deps.history.room(deps.connection.serverUrl, roomId);
  if (history && history.messages.size + history.fields.length > 0) {
    items.push({
      label: vscode.l10n.t('The room as recorded at…'),
      description: vscode.l10n.t('from the message history (ids and hashes)'),
      load: () => recordedRoom(deps, roomId, history),
    });
  }
  items.push({ label: vscode.l10n.t('Another room…'), load: () => otherRoom(deps, roomId) });
  items.push({ label: vscode.l10n.t('A JSON file (an export)…'), load: () => fileRoom(deps, roomId) });
  const chosen = await deps.ui.showQuickPick(items, { title: vscode.l10n.t('Compare room "{0}" with…', inertPickId(roomId)) });
  return chosen?.load();
}

async function recordedRoom(deps: CompareDeps, roomId: string, history: NonNullable<ReturnType<CompareDeps['history']['room']>>) {
  const picks = recordedPoints(history, MAX_RECORDED_POINTS).map((point) => ({
    label: new Date(point.at).toLocaleString(),
    description:
      point.firstSeen === 0
        ? vscode.l10n.t('room fields recorded')
        : point.firstSeen === 1
          ? vscode.l10n.t('1 message first seen')
          : vscode.l10n.t('{0} messages first seen', formatCount(point.firstSeen)),
    at: point.at,
  }));
  const title = vscode.l10n.t('Compare room "{0}" as recorded at which moment?', inertPickId(roomId));
  const chosen = await deps.ui.showQuickPick(picks, { title });
  return (
    chosen && {
      label: vscode.l10n.t('recorded {0}', chosen.label),
      text: roomAsRecorded(roomId, history, chosen.at),
      hashed: true,
    }
  );
}

async function otherRoom(deps: CompareDeps, roomId: string): Promise<Side | undefined> {
  const ids = [...new Set(deps.rooms.model.listed.map((room) => room.id))].filter((id) => id !== roomId);
  const picks = ids.map((id) => ({ label: inertPickId(id), id }));
  const chosen = await deps.ui.showQuickPick(picks, { title: vscode.l10n.t('Compare room "{0}" with which room?', inertPickId(roomId)) });
  return chosen && { label: visibleId(chosen.id), text: roomText(await deps.connection.api().getRoom(chosen.id)) };
}

async function fileRoom(deps: CompareDeps, roomId: string): Promise<Side | undefined> {
  const title = vscode.l10n.t('Compare room "{0}" with a JSON file', visibleId(roomId));
  const [uri] = (await deps.ui.showOpenDialog({ title, filters: { JSON: ['json'] }, canSelectMany: false })) ?? [];
  if (!uri) {
    return undefined;
  }
  const rooms = roomsInJson(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
  const room = rooms.find((candidate) => idOf(candidate) === roomId) ?? (rooms.length === 1 ? rooms[0] : undefined);
  if (!room) {
    throw new Error(vscode.l10n.t('{0} holds no room "{1}". Pick the file this room was exported to.', uri.fsPath, visibleId(roomId)));
  }
  return { label: vscode.workspace.asRelativePath(uri, false), text: roomText(room) };
}

async function openDiff(deps: CompareDeps, roomId: string, left: Side, right: Side): Promise<void> {
  if (left.text === right.text) {
    // An empty diff reads as "nothing loaded"; saying it is the answer.
    const sides = [visibleId(roomId), visible(left.label), visible(right.label)];
    void deps.ui.showMessage('info', vscode.l10n.t('“{0}”: {1} and {2} are the same — no differences.', ...sides), {});
    return;
  }
  const documents = deps.documents;
  const { left: leftText, right: rightText } = foldForDiff(left.text, right.text);
  const leftUri = documents.add(left.label, roomId, leftText);
  const rightUri = documents.add(right.label, roomId, rightText);
  // The editor tab shows the title as plain text: the id cut and made visible; the labels are ours or a path.
  const title = `${visibleId(roomId)}: ${visible(left.label)} ↔ ${visible(right.label)}`;
  await vscode.commands.executeCommand('vscode.diff', leftUri, rightUri, title, { preview: false });
}
