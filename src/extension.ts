import * as vscode from 'vscode';
import * as compare from './compare';
import * as contract from './contract';
import { CommandRunner } from './core/commandRunner';
import { FeatureLinks } from './core/featureLinks';
import { SwitchableUi } from './core/prompts';
import { RequestLog } from './core/requestLog';
import { windowRunnerHost } from './core/runnerHost';
import { ServerConnection } from './core/serverConnection';
import { SessionStore } from './core/sessionStore';
import { SettingsProblemLog } from './core/settings';
import { SNAPSHOT_RETENTION_MS, SnapshotStore } from './core/snapshotStore';
import { scheduleOldCodeCacheRemoval } from './leftovers';
import * as history from './history';
import * as messages from './messages';
import * as panel from './panel';
import * as rooms from './rooms';
import * as sessionFeature from './session';
import { testSeams, type WorldClientRtcApi } from './testSeams';
import * as timeline from './timeline';

/**
 * The composition root: builds the services every feature shares, then makes one register()
 * call per feature (each builds its own parts and pushes its disposables to context.subscriptions).
 * What one feature offers another is its register()'s result, handed on here, or a FeatureLinks action.
 */
export async function activate(context: vscode.ExtensionContext): Promise<WorldClientRtcApi | undefined> {
  const log = vscode.window.createOutputChannel('WorldClient RTC', { log: true });
  const ui = new SwitchableUi();
  const links = new FeatureLinks();
  const requestLog = new RequestLog(log);
  const sessions = new SessionStore(context.secrets);
  const recorder = history.createHistoryRecorder(context, log);
  const connection = new ServerConnection(sessions, requestLog, log, (serverUrl, observation) => recorder.observe(serverUrl, observation));
  const session = { signInAgain: () => links.run('signInAgain'), signIn: () => links.run('signIn') };
  const runner = new CommandRunner(ui, log, session, windowRunnerHost());
  const deletedFolder = vscode.Uri.joinPath(context.globalStorageUri, 'deleted').fsPath;
  const snapshots = new SnapshotStore(deletedFolder, Date.now, SNAPSHOT_RETENTION_MS, (message) => log.warn(message));
  context.subscriptions.push(log, links, sessions, connection, new SettingsProblemLog(log));
  await connection.initialize();

  const core = { runner, ui, connection, log, links, snapshots, history: recorder };
  sessionFeature.register(context, { ...core, sessions, requestLog });
  messages.register(context, core);
  const roomsOffer = rooms.register(context, core);
  const panelOffer = panel.register(context, { ...core, extensionUri: context.extensionUri, rooms: roomsOffer });
  const withRoomsAndPanels = { ...core, rooms: roomsOffer, panels: panelOffer.panels };
  const contractOffer = contract.register(context, withRoomsAndPanels);
  compare.register(context, withRoomsAndPanels);
  const historyOffer = history.register(context, withRoomsAndPanels);
  const timelineOffer = timeline.register(context, { ...withRoomsAndPanels, contract: contractOffer, arrivals: recorder });
  if (context.globalStorageUri.scheme === 'file') {
    context.subscriptions.push(scheduleOldCodeCacheRemoval(context.globalStorageUri.fsPath));
  }
  return testSeams(context, { ui, connection, rooms: roomsOffer, panel: panelOffer, history: historyOffer, timeline: timelineOffer });
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
