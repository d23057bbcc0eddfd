// Entry of the room panel's webview script (bundled by esbuild.js to dist/webview.js).
import { RoomApp } from './app';
import { markForBenchmark } from './benchmarkMarks';
import { HostBridge } from './hostBridge';

markForBenchmark('scriptStart');
const host = new HostBridge();
host.reportErrors();
const root = document.getElementById('app');
if (root) {
  const app = new RoomApp(root, host);
  host.listen((message) => app.handle(message));
  host.post({ type: 'ready' });
}
