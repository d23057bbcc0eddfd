/**
 * Where the click → first rows time goes (issue 22): the first-rows bench's window loads, with a CPU
 * profile of the extension host (its inspector opened by SIGUSR1, as `node --inspect` would) and of
 * the workbench page (Chrome DevTools protocol), from just before the click to a second after the rows.
 *   npx tsc -p . && flock /tmp/wcrtc-vscode.lock node out/test/bench/firstRowsProfile.js [out-folder]
 * Writes <out-folder>/<run>-{host,page}.cpuprofile (open them in DevTools), <run>-times.json (the click, the
 * first row in the DOM and its paint, in the profiles' microseconds) and prints, per run, where
 * each process spent the click → painted window (test/bench/cpuProfileSummary.ts).
 * BENCH_FIRST_ROWS_RUNS loads per extension (default 2); WORLDCLIENT_RTC_BENCH_VSIX as in the bench.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { runAllCleanups } from '../runner/processes';
import { repoRoot } from '../runner/workspace';
import { extensionHostPid } from './extensionHostProcess';
import { summarizeProfile, type CpuProfile } from './cpuProfileSummary';
import { clickForRows, floor, openFirstRowsWorkbench, ours, reloadWindow } from './firstRowsBench';

// playwright-core bundles ws; Node 20 has no WebSocket client of its own.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ws: WebSocket } = require('playwright-core/lib/utilsBundle') as { ws: new (url: string) => NodeSocket };
interface NodeSocket {
  on(event: 'message', listener: (data: Buffer) => void): void;
  once(event: 'open' | 'error', listener: (error?: Error) => void): void;
  send(data: string): void;
  close(): void;
}

const RUNS = Number(process.env.BENCH_FIRST_ROWS_RUNS ?? 2);
const INSPECTOR_PORT = 9229;
const AFTER_ROWS_MS = 1_000;

/** Milliseconds since the epoch of a CLOCK_MONOTONIC time in microseconds (V8's and Chromium's profile clock). */
function epochOfMonotonicUs(us: number): number {
  const nowUs = Number(process.hrtime.bigint() / 1000n);
  return performance.timeOrigin + performance.now() - (nowUs - us) / 1000;
}

/** The inverse: the CLOCK_MONOTONIC microseconds of an epoch time in milliseconds. */
function monotonicUsOfEpoch(epochMs: number): number {
  const nowUs = Number(process.hrtime.bigint() / 1000n);
  return nowUs - (performance.timeOrigin + performance.now() - epochMs) * 1000;
}

function inspectorUrl(): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(`http://127.0.0.1:${INSPECTOR_PORT}/json/list`, (reply) => {
        let body = '';
        reply.on('data', (chunk: Buffer) => (body += chunk.toString()));
        reply.on('end', () => resolve((JSON.parse(body) as { webSocketDebuggerUrl: string }[])[0].webSocketDebuggerUrl));
      })
      .on('error', reject);
  });
}

/** A minimal Chrome DevTools protocol client over the inspector's WebSocket. */
async function connectInspector(pid: number): Promise<{ send(method: string, params?: object): Promise<unknown>; close(): void }> {
  process.kill(pid, 'SIGUSR1');
  let url: string | undefined;
  for (let attempt = 0; !url; attempt++) {
    url = await inspectorUrl().catch((error: unknown) => {
      if (attempt > 50) {
        throw error;
      }
      return new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 100));
    });
  }
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const waiting = new Map<number, (result: unknown) => void>();
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as { id?: number; result?: unknown };
    if (message.id !== undefined) {
      waiting.get(message.id)?.(message.result);
    }
  });
  let next = 1;
  return {
    send: (method, params = {}) =>
      new Promise((resolve) => {
        const id = next++;
        waiting.set(id, resolve);
        socket.send(JSON.stringify({ id, method, params }));
      }),
    close: () => socket.close(),
  };
}

async function main(): Promise<void> {
  const out = process.argv[2] ?? path.join(repoRoot, 'test-artifacts', 'first-rows-profiles');
  fs.mkdirSync(out, { recursive: true });
  const vsix = process.env.WORLDCLIENT_RTC_BENCH_VSIX ?? path.join(repoRoot, '.vscode-test', 'worldclient-rtc.vsix');
  const opened = await openFirstRowsWorkbench(vsix, process.env.WORLDCLIENT_RTC_OFFLINE_VSCODE ?? '1.100.3');
  try {
    for (let run = 0; run < 2 * RUNS; run++) {
      const measured = run % 4 === 0 || run % 4 === 3 ? ours : floor;
      await reloadWindow(opened.page);
      const host = await connectInspector(extensionHostPid(`=${opened.serverUrl}`));
      const page = await opened.page.context().newCDPSession(opened.page);
      for (const target of [host, page]) {
        await target.send('Profiler.enable');
        await target.send('Profiler.setSamplingInterval', { interval: 200 });
      }
      await opened.page.waitForTimeout(1_000);
      await host.send('Profiler.start');
      await page.send('Profiler.start');
      const start = await clickForRows(opened.page, measured);
      await opened.page.waitForTimeout(AFTER_ROWS_MS);
      const pageOrigin = await opened.page.evaluate<number>('performance.timeOrigin');
      const hostProfile = ((await host.send('Profiler.stop')) as { profile: CpuProfile }).profile;
      const pageProfile = (await page.send('Profiler.stop')).profile as CpuProfile;
      host.close();
      await page.detach();
      const name = `${run}-${measured === ours ? 'ours' : 'floor'}`;
      fs.writeFileSync(path.join(out, `${name}-host.cpuprofile`), JSON.stringify(hostProfile));
      fs.writeFileSync(path.join(out, `${name}-page.cpuprofile`), JSON.stringify(pageProfile));
      const click = pageOrigin + start.clickAt;
      // The click and the rows on the profiles' own clock, for reading a stretch of either profile afterwards.
      const times = { clickUs: monotonicUsOfEpoch(click), inDomUs: monotonicUsOfEpoch(pageOrigin + start.inDom) };
      fs.writeFileSync(
        path.join(out, `${name}-times.json`),
        JSON.stringify({ ...times, paintedUs: monotonicUsOfEpoch(pageOrigin + start.painted) }),
      );
      const window = { from: click, to: pageOrigin + start.painted };
      console.log(
        `\n${name}: click → rows in the DOM ${(start.inDom - start.clickAt).toFixed(0)} ms,` +
          ` painted ${(start.painted - start.clickAt).toFixed(0)} ms`,
      );
      for (const [label, profile] of [
        ['extension host', hostProfile],
        ['workbench page', pageProfile],
      ] as const) {
        console.log(summarizeProfile(profile, window, epochOfMonotonicUs, label));
      }
    }
  } finally {
    await opened.close();
  }
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => runAllCleanups());
