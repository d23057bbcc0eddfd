// Entry of the Rooms Timeline's page (bundled by esbuild.js to dist/timeline.js).
import { TimelineApp } from './timelineApp';
import { TimelineBridge } from './timelineBridge';

const host = new TimelineBridge();
const root = document.getElementById('timeline');
if (root) {
  const app = new TimelineApp(root, host);
  host.listen((message, receivedAt) => app.show(message, receivedAt));
  host.post({ type: 'ready' });
}
