import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { RtcMessage } from '../api/types';
import type { Ui } from '../core/prompts';
import { parseMessageBatch } from './messageBatch';
import { checkBase64Value, checkMessageId } from './messageValidation';
import type { MessageDraft } from './unsentMessages';
import { inertPickText } from '../shared/inertText';

/**
 * Where new messages come from: typed one at a time, a JSON file, or the clipboard. Each
 * returns validated messages, or says why there are none; nothing is sent from here.
 */
export type Typed = { kind: 'message'; message: RtcMessage } | { kind: 'cancelled'; draft: MessageDraft | undefined };
export type Loaded =
  | { kind: 'messages'; messages: RtcMessage[]; source: string }
  | { kind: 'invalid'; problems: string[]; total: number; source: string }
  | { kind: 'cancelled' };

/** Three input boxes (id prefilled with a new UUID); Escape keeps what was typed for next time. */
export async function typeOneMessage(ui: Ui, roomId: string, draft: MessageDraft | undefined): Promise<Typed> {
  const title = (step: number): string => vscode.l10n.t('Add a message to room "{0}" ({1}/3)', inertPickText(roomId), step);
  const id = await ui.showInputBox({
    title: title(1),
    prompt: vscode.l10n.t('Message id (a new UUID is prefilled)'),
    value: draft?.id || randomUUID(),
    validateInput: checkMessageId,
  });
  if (id === undefined) {
    return { kind: 'cancelled', draft };
  }
  const salt = await ui.showInputBox({
    title: title(2),
    prompt: vscode.l10n.t('Salt, base64, exactly as the sending client produced it'),
    value: draft?.salt ?? '',
    validateInput: (value) => checkBase64Value(value, 'salt'),
  });
  if (salt === undefined) {
    return { kind: 'cancelled', draft: { id, salt: draft?.salt ?? '', data: draft?.data ?? '' } };
  }
  const data = await ui.showInputBox({
    title: title(3),
    prompt: vscode.l10n.t('Data (the ciphertext), base64, exactly as the sending client produced it'),
    value: draft?.data ?? '',
    validateInput: (value) => checkBase64Value(value, 'data'),
  });
  if (data === undefined) {
    return { kind: 'cancelled', draft: { id, salt, data: draft?.data ?? '' } };
  }
  return { kind: 'message', message: { id, salt, data } };
}

export async function loadFromFile(ui: Ui): Promise<Loaded> {
  const picked = await ui.showOpenDialog({
    title: vscode.l10n.t('Messages to add: a JSON array of {"id", "salt", "data"}'),
    canSelectMany: false,
    filters: { JSON: ['json'], [vscode.l10n.t('All files')]: ['*'] },
    openLabel: vscode.l10n.t('Add Messages'),
  });
  const file = picked?.[0];
  if (!file) {
    return { kind: 'cancelled' };
  }
  const bytes = await vscode.workspace.fs.readFile(file);
  return fromText(new TextDecoder('utf-8').decode(bytes), vscode.l10n.t('The file {0}', file.fsPath));
}

export async function loadFromClipboard(): Promise<Loaded> {
  return fromText(await vscode.env.clipboard.readText(), vscode.l10n.t('The clipboard'));
}

function fromText(text: string, source: string): Loaded {
  const result = parseMessageBatch(text);
  return result.ok
    ? { kind: 'messages', messages: result.messages, source }
    : { kind: 'invalid', problems: result.problems, total: result.total, source };
}
