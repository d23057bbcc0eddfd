import type { ExtensionContext, ExtensionMode, Memento, SecretStorage } from 'vscode';
import type { SwitchableUi } from './core/prompts';
import type { ServerConnection } from './core/serverConnection';
import type { HistoryOffer } from './history';
import type { PanelOffer } from './panel';
import type { RoomPanelsSeam } from './panel/roomPanelsSeam';
import type { RoomsOffer } from './rooms';
import type { TimelineOffer } from './timeline';
import type { TimelineSeam } from './timeline/timelineSeam';

/** vscode.ExtensionMode.Test (an API value), so this module loads without VS Code in unit tests. */
const TEST_MODE = 3 as ExtensionMode;

/**
 * Whether activate() hands out its test seams (the prompts, the connection, the panels). Those
 * reach the session, so any other extension calling `getExtension(…).activate()` would get it:
 * they exist only in VS Code's Test mode (`context.extensionMode`), which VS Code gives the
 * extension under test and no other extension can set. Nothing else turns them on: an
 * environment variable or a setting can be changed by any extension sharing our process.
 */
export function testSeamsEnabled(extensionMode: ExtensionMode): boolean {
  return extensionMode === TEST_MODE;
}

/**
 * The seams the integration tests drive. They reach the session (connection) and can replace
 * the prompts (ui.use), so activate() returns them only to our tests (see testSeamsEnabled); to
 * any other caller, in production, activate() returns undefined.
 */
export interface WorldClientRtcApi {
  readonly ui: SwitchableUi;
  readonly connection: ServerConnection;
  readonly rooms: Pick<RoomsOffer, 'model' | 'provider' | 'view'>;
  /**
   * Where our log files, state and global storage (deleted rooms) live, so tests
   * can prove no secret reaches them and find what we keep; and the SecretStorage, so a test can
   * change a stored session as another window would.
   */
  readonly storage: {
    readonly logDirectory: string;
    readonly globalStorageDirectory: string;
    readonly globalState: Memento;
    readonly secrets: SecretStorage;
  };
  /** Open room panels: what they show, and a way to talk to them as their webview would. */
  readonly panels: RoomPanelsSeam;
  /** The Rooms Timeline panel: what its page drew, and a way to talk to it as its page would. */
  readonly timeline: TimelineSeam;
  /** The Rooms view's "new" counts (the badge and tooltip a user sees). */
  readonly history: HistoryOffer;
}

/** The seams of one activation, or undefined outside VS Code's Test mode. */
export function testSeams(
  context: ExtensionContext,
  parts: {
    ui: SwitchableUi;
    connection: ServerConnection;
    rooms: RoomsOffer;
    panel: PanelOffer;
    history: HistoryOffer;
    timeline: TimelineOffer;
  },
): WorldClientRtcApi | undefined {
  if (!testSeamsEnabled(context.extensionMode)) {
    return undefined;
  }
  const { ui, connection, rooms, panel, history, timeline } = parts;
  const storage = {
    logDirectory: context.logUri.fsPath,
    globalStorageDirectory: context.globalStorageUri.fsPath,
    globalState: context.globalState,
    secrets: context.secrets,
  };
  return {
    ui,
    connection,
    rooms: { model: rooms.model, provider: rooms.provider, view: rooms.view },
    storage,
    panels: panel.seam(),
    timeline: timeline.seam(),
    history,
  };
}
