import * as vscode from 'vscode';
import { errorMessage } from '../api/errors';
import { CommandIds } from '../core/commandIds';
import type { CommandRunner } from '../core/commandRunner';
import type { PanelOffer } from '../panel';
import { layoutRoom } from '../core/rooms/roomDocuments';
import type { RoomsOffer } from '../rooms';
import type { ServerConnection } from '../core/serverConnection';
import type { Ui } from '../core/prompts';
import { readDisabledContractRules } from '../core/settings';
import { checkAllRooms, reportSummary } from './checkRoomsCommand';
import { ContractFileWatch } from './contractFileWatch';
import { checkFixturesAsEdited } from './fixtureDiagnostics';
import { ContractProblems } from './contractProblems';
import { ProblemDecorations } from './problemDecorations';
import { showProblemsAsDiagnostics } from './problemDiagnostics';
import { panelProblems } from './panelProblems';

export interface ContractServices {
  runner: CommandRunner;
  ui: Ui;
  log: vscode.LogOutputChannel;
  connection: ServerConnection;
  /** The rooms feature's list, tree and room documents. */
  rooms: Pick<RoomsOffer, 'model' | 'provider' | 'documents'>;
  /** The open room panels: which are open, when one loads its room, and showing problems in one. */
  panels: PanelOffer['panels'];
}

const DISABLED_RULES_SETTING = 'worldclientRtc.contract.disabledRules';
const ONLY_PROBLEMS_CONTEXT = 'worldclientRtc.onlyRoomsWithProblems';
/** When the Rooms view has not asked for the rows of a new list by then, its checks start anyway. */
const LIST_CHECK_AT_LATEST_MS = 500;

/** What the contract checks offer other features: a room's problems in brief, and when they change. */
export interface ContractOffer {
  /** How many problems the room has and the worst of them; undefined when it has none. */
  roomProblems(roomId: string): { count: number; worst: 'error' | 'warning' } | undefined;
  readonly onDidChangeProblems: vscode.Event<unknown>;
}

/**
 * The contract checks: list-level rules on every refresh, every rule on a room when its JSON
 * is opened or "Check Rooms" runs; shown in the Problems panel, as badges and tooltips in the
 * Rooms view, and as a filter "Only Rooms with Problems".
 */
export function register(context: vscode.ExtensionContext, services: ContractServices): ContractOffer {
  const { runner, ui, log, connection, panels } = services;
  const { model, provider, documents } = services.rooms;
  const problems = new ContractProblems(readDisabledContractRules());
  // The reply checks run in slices after the event that started them: a failure is logged, never left unhandled.
  const checkReply = (...args: Parameters<ContractProblems['setReply']>): void => {
    problems.setReply(...args).catch((error: unknown) => log.error(`Contract checks of a room reply failed: ${errorMessage(error)}`));
  };
  const decorations = new ProblemDecorations(problems);
  const contractFile = new ContractFileWatch();
  problems.setContract(contractFile.contract);
  let problemsServer = connection.serverUrl;
  let onlyWithProblems = false;
  let scheduledList: readonly object[] | undefined;
  let pendingListCheck: ReturnType<typeof setTimeout> | undefined;
  // Also called by whatever reads the list's checks (a reply compared with its entry, Check Rooms).
  const startListCheckNow = (): void => {
    if (pendingListCheck !== undefined) {
      clearTimeout(pendingListCheck);
      pendingListCheck = undefined;
      problems.setList(model.listed);
    }
  };
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
    contractFile,
    contractFile.onDidChange((contract) => problems.setContract(contract)),
    checkFixturesAsEdited(() => contractFile.contract, contractFile.onDidChange),
    showProblemsAsDiagnostics(problems),
    vscode.window.registerFileDecorationProvider(decorations),
    provider.annotate(decorations),
    // A new list is checked once the Rooms view has its first rows (or a moment later if the view
    // does not ask for them): the badges follow the rows rather than hold them up.
    model.onDidChange(() => {
      if (model.listed !== scheduledList) {
        scheduledList = model.listed;
        clearTimeout(pendingListCheck);
        pendingListCheck = setTimeout(startListCheckNow, LIST_CHECK_AT_LATEST_MS);
      }
    }),
    provider.onDidHandOutRows(startListCheckNow),
    connection.onDidChange(() => {
      if (connection.serverUrl !== problemsServer) {
        problemsServer = connection.serverUrl;
        problems.forgetServer();
      }
    }),
    { dispose: () => clearTimeout(pendingListCheck) },
    problems.onDidChange(() => onlyWithProblems && applyFilter()),
    documents.onDidLoad(({ askedId, room, document }) => {
      startListCheckNow();
      checkReply(askedId, room, document);
    }),
    // A panel's load is a reply like any other; its layout is only made if there is a problem to place.
    panels.onDidLoadRoom(({ roomId, room }) => {
      startListCheckNow();
      checkReply(roomId, room, () => layoutRoom(room));
    }),
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
    runner.register(CommandIds.checkRooms, async () => {
      startListCheckNow();
      return reportSummary(ui, await checkAllRooms({ connection, model, problems, ui, log }));
    }),
    runner.register(CommandIds.showOnlyRoomsWithProblems, () => setOnlyWithProblems(true)),
    runner.register(CommandIds.showAllRooms, () => setOnlyWithProblems(false)),
  );
  return {
    roomProblems(roomId) {
      const found = problems.forRoom(roomId);
      if (found.length === 0) {
        return undefined;
      }
      return { count: found.length, worst: found.some((problem) => problem.severity === 'error') ? 'error' : 'warning' };
    },
    onDidChangeProblems: problems.onDidChange,
  };
}
