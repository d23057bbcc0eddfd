import * as vscode from 'vscode';
import { buildPanelHtml, createNonce } from './panelHtml';

/**
 * Webview options for room panels: scripts on (our bundle), local files only from dist/ and
 * media/. No retainContextWhenHidden: a hidden panel's page is dropped and rebuilt from the
 * host's state when shown again, so dozens of open 100k-message panels cost no webview memory.
 */
export function roomWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    enableFindWidget: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/** Points a (new or restored) webview at our bundle, with a fresh nonce. */
export function setUpRoomWebview(webview: vscode.Webview, extensionUri: vscode.Uri): void {
  webview.options = roomWebviewOptions(extensionUri);
  webview.html = buildPanelHtml({
    cspSource: webview.cspSource,
    nonce: createNonce(),
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js')).toString(),
    styleUris: ['base.css', 'panel.css'].map((name) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', name)).toString()),
  });
}
