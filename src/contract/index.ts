import * as vscode from 'vscode';
import { CommandIds } from '../core/commandIds';
import type { CommandRunner } from '../core/commandRunner';
import type { RoomPanels } from '../panel/roomPanels';
import { layoutRoom, type RoomDocumentProvider } from '../rooms/roomDocuments';
import type { RoomsModel } from '../rooms/roomsModel';
import type { RoomsTreeProvider } from '../rooms/roomsTreeProvider';
import type { ServerConnection } from '../session/serverConnection';
import type { Ui } from '../core/prompts';
import { readDisabledContractRules } from '../core/settings';
import { checkAllRooms, reportSummary } from './checkRoomsCommand';
import { ContractProblems } from './contractProblems';
import { ProblemDecorations } from './problemDecorations';
import { showProblemsAsDiagnostics } from './problemDiagnostics';
import { panelProblems } from './panelProblems';

export interface ContractServices {
  runner: CommandRunner;
  ui: Ui;
  connection: ServerConnection;
  model: RoomsModel;
  provider: RoomsTreeProvider;
  roomDocuments: RoomDocumentProvider;
  /** The open room panels: which are open, when one loads its room, and showing problems in one. */
  panels: Pick<RoomPanels, 'openRoomIds' | 'onDidLoadRoom' | 'showProblems'>;
}

const DISABLED_RULES_SETTING = 'worldclientRtc.contract.disabledRules';
const ONLY_PROBLEMS_CONTEXT = 'worldclientRtc.onlyRoomsWithProblems';

/**
 * The contract checks: list-level rules on every refresh, every rule on a room when its JSON
 * is opened or "Check Rooms" runs; shown in the Problems panel, as badges and tooltips in the
 * Rooms view, and as a filter "Only Rooms with Problems".
 */
export function register(context: vscode.ExtensionContext, services: ContractServices): void {
  const { runner, ui, connection, model, provider, roomDocuments, panels } = services;
  const problems = new ContractProblems(readDisabledContractRules());
  const decorations = new ProblemDecorations(problems);
  let onlyWithProblems = false;
  const applyFilter = (): void => {
    const withProblems = new Set(problems.roomIds());
    model.setRoomFilter(onlyWithProblems ? (room) => withProblems.has(room.id) : undefined);
  };
  const setOnlyWithProblems = (value: boolean): void => {
    onlyWithProblems = value;
    void vscode.commands.executeCommand('setContext', ONLY_PROBLEMS_CONTEXT, value);
    applyFilter();
  };
  context.subscriptions.push(
    problems,
    decorations,
    showProblemsAsDiagnostics(problems),
    vscode.window.registerFileDecorationProvider(decorations),
    provider.annotate(decorations),
    // The list check is one cheap pass; an unchanged list (same array) is not checked again.
    model.onDidChange(() => problems.setList(model.listed)),
    problems.onDidChange(() => onlyWithProblems && applyFilter()),
    roomDocuments.onDidLoad(({ askedId, room, document }) => void problems.setReply(askedId, room, document)),
    // A panel's load is a reply like any other; its layout is only made if there is a problem to place.
    panels.onDidLoadRoom(({ roomId, room }) => void problems.setReply(roomId, room, () => layoutRoom(room))),
    problems.onDidChange(({ roomIds }) => {
      for (const roomId of roomIds ?? panels.openRoomIds()) {
        if (panels.openRoomIds().includes(roomId)) {
          panels.showProblems(roomId, panelProblems(problems.forRoom(roomId)));
        }
      }
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(DISABLED_RULES_SETTING)) {
        problems.setDisabled(readDisabledContractRules());
      }
    }),
    runner.register(CommandIds.checkRooms, async () => reportSummary(ui, await checkAllRooms({ connection, model, problems, ui }))),
    runner.register(CommandIds.showOnlyRoomsWithProblems, () => setOnlyWithProblems(true)),
    runner.register(CommandIds.showAllRooms, () => setOnlyWithProblems(false)),
  );
}
