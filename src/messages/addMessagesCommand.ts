import * as vscode from 'vscode';
import type { RtcMessage } from '../api/types';
import { shownServer, type ServerConnection } from '../core/serverConnection';
import type { Ui } from '../core/prompts';
import { roomIdsFromArguments } from '../core/rooms/roomArgument';
import { pickRoom } from '../core/rooms/roomPicker';
import { describeBatchProblems } from './messageBatch';
import { loadFromClipboard, loadFromFile, typeOneMessage } from './messageSources';
import type { UnsentMessages } from './unsentMessages';
import type { UploadFlow, UploadRequest } from './uploadFlow';
import { count } from './uploadReport';
import { inertPickText } from '../shared/inertText';

export interface AddMessagesDeps {
  ui: Ui;
  connection: ServerConnection;
  unsent: UnsentMessages;
  uploads: UploadFlow;
  log: vscode.LogOutputChannel;
}

type Source = 'retry' | 'one' | 'file' | 'clipboard';
interface SourcePick extends vscode.QuickPickItem {
  source: Source;
}

/**
 * `worldclientRtc.addMessages` (argument: a tree item or a room id; none → pick a room).
 * One message typed in, or many from a JSON file or the clipboard, validated before
 * anything is sent, then uploaded in chunks. Returns how many messages went in.
 */
/** One Add Messages command's upload, kept across a sign-in retry so the retry sends only the rest and asks nothing again. */
export interface AddMessagesProgress {
  upload?: { request: UploadRequest; source: Source; serverUrl: string };
}

export async function addMessages(
  deps: AddMessagesDeps,
  argument: unknown,
  selection: unknown,
  progress: AddMessagesProgress = {},
): Promise<number | undefined> {
  if (!progress.upload) {
    const prepared = await prepareUpload(deps, argument, selection);
    if (!prepared) {
      return undefined;
    }
    progress.upload = prepared;
  }
  const { request, source, serverUrl } = progress.upload;
  const outcome = await deps.uploads.run(request);
  if (source === 'one' && outcome.end === 'done') {
    deps.unsent.keepDraft(serverUrl, request.roomId, undefined);
  }
  return outcome.sent.length;
}

async function prepareUpload(deps: AddMessagesDeps, argument: unknown, selection: unknown): Promise<AddMessagesProgress['upload']> {
  // One server for the whole command, taken before its first prompt: the messages go there or nowhere.
  const target = deps.connection.current();
  target.api(); // fails early, with advice, when no server is set
  const serverUrl = target.serverUrl;
  const roomId =
    roomIdsFromArguments(argument, selection)[0] ?? (await pickRoom(deps.ui, target, vscode.l10n.t('Add messages to which room?')));
  if (roomId === undefined) {
    return undefined;
  }
  const remainder = deps.unsent.remainder(serverUrl, roomId);
  const picks: SourcePick[] = [
    ...(remainder
      ? [
          {
            source: 'retry' as const,
            label: retryLabel(remainder.length),
            description: vscode.l10n.t('kept from the failed or stopped upload'),
          },
        ]
      : []),
    { source: 'one', label: vscode.l10n.t('$(edit) One message…'), description: vscode.l10n.t('type the id, salt and data') },
    { source: 'file', label: vscode.l10n.t('$(file) From a JSON file…'), description: vscode.l10n.t('an array of {"id", "salt", "data"}') },
    { source: 'clipboard', label: vscode.l10n.t('$(clippy) From the clipboard'), description: vscode.l10n.t('the same JSON, copied') },
  ];
  const picked = await deps.ui.showQuickPick(picks, {
    title: vscode.l10n.t('Add messages to room "{0}" on {1}', inertPickText(roomId), shownServer(serverUrl)),
    placeHolder: vscode.l10n.t('Where do the messages come from?'),
  });
  if (!picked) {
    return undefined;
  }
  const messages = await collect(deps, picked.source, serverUrl, roomId, remainder);
  if (!messages) {
    return undefined;
  }
  const refusal = (now: string): string => {
    const where = vscode.l10n.t(
      'These messages were meant for room "{0}" on {1}, but the extension now points at {2}.',
      inertPickText(roomId),
      shownServer(serverUrl),
      now,
    );
    const kept = vscode.l10n.t(
      'Nothing was sent; they are kept: switch back to {0}, then "Add Messages…" offers them again.',
      shownServer(serverUrl),
    );
    return `${where} ${kept}`;
  };
  return { request: { serverUrl, refusal, roomId, messages, verb: 'Added', activity: 'Adding' }, source: picked.source, serverUrl };
}

function retryLabel(unsent: number): string {
  const n = unsent.toLocaleString('en-US');
  return unsent === 1
    ? vscode.l10n.t('$(debug-restart) Retry the {0} message not added last time', n)
    : vscode.l10n.t('$(debug-restart) Retry the {0} messages not added last time', n);
}

async function collect(
  deps: AddMessagesDeps,
  source: Source,
  serverUrl: string,
  roomId: string,
  remainder: RtcMessage[] | undefined,
): Promise<RtcMessage[] | undefined> {
  if (source === 'retry') {
    return remainder;
  }
  if (source === 'one') {
    const typed = await typeOneMessage(deps.ui, roomId, deps.unsent.draft(serverUrl, roomId));
    if (typed.kind === 'cancelled') {
      deps.unsent.keepDraft(serverUrl, roomId, typed.draft);
      return undefined;
    }
    // Kept until the server took it, so a failure never costs the typing.
    deps.unsent.keepDraft(serverUrl, roomId, typed.message);
    return [typed.message];
  }
  const loaded = source === 'file' ? await loadFromFile(deps.ui) : await loadFromClipboard();
  if (loaded.kind === 'cancelled') {
    return undefined;
  }
  if (loaded.kind === 'invalid') {
    reportProblems(deps, loaded.source, loaded.problems, loaded.total);
    return undefined;
  }
  return loaded.messages;
}

function reportProblems(deps: AddMessagesDeps, source: string, problems: string[], total: number): void {
  const of = total > 0 ? ` (${count(total)} read)` : '';
  const first = problems.slice(0, 3).join(' ');
  const listed = problems.length > 3 ? `${first} ${vscode.l10n.t('…and {0} more.', problems.length - 3)}` : first;
  deps.log.warn(`${source} cannot be added${of}:\n${describeBatchProblems(problems, 100)}`);
  const read = total.toLocaleString('en-US');
  const message =
    total === 0
      ? vscode.l10n.t('{0} cannot be added; nothing was sent. Fix it and try again: {1}', source, listed)
      : total === 1
        ? vscode.l10n.t('{0} cannot be added ({1} message read); nothing was sent. Fix it and try again: {2}', source, read, listed)
        : vscode.l10n.t('{0} cannot be added ({1} messages read); nothing was sent. Fix it and try again: {2}', source, read, listed);
  const showProblems = vscode.l10n.t('Show Problems');
  void deps.ui.showMessage('error', message, {}, showProblems).then((choice) => {
    if (choice === showProblems) {
      deps.log.show(true);
    }
  });
}
