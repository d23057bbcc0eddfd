import * as vscode from 'vscode';
import type { RoomSummary } from '../api/types';
import { CommandIds } from '../core/commandIds';
import type { CommandRunner } from '../core/commandRunner';
import type { Ui } from '../core/prompts';
import type { ServerConnection } from '../core/serverConnection';
import type { ContractOffer } from '../contract';
import type { PanelOffer } from '../panel';
import type { RoomsOffer } from '../rooms';
import type { BarSources, RoomProblems } from './timelineBars';
import { TIMELINE_VIEW_TYPE } from '../shared/timelineProtocol';
import { TimelinePanel } from './timelinePanel';
import { timelineSeam, type TimelineSeam } from './timelineSeam';

/** Recorded message arrivals per room (the history feature's reader fits this); optional until it is wired. */
export interface MessageArrivals {
  messageArrivals(serverUrl: string, roomId: string, limit: number): readonly number[];
  readonly onDidChange?: vscode.Event<void>;
}

/** What the timeline needs from the composition root. */
export interface TimelineServices {
  runner: CommandRunner;
  ui: Ui;
  log: vscode.LogOutputChannel;
  connection: Pick<ServerConnection, 'serverUrl'>;
  /** The Rooms view's list and its filter. */
  rooms: Pick<RoomsOffer, 'model' | 'onDidChangeList'>;
  /** The contract checks' problems, marked on the bars. */
  contract: ContractOffer;
  panels: Pick<PanelOffer['panels'], 'open'>;
  arrivals?: MessageArrivals;
}

export interface TimelineOffer {
  seam(): TimelineSeam;
}

const NO_PROBLEMS: RoomProblems = { badge: '', severity: 'none' };

/** The rooms the Rooms view's filters let through (all pages, not only those loaded into the tree), first entry per id. */
function shownRooms(rooms: TimelineServices['rooms']): RoomSummary[] {
  const byId = new Map<string, RoomSummary>();
  for (const room of rooms.model.listed) {
    if (!byId.has(room.id)) {
      byId.set(room.id, room);
    }
  }
  return rooms.model.shownRoomIds().flatMap((roomId) => byId.get(roomId) ?? []);
}

/** The Rooms Timeline: `showTimeline` opens (or reveals) its one panel, which follows the list, problems and arrivals. */
export function register(context: vscode.ExtensionContext, services: TimelineServices): TimelineOffer {
  const { runner, rooms, connection, arrivals, contract } = services;
  const sources: BarSources = {
    problems(roomId) {
      const found = contract.roomProblems(roomId);
      // The badge reads as the Rooms view's does.
      return found ? { badge: found.count > 9 ? '9+' : String(found.count), severity: found.worst } : NO_PROBLEMS;
    },
    arrivals: (roomId, limit) => (arrivals && connection.serverUrl ? arrivals.messageArrivals(connection.serverUrl, roomId, limit) : []),
  };
  let current: TimelinePanel | undefined;
  /** Opens the one panel, or fills the one VS Code restored after a reload; a second is never made. */
  const show = (restored?: vscode.WebviewPanel): void => {
    if (current) {
      restored?.dispose();
      current.panel.reveal();
      return;
    }
    const host = {
      ...services,
      extensionUri: context.extensionUri,
      sources,
      shownRooms: () => shownRooms(rooms),
      openRoom: (roomId: string) => services.panels.open(roomId),
      run: (label: string, action: () => Promise<unknown>) => runner.run(label, action),
    };
    const panel = new TimelinePanel(host, restored);
    current = panel;
    const follow = [
      rooms.onDidChangeList(() => panel.update()),
      contract.onDidChangeProblems(() => panel.update()),
      arrivals?.onDidChange?.(() => panel.update()),
    ];
    panel.onDidDispose(() => {
      follow.forEach((subscription) => subscription?.dispose());
      current = current === panel ? undefined : current;
    });
  };
  context.subscriptions.push(
    runner.register(CommandIds.showTimeline, () => show()),
    // The page keeps no state: the bars are resent from here, so a restore needs only the panel.
    vscode.window.registerWebviewPanelSerializer(TIMELINE_VIEW_TYPE, { deserializeWebviewPanel: async (restored) => show(restored) }),
    { dispose: () => current?.dispose() },
  );
  return { seam: () => timelineSeam(() => current) };
}
