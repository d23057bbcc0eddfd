import type * as vscode from 'vscode';
import type { RtcMessage } from '../api/types';
import type { Connection } from '../session/connection';
import type { Ui } from '../ui/ui';
import { roomIdsFromArguments } from '../rooms/roomArgument';
import { pickRoom } from '../rooms/roomPicker';
import { describeBatchProblems } from './messageBatch';
import { loadFromClipboard, loadFromFile, typeOneMessage } from './messageSources';
import type { UnsentMessages } from './unsentMessages';
import type { UploadFlow } from './uploadFlow';
import { count } from './uploadReport';

export interface AddMessagesDeps {
  ui: Ui;
  connection: Connection;
  unsent: UnsentMessages;
  uploads: UploadFlow;
  log: vscode.LogOutputChannel;
}

type Source = 'retry' | 'one' | 'file' | 'clipboard';
interface SourcePick extends vscode.QuickPickItem {
  source: Source;
}

const SHOW_PROBLEMS = 'Show Problems';

/**
 * `worldclientRtc.addMessages` (argument: a tree item or a room id; none → pick a room).
 * One message typed in, or many from a JSON file or the clipboard, validated before
 * anything is sent, then uploaded in chunks. Returns how many messages went in.
 */
export async function addMessages(deps: AddMessagesDeps, argument: unknown, selection: unknown): Promise<number | undefined> {
  const roomId = roomIdsFromArguments(argument, selection)[0] ?? (await pickRoom(deps.ui, deps.connection, 'Add messages to which room?'));
  if (roomId === undefined) {
    return undefined;
  }
  deps.connection.api(); // fails early, with advice, when no server is set
  const serverUrl = deps.connection.serverUrl;
  const remainder = deps.unsent.remainder(serverUrl, roomId);
  const picks: SourcePick[] = [
    ...(remainder ? [{ source: 'retry' as const, label: `$(debug-restart) Retry the ${count(remainder.length)} not added last time`, description: 'kept from the failed or stopped upload' }] : []),
    { source: 'one', label: '$(edit) One message…', description: 'type the id, salt and data' },
    { source: 'file', label: '$(file) From a JSON file…', description: 'an array of {"id", "salt", "data"}' },
    { source: 'clipboard', label: '$(clippy) From the clipboard', description: 'the same JSON, copied' },
  ];
  const picked = await deps.ui.showQuickPick(picks, { title: `Add messages to room "${roomId}"`, placeHolder: 'Where do the messages come from?' });
  if (!picked) {
    return undefined;
  }
  const messages = await collect(deps, picked.source, serverUrl, roomId, remainder);
  if (!messages) {
    return undefined;
  }
  const outcome = await deps.uploads.run({ roomId, messages, verb: 'Added', activity: 'Adding' });
  if (picked.source === 'one' && outcome.end === 'done') {
    deps.unsent.keepDraft(serverUrl, roomId, undefined);
  }
  return outcome.sent.length;
}

async function collect(deps: AddMessagesDeps, source: Source, serverUrl: string, roomId: string, remainder: RtcMessage[] | undefined): Promise<RtcMessage[] | undefined> {
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
  const more = problems.length > 3 ? ` …and ${problems.length - 3} more.` : '';
  deps.log.warn(`${source} cannot be added${of}:\n${describeBatchProblems(problems, 100)}`);
  void deps.ui
    .showMessage('error', `${source} cannot be added${of}; nothing was sent. Fix it and try again: ${first}${more}`, {}, SHOW_PROBLEMS)
    .then((choice) => {
      if (choice === SHOW_PROBLEMS) {
        deps.log.show(true);
      }
    });
}
