import * as vscode from 'vscode';
import { withSandbox } from '../../integration/support/fixtures';
import type { RoomsNode } from '../../../src/rooms/roomsTreeProvider';
import { formatMs, median, printTable } from '../stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);

/**
 * Refresh → first page of the tree ready, for 10,000 rooms, measured inside the extension
 * host: the time until the provider hands VS Code its 200 items plus "Load more…", each
 * rendered to a TreeItem, and how much the extension host's heap grew for it.
 */
export async function benchTree(): Promise<void> {
  const { api, dispose } = await withSandbox({ seed: { rooms: 10_000 } });
  try {
    await vscode.commands.executeCommand('worldclientRtc.rooms.focus');
    const heapBefore = heapUsed();
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      await vscode.commands.executeCommand('worldclientRtc.refresh');
      // Loaded by now: the answer is the rows themselves.
      const nodes = api.rooms.provider.getChildren() as RoomsNode[];
      nodes.forEach((node) => api.rooms.provider.getTreeItem(node));
      times.push(performance.now() - started);
      if (nodes.length !== 201) {
        throw new Error(`expected 201 tree items, got ${nodes.length}`);
      }
    }
    const heapAfter = heapUsed();
    printTable(`Tree: refresh → first page ready, 10,000 rooms (median of ${RUNS}, in the extension host)`, [
      ['first page ready', formatMs(median(times))],
      [
        'extension host heap growth',
        `${((heapAfter - heapBefore) / 1024 / 1024).toFixed(1)} MiB (with ${api.rooms.model.total.toLocaleString('en-US')} rooms held)`,
      ],
    ]);
  } finally {
    await dispose();
  }
}

function heapUsed(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}
