import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { StoredRoom } from '../sandbox/server';
import type { SandboxSession } from './support/fixtures';
import { renderChildren } from './support/tree';

/**
 * Every room and message command, described once for the table-driven edge tests: how to run
 * it on a room (answering its prompts the way a user would), and what the user would see on
 * the server afterwards when it did its job and when it changed nothing.
 */
export interface CommandCase {
  name: string;
  /** Whatever must exist before the run (e.g. a deletion to restore), done with no fault active. */
  prepare?(s: SandboxSession, roomId: string, scratch: Scratch): Promise<void>;
  run(s: SandboxSession, roomId: string, scratch: Scratch): Thenable<unknown>;
  /** The command did all it should. */
  done(s: SandboxSession, roomId: string, scratch: Scratch): boolean;
  /** The command changed nothing (compared with the room as it was before the run). */
  unchanged(s: SandboxSession, roomId: string, scratch: Scratch, before: StoredRoom | undefined): boolean;
  /** Read-only commands show a failure in the view or panel rather than (only) as a notification. */
  failureShownIn?(s: SandboxSession, roomId: string): boolean;
}

/** Per run: a folder for files, and the id a creating command uses. */
export interface Scratch {
  folder: string;
  newId: string;
}

export function newScratch(roomId: string): Scratch {
  return { folder: fs.mkdtempSync(path.join(os.tmpdir(), 'wcrtc-edges-')), newId: `${roomId}-new` };
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const exportFile = (scratch: Scratch): string => path.join(scratch.folder, 'export.json');
const EDGE_MESSAGE = { id: 'edge-message', salt: 'c2FsdA==', data: 'ZGF0YQ==' };

export const COMMAND_CASES: CommandCase[] = [
  {
    name: 'Refresh Rooms',
    run: () => vscode.commands.executeCommand('worldclientRtc.refresh'),
    done: (s, roomId) => renderChildren(s.api).some((item) => item.node.kind === 'room' && item.node.room.id === roomId),
    unchanged: (s, roomId, _scratch, before) => same(s.sandbox.store.get(roomId), before),
    failureShownIn: (s) => /Could not load rooms|Showing the list from before/.test(String(s.api.rooms.view.treeView.message)),
  },
  {
    name: 'Open Room',
    run: (_s, roomId) => vscode.commands.executeCommand('worldclientRtc.openRoom', roomId),
    done: (s, roomId) => s.api.panels.describe(roomId)?.status === 'ready',
    unchanged: (s, roomId, _scratch, before) => same(s.sandbox.store.get(roomId), before),
    failureShownIn: (s, roomId) => s.api.panels.describe(roomId)?.status === 'error',
  },
  {
    name: 'Copy Room JSON',
    prepare: async () => vscode.env.clipboard.writeText(''),
    run: (_s, roomId) => vscode.commands.executeCommand('worldclientRtc.copyRoomJson', roomId),
    done: () => true,
    unchanged: (s, roomId, _scratch, before) => same(s.sandbox.store.get(roomId), before),
  },
  {
    name: 'Export Rooms',
    run: (s, roomId, scratch) => {
      s.ui.nextUri.push(vscode.Uri.file(exportFile(scratch)));
      return vscode.commands.executeCommand('worldclientRtc.exportRooms', roomId);
    },
    done: (_s, roomId, scratch) =>
      fs.existsSync(exportFile(scratch)) &&
      (JSON.parse(fs.readFileSync(exportFile(scratch), 'utf8')) as { rooms: { id: string }[] }).rooms[0]?.id === roomId,
    unchanged: (_s, _roomId, scratch) => !fs.existsSync(exportFile(scratch)) && fs.readdirSync(scratch.folder).length === 0,
  },
  {
    name: 'Delete Room',
    run: (s, roomId) => {
      s.ui.respond(/^Delete the room/, 'Delete');
      return vscode.commands.executeCommand('worldclientRtc.deleteRoom', roomId);
    },
    done: (s, roomId) => s.sandbox.store.get(roomId) === undefined,
    unchanged: (s, roomId, _scratch, before) => same(s.sandbox.store.get(roomId), before),
  },
  {
    name: 'Restore Deleted Room',
    prepare: async (s, roomId) => {
      s.ui.respond(/^Delete the room/, 'Delete');
      await vscode.commands.executeCommand('worldclientRtc.deleteRoom', roomId);
    },
    run: (s, roomId) => {
      s.ui.pick((label) => label === roomId);
      return vscode.commands.executeCommand('worldclientRtc.restoreDeletedRoom');
    },
    done: (s, roomId) => s.sandbox.store.get(roomId) !== undefined,
    unchanged: (s, roomId) => s.sandbox.store.get(roomId) === undefined,
  },
  {
    name: 'Delete All Messages',
    run: (s, roomId) => {
      s.ui.respondIfAsked(/^Delete all \d+ messages?/, 'Delete All Messages');
      return vscode.commands.executeCommand('worldclientRtc.deleteMessages', roomId);
    },
    done: (s, roomId) => s.sandbox.store.get(roomId)?.messages.length === 0,
    unchanged: (s, roomId, _scratch, before) => same(s.sandbox.store.get(roomId), before),
  },
  {
    name: 'Add Messages',
    prepare: async () => vscode.env.clipboard.writeText(JSON.stringify([EDGE_MESSAGE])),
    run: (s, roomId) => {
      s.ui.pick('From the clipboard');
      return vscode.commands.executeCommand('worldclientRtc.addMessages', roomId);
    },
    done: (s, roomId) => s.sandbox.store.get(roomId)?.messages.some((message) => message.id === EDGE_MESSAGE.id) ?? false,
    unchanged: (s, roomId, _scratch, before) => same(s.sandbox.store.get(roomId), before),
  },
  {
    name: 'Add Room',
    run: (s, _roomId, scratch) => {
      // A draft kept from an earlier failed run is offered as "Resume…"; the typed fields replace it.
      // The id is checked against the server at the first step, so a failing server stops it there.
      s.ui
        .pick((label) => /Enter the fields|Resume the room/.test(label))
        .typeInputs(scratch.newId)
        .typeInputsIfAsked('ann@example.com', '2026-11-24T10:00:00Z', '');
      return vscode.commands.executeCommand('worldclientRtc.addRoom');
    },
    done: (s, _roomId, scratch) => s.sandbox.store.get(scratch.newId) !== undefined,
    unchanged: (s, _roomId, scratch) => s.sandbox.store.get(scratch.newId) === undefined,
  },
  {
    name: 'Import Rooms',
    prepare: async (_s, _roomId, scratch) => {
      const room = {
        id: scratch.newId,
        started: '2026-11-24T10:00:00Z',
        ended: '',
        members: 'ann@example.com',
        hasMessages: true,
        messages: [EDGE_MESSAGE],
      };
      fs.writeFileSync(
        path.join(scratch.folder, 'import.json'),
        JSON.stringify({ format: 'worldclient-rtc-rooms', version: 1, exportedAt: '2026-11-24T10:00:00Z', server: 'x', rooms: [room] }),
      );
    },
    run: (s, _roomId, scratch) => {
      s.ui.nextUri.push(vscode.Uri.file(path.join(scratch.folder, 'import.json')));
      // The report is a modal; it names what was skipped, which the failing-server run reads.
      s.ui.respondIfAsked(/^Imported \d+ room/, undefined);
      return vscode.commands.executeCommand('worldclientRtc.importRooms');
    },
    done: (s, _roomId, scratch) => s.sandbox.store.get(scratch.newId)?.messages.length === 1,
    unchanged: (s, _roomId, scratch) => s.sandbox.store.get(scratch.newId) === undefined,
  },
];
