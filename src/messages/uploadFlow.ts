import * as vscode from 'vscode';
import { isSessionExpired, WorldClientError } from '../api/errors';
import type { RtcMessage } from '../api/types';
import type { WorldClientApi } from '../api/client';
import type { CommandRunner } from '../core/commandRunner';
import type { ServerConnection } from '../core/serverConnection';
import type { Ui } from '../core/prompts';
import { DEFAULT_CHUNK_SIZE, uploadInChunks, type UploadOutcome } from './chunkedUpload';
import type { UnsentMessages } from './unsentMessages';
import { describeUpload } from './uploadReport';
import { inertForNotification, visibleId } from '../shared/inertText';

export interface UploadFlowDeps {
  ui: Ui;
  connection: ServerConnection;
  runner: CommandRunner;
  unsent: UnsentMessages;
  onRoomChanged(roomId: string, hasMessages: boolean): void;
  /** The session feature's sign-in, for "Sign In and Retry"; true once signed in. */
  signIn(): Promise<boolean | undefined>;
  chunkSize?: number;
}

export interface UploadRequest {
  /** The server the user chose for these messages: every run, retry and resume sends there or nothing. */
  serverUrl: string;
  /** Why nothing is sent when the extension points elsewhere (`now`, as shown), and how to finish. */
  refusal(now: string): string;
  roomId: string;
  /** What is still to send: after a chunk failed on an expired session, only the rest. */
  messages: RtcMessage[];
  /** Past tense for the report: "Added", "Restored". */
  verb: string;
  /** Picks the progress title, which is a whole sentence per activity so it can be translated. */
  activity: 'Adding' | 'Restoring';
  /** Runs once everything is in (e.g. dropping the snapshot an Undo restored from). */
  onComplete?: () => Promise<void>;
}

/**
 * Uploads messages in chunks under a cancellable progress notification and reports the
 * outcome. Whatever did not go in is kept (UnsentMessages) and offered again: Retry on the
 * report, "Save Unsent…" to a file, or later from "Add Messages…". The follow-up choice is
 * not awaited, so the command finishes when the upload does. An expired session is not
 * handled here: the request keeps only what did not go in and the error is thrown, so the
 * command runner asks to sign in and its retry, running the same request, sends the rest.
 */
export class UploadFlow {
  constructor(private readonly deps: UploadFlowDeps) {}

  async run(request: UploadRequest): Promise<UploadOutcome> {
    const { connection, unsent } = this.deps;
    const serverUrl = request.serverUrl;
    let api: WorldClientApi;
    try {
      api = connection.still(serverUrl, request.refusal).api();
    } catch (error) {
      if (request.activity === 'Adding') {
        // Kept for that server: "Add Messages…" offers them again once it points there.
        unsent.keepRemainder(serverUrl, request.roomId, request.messages);
      }
      throw error;
    }
    const total = request.messages.length;
    let reported = 0;
    const outcome = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: inertForNotification(progressTitle(request.activity, total, request.roomId)),
        cancellable: true,
      },
      (progress, token) =>
        uploadInChunks(request.messages, (chunk) => api.addMessages(request.roomId, chunk), {
          chunkSize: this.deps.chunkSize ?? DEFAULT_CHUNK_SIZE,
          isCancelled: () => token.isCancellationRequested,
          onProgress: ({ sent }) => {
            progress.report({
              increment: (100 * (sent - reported)) / total,
              message: token.isCancellationRequested
                ? vscode.l10n.t('stopping after the current chunk…')
                : vscode.l10n.t('{0} of {1}', sent.toLocaleString('en-US'), total.toLocaleString('en-US')),
            });
            reported = sent;
          },
        }),
    );
    if (outcome.sent.length > 0) {
      this.deps.onRoomChanged(request.roomId, true);
    }
    unsent.keepRemainder(serverUrl, request.roomId, outcome.unsent);
    if (outcome.end === 'failed' && isSessionExpired(outcome.error)) {
      request.messages = outcome.unsent;
      throw outcome.error;
    }
    const report = describeUpload(outcome, request.roomId, request.verb);
    if (outcome.end === 'done') {
      void this.deps.ui.showMessage(report.severity, report.message, {});
      await request.onComplete?.();
      return outcome;
    }
    this.offerFollowUp(report.severity, report.message, outcome, { ...request, messages: outcome.unsent });
    return outcome;
  }

  private offerFollowUp(severity: 'warning' | 'error' | 'info', message: string, outcome: UploadOutcome, retry: UploadRequest): void {
    const expired = outcome.error instanceof WorldClientError && outcome.error.kind === 'notSignedIn';
    const retryLabel = expired ? vscode.l10n.t('Sign In and Retry') : vscode.l10n.t('Retry');
    const saveUnsent = vscode.l10n.t('Save Unsent…');
    void this.deps.ui.showMessage(severity, message, {}, retryLabel, saveUnsent).then((choice) => {
      if (choice === retryLabel) {
        return this.deps.runner.run(`${retry.verb} messages (retry)`, async () => {
          if (expired && !(await this.deps.signIn())) {
            return;
          }
          await this.run(retry);
        });
      }
      if (choice === saveUnsent) {
        return this.deps.runner.run('Save unsent messages', () => this.saveUnsent(retry));
      }
      return undefined;
    });
  }

  private async saveUnsent(request: UploadRequest): Promise<void> {
    const unsent = request.messages.length;
    const n = unsent.toLocaleString('en-US');
    const target = await this.deps.ui.showSaveDialog({
      title:
        unsent === 1
          ? vscode.l10n.t('Save the {0} message not added to room "{1}"', n, visibleId(request.roomId))
          : vscode.l10n.t('Save the {0} messages not added to room "{1}"', n, visibleId(request.roomId)),
      filters: { JSON: ['json'] },
      saveLabel: vscode.l10n.t('Save'),
    });
    if (!target) {
      return;
    }
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(JSON.stringify(request.messages, null, 2)));
    void this.deps.ui.showMessage(
      'info',
      unsent === 1
        ? vscode.l10n.t('Saved {0} message to {1}. Add them later with "Add Messages…" → "From a JSON file…".', n, target.fsPath)
        : vscode.l10n.t('Saved {0} messages to {1}. Add them later with "Add Messages…" → "From a JSON file…".', n, target.fsPath),
      {},
    );
  }
}

function progressTitle(activity: UploadRequest['activity'], total: number, roomId: string): string {
  const n = total.toLocaleString('en-US');
  if (activity === 'Restoring') {
    return total === 1
      ? vscode.l10n.t('Restoring {0} message in room "{1}"', n, visibleId(roomId))
      : vscode.l10n.t('Restoring {0} messages in room "{1}"', n, visibleId(roomId));
  }
  return total === 1
    ? vscode.l10n.t('Adding {0} message in room "{1}"', n, visibleId(roomId))
    : vscode.l10n.t('Adding {0} messages in room "{1}"', n, visibleId(roomId));
}
