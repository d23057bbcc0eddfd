import type { WebviewMessage } from '../shared/protocol';
import { visibleId } from '../shared/inertText';
import type { RoomPanel } from './roomPanel';
import type { RoomPanelHost } from './roomPanelHost';

/** Answers one checked message of a panel's webview: rows, details, search, copy, actions, Watch, timings, log lines. */
export function answerWebview(panel: RoomPanel, host: RoomPanelHost, message: WebviewMessage): void {
  switch (message.type) {
    case 'ready':
      panel.timings.noteWebviewReady();
      panel.page.reloaded();
      panel.sendState();
      return;
    case 'requestRows':
      panel.page.sendRows(message.viewVersion, message.start, message.count);
      return;
    case 'requestDetail':
      panel.page.sendDetail(message.viewVersion, message.position);
      return;
    case 'search':
      panel.model.search(message.query);
      panel.page.searched();
      panel.sendState();
      return;
    case 'sort':
      panel.model.sort(message.order);
      panel.page.searched();
      panel.sendState();
      return;
    case 'copy': {
      // The position is in the list the webview saw: a list changed since then copies nothing rather than the wrong message.
      const copied = message.viewVersion === panel.model.viewVersion ? panel.model.messageAt(message.position) : undefined;
      if (!copied) {
        host.log.info(`Room panel "${visibleId(panel.roomId)}": nothing copied, the list changed meanwhile; copy again.`);
        return;
      }
      void host.copy(copied[message.field]);
      return;
    }
    case 'action':
      void host.runAction(panel, message.action);
      return;
    case 'setWatch':
      panel.setWatching(message.enabled);
      return;
    case 'rendered':
      panel.page.noteRendered(message);
      return;
    case 'log':
      host.log[message.level](`Room panel "${visibleId(panel.roomId)}" webview: ${message.message}`);
      return;
  }
}
