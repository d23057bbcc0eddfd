import * as vscode from 'vscode';

/** Rows a room panel has on screen when it opens (the floor shows as many). */
const FIRST_ROWS = 35;

export interface FloorServer {
  readonly url: string;
  readonly session: string;
}

/** The same GET our client sends (path style, session in the header), parsed whole. */
export async function fetchJson<T>(server: FloorServer, path: string): Promise<T> {
  const headers = { Accept: 'application/json', Authorization: `Bearer ${server.session}` };
  const reply = await fetch(`${server.url}/WorldClientAPI/rtc/${path}`, { headers });
  return JSON.parse(await reply.text()) as T;
}

export function fetchRoom(server: FloorServer, roomId: string): Promise<{ messages?: { id: string; data: string }[] }> {
  return fetchJson(server, `rooms/${encodeURIComponent(roomId)}`);
}

/**
 * The room panel's floor (test/bench/panelBench.ts): a webview opened at once, one fetch of the
 * room, JSON.parse, and the first 35 messages posted to it as text rows. The page stamps the
 * moment its rows are in, as our panel does (data-first-rows-at), and shows the id where the
 * bench looks for it (.fact-id).
 */
export async function openFloorPanel(server: FloorServer, roomId: string): Promise<void> {
  const panel = vscode.window.createWebviewPanel('activationFloor.room', roomId, vscode.ViewColumn.Active, { enableScripts: true });
  panel.webview.html = `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'">
</head><body><div class="fact-id"></div><div id="rows"></div><script>
window.addEventListener('message', (event) => {
  document.querySelector('.fact-id').textContent = event.data.roomId;
  const rows = document.getElementById('rows');
  for (const message of event.data.rows) {
    const row = document.createElement('div');
    row.className = 'row';
    row.textContent = message.id + ' ' + message.data;
    rows.appendChild(row);
  }
  document.documentElement.dataset.firstRowsAt = String(Date.now());
});
</script></body></html>`;
  const room = await fetchRoom(server, roomId);
  const rows = (room.messages ?? []).slice(0, FIRST_ROWS).map((message) => ({ id: message.id, data: message.data }));
  await panel.webview.postMessage({ roomId, rows });
}
