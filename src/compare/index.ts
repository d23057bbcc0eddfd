import * as vscode from 'vscode';
import { CommandIds } from '../core/commandIds';
import type { CommandRunner } from '../core/commandRunner';
import type { FeatureLinks } from '../core/featureLinks';
import type { PanelOffer } from '../panel';
import type { RoomsOffer } from '../rooms';
import type { ServerConnection } from '../core/serverConnection';
import type { SnapshotStore } from '../core/snapshotStore';
import type { HistoryRecorder } from '../core/history/historyRecorder';
import type { Ui } from '../core/prompts';
import { compareFileWithServer, compareRoom, type CompareDeps } from './compareCommands';
import { COMPARISON_SCHEME, ComparisonDocuments } from './comparisonDocuments';
import { PanelBaselines } from './roomStates';

export interface CompareServices {
  runner: CommandRunner;
  ui: Ui;
  connection: ServerConnection;
  /** The rooms feature's list: the other rooms "Compare with…" offers. */
  rooms: Pick<RoomsOffer, 'model'>;
  snapshots: SnapshotStore;
  /** The open room panels: which are open, when one loads its room, and showing problems in one. */
  panels: PanelOffer['panels'];
  links: FeatureLinks;
  /** The message history: the recorded points "Compare with…" offers. */
  history: Pick<HistoryRecorder, 'room'>;
}

/** "Compare with…" on a room and "Compare with Server" on an exported file, in VS Code's diff editor. */
export function register(context: vscode.ExtensionContext, services: CompareServices): void {
  const { runner, panels, links } = services;
  const documents = new ComparisonDocuments();
  const baselines = new PanelBaselines();
  const deps: CompareDeps = { ...services, documents, baselines };
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(COMPARISON_SCHEME, documents),
    panels.onDidLoadRoom(({ roomId, room }) => {
      baselines.keepOnly(panels.openRoomIds());
      baselines.record(roomId, room);
    }),
    runner.register(CommandIds.compareRoom, (argument, selection) => compareRoom(deps, argument, selection)),
    links.provide(
      'compareRoom',
      runner.wrap(CommandIds.compareRoom, (roomId: string) => compareRoom(deps, roomId, undefined)),
    ),
    runner.register(CommandIds.compareWithServer, (uri) => compareFileWithServer(deps, uri)),
  );
}
