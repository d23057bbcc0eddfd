import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { WorldClientError } from '../api/errors';
import type { NewRoom } from '../api/types';
import { shownServer, type ConnectionSnapshot, type ServerConnection } from '../core/serverConnection';
import type { Ui } from '../core/prompts';
import { withCancellableProgress } from '../core/cancellation';
import { normalizeMembers, validateEnded, validateIsoDate, validateMembers, validateRoomId } from './roomFields';
import { parseRoomFile } from './roomFile';
import { visibleId } from '../shared/inertText';

type Draft = Pick<NewRoom, 'id' | 'members' | 'started' | 'ended'>;

/**
 * Creates a room from typed fields or a JSON file. What the user typed is kept as a draft
 * until the room exists, so cancelling a step or a failed request never loses it.
 */
export class AddRoomFlow {
  private draft: Partial<Draft> | undefined;

  constructor(
    private readonly ui: Ui,
    private readonly connection: ServerConnection,
    private readonly onAdded: (roomId: string) => Promise<void>,
  ) {}

  async run(): Promise<string | undefined> {
    // The room goes to the server current when the command started, or nowhere.
    const serverUrl = this.connection.current().serverUrl;
    const source = await this.ui.showQuickPick(
      [
        {
          label: this.draft ? vscode.l10n.t('$(edit) Resume the room you were adding') : vscode.l10n.t('$(edit) Enter the fields'),
          source: 'fields' as const,
        },
        {
          label: vscode.l10n.t('$(file) From a JSON file…'),
          detail: vscode.l10n.t('A room object, an array of rooms, or an export file'),
          source: 'file' as const,
        },
      ],
      { title: vscode.l10n.t('Add room') },
    );
    if (!source) {
      return undefined;
    }
    const room = source.source === 'fields' ? await this.askFields(serverUrl) : await this.readFromFile();
    if (!room) {
      return undefined;
    }
    await this.create(serverUrl, room);
    if (source.source === 'fields') {
      this.draft = undefined;
    }
    void this.ui.showMessage('info', vscode.l10n.t('Room “{0}” added.', visibleId(room.id)), {});
    await this.onAdded(room.id);
    return room.id;
  }

  private async askFields(serverUrl: string): Promise<NewRoom | undefined> {
    const draft: Partial<Draft> = (this.draft ??= {});
    let idPrompt = vscode.l10n.t('The room id. A fresh UUID is suggested.');
    // The id is checked at once, not after all four steps (create() checks again, in case it was taken meanwhile).
    for (;;) {
      const id = await this.ui.showInputBox({
        title: vscode.l10n.t('Add room (1/4): id'),
        prompt: idPrompt,
        value: draft.id ?? randomUUID(),
        validateInput: validateRoomId,
      });
      if (id === undefined) {
        return undefined;
      }
      draft.id = id;
      const api = this.target(serverUrl).api();
      if (!(await withCancellableProgress(vscode.l10n.t('Checking the id “{0}”…', id), (signal) => roomExists(api, id, signal)))) {
        break;
      }
      idPrompt = vscode.l10n.t('A room with the id “{0}” already exists. Choose another id.', id);
    }
    const roomId = draft.id;
    const members = await this.ui.showInputBox({
      title: vscode.l10n.t('Add room (2/4): members'),
      prompt: vscode.l10n.t('Member email addresses, separated by commas.'),
      placeHolder: 'ann@example.com, bob@example.com',
      value: draft.members ?? '',
      validateInput: validateMembers,
    });
    if (members === undefined) {
      return undefined;
    }
    draft.members = normalizeMembers(members);
    const started = await this.ui.showInputBox({
      title: vscode.l10n.t('Add room (3/4): started'),
      prompt: vscode.l10n.t('When the room started (ISO-8601).'),
      value: draft.started ?? new Date().toISOString(),
      validateInput: (value) => validateIsoDate(value, false),
    });
    if (started === undefined) {
      return undefined;
    }
    draft.started = started.trim();
    const ended = await this.ui.showInputBox({
      title: vscode.l10n.t('Add room (4/4): ended'),
      prompt: vscode.l10n.t('When the room ended (ISO-8601). Leave empty for a room still active.'),
      value: draft.ended ?? '',
      validateInput: (value) => validateEnded(value, draft.started ?? ''),
    });
    if (ended === undefined) {
      return undefined;
    }
    draft.ended = ended.trim();
    return { id: roomId, members: draft.members, started: draft.started, ended: draft.ended, messages: [] };
  }

  private async readFromFile(): Promise<NewRoom | undefined> {
    const [file] =
      (await this.ui.showOpenDialog({
        canSelectMany: false,
        filters: { JSON: ['json'] },
        title: vscode.l10n.t('Add room from a JSON file'),
      })) ?? [];
    if (!file) {
      return undefined;
    }
    const parsed = parseRoomFile(new TextDecoder().decode(await vscode.workspace.fs.readFile(file)));
    if (parsed.rooms.length !== 1) {
      const why = parsed.skipped.map((skip) => `#${skip.index + 1}: ${skip.reason}`).join('; ');
      throw new WorldClientError(
        'badRequest',
        parsed.rooms.length > 0
          ? vscode.l10n.t('The file holds {0} rooms; use "Import Rooms…" for several.', parsed.rooms.length)
          : why
            ? vscode.l10n.t('The file holds no usable room ({0}).', why)
            : vscode.l10n.t('The file holds no usable room (empty).'),
      );
    }
    return parsed.rooms[0];
  }

  private async create(serverUrl: string, room: NewRoom): Promise<void> {
    const api = this.target(serverUrl).api();
    await withCancellableProgress(vscode.l10n.t('Adding room “{0}”…', visibleId(room.id)), async (signal) => {
      if (await roomExists(api, room.id, signal)) {
        throw new WorldClientError(
          'conflict',
          vscode.l10n.t(
            'A room with the id “{0}” already exists. Run Add Room again to choose another id; what you typed is kept.',
            visibleId(room.id),
          ),
        );
      }
      await api.addRoom(room, signal);
    });
  }

  private target(serverUrl: string): ConnectionSnapshot {
    return this.connection.still(serverUrl, (now) =>
      vscode.l10n.t(
        'Add Room began on {0}, but the extension now points at {1}. Nothing was added; what you typed is kept.',
        shownServer(serverUrl),
        now,
      ),
    );
  }
}

/** Servers may overwrite on PUT, so existence is checked first rather than trusted to a 409. */
export function roomExists(api: ReturnType<ServerConnection['api']>, roomId: string, signal: AbortSignal): Promise<boolean> {
  return api.roomExists(roomId, signal);
}
