import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { setSetting, waitFor, withSandbox } from '../../integration/support/fixtures';
import type { RoomsNode } from '../../../src/rooms/roomsTreeProvider';
import { formatMs, median, printTable } from '../stats';
import { sentValue } from '../../../src/api/shapes';
import { layoutRoom } from '../../../src/core/rooms/roomDocuments';
import { layoutRoomDocument } from '../../../src/shared/roomDocument';
import { foldUnchangedMessages } from '../../../src/shared/foldUnchangedMessages';
import { checkRoomList } from '../../../src/shared/contract/roomChecks';
import { RULE_IDS } from '../../../src/shared/contract/rules';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);

/**
 * What the contract checks cost where a user feels it: refresh → first page of 10,000 rooms
 * with every rule on against every rule off (then the list is not even read), alternating
 * so both see the same machine load.
 */
export async function benchListChecks(): Promise<void> {
  const { api, dispose } = await withSandbox({ seed: { rooms: 10_000, contractBreaking: true } });
  try {
    await vscode.commands.executeCommand('worldclientRtc.rooms.focus');
    const on: number[] = [];
    const off: number[] = [];

    const refreshToFirstPage = async (): Promise<number> => {
      const started = performance.now();
      await vscode.commands.executeCommand('worldclientRtc.refresh');
      (api.rooms.provider.getChildren() as RoomsNode[]).forEach((node) => api.rooms.provider.getTreeItem(node));
      return performance.now() - started;
    };
    for (let run = 0; run < RUNS; run++) {
      await setSetting('contract.disabledRules', RULE_IDS);
      off.push(await refreshToFirstPage());
      await setSetting('contract.disabledRules', undefined);
      await waitFor(
        () => api.rooms.provider.annotations?.decoration('break-room-members-separator') !== undefined,
        'the checks after turning the rules on',
      );
      on.push(await refreshToFirstPage());
    }
    // The checks themselves, on the very list the view holds (they run after the first page, in slices).
    const checks: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      checkRoomList(api.rooms.model.listed, { now: Date.now(), read: sentValue });
      checks.push(performance.now() - started);
    }
    const added = median(on) / median(off) - 1;
    printTable(`Contract: refresh → first page, 10,000 rooms (median of ${RUNS}, in the extension host)`, [
      ['every rule off (no list check)', formatMs(median(off))],
      ['every rule on (list checks, diagnostics, badges)', formatMs(median(on))],
      ['added by the checks', `${(added * 100).toFixed(1)} % (target ≤ 10 %)`],
      ['the list checks alone, run after the first page', formatMs(median(checks))],
    ]);
  } finally {
    await setSetting('contract.disabledRules', undefined);
    await dispose();
  }
}

/** "Check Rooms" over a server of 1,000 rooms of 100 messages, end to end through the command. */
export async function benchCheckRooms(): Promise<void> {
  const { api, ui, dispose } = await withSandbox({ seed: { rooms: 1_000, messagesPerRoom: 100 } });
  try {
    const started = performance.now();
    const summary = (await vscode.commands.executeCommand('worldclientRtc.checkRooms')) as { checked: number; problems: number };
    const elapsed = performance.now() - started;
    await ui.waitForMessage(/^Checked /);
    printTable('Contract: Check Rooms, 1,000 rooms × 100 messages (one run, in the extension host)', [
      ['rooms checked', `${summary.checked} (${summary.problems} problems; ${api.rooms.model.total} listed)`],
      ['time, list refresh included', formatMs(elapsed)],
    ]);
  } finally {
    await dispose();
  }
}

/**
 * A 100,000-message room against an export of it with one message less: command → diff editor
 * open, with long unchanged stretches folded (the default) and, for reference, with folding off.
 */
export async function benchBigDiff(): Promise<void> {
  const { api, ui, dispose } = await withSandbox({ seed: { bigRoom: { id: 'big', messages: 100_000 } } });
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wcrtc-bench-'));
  try {
    const text = (await vscode.workspace.openTextDocument(vscode.Uri.parse('worldclient-rtc:/big.json'))).getText();
    const room = JSON.parse(text) as { messages: unknown[] };
    const file = path.join(folder, 'big.json');
    fs.writeFileSync(file, JSON.stringify({ ...room, messages: room.messages.slice(0, -1) }));
    const commandToDiff = async (): Promise<number> => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      ui.pick((label) => label.startsWith('A JSON file'));
      ui.nextUri.push(vscode.Uri.file(file));
      const started = performance.now();
      await vscode.commands.executeCommand('worldclientRtc.compareRoom', 'big');
      await waitFor(() => vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputTextDiff, 'the diff editor');
      return performance.now() - started;
    };
    const times: number[] = [];
    for (let run = 0; run < 3; run++) {
      times.push(await commandToDiff());
    }
    // Our share of it: fetching the room, laying out both sides' JSON and folding them.
    const ours: number[] = [];
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      const fetched = await api.connection.api().getRoom('big');
      const serverText = layoutRoom(fetched).text;
      const fileText = layoutRoomDocument(
        room,
        (field) => (room as Record<string, unknown>)[field],
        room.messages.slice(0, -1) as never,
      ).text;
      foldUnchangedMessages(fileText, serverText, { context: 3, describeFold: () => '    // folded' });
      ours.push(performance.now() - started);
    }
    // Last, so its two 18.6 MB documents do not weigh on the figures above.
    await setSetting('compare.foldUnchangedAbove', 0);
    const unfolded = await commandToDiff();
    await setSetting('compare.foldUnchangedAbove', undefined);
    printTable('Compare: a 100,000-message room with a file, command → diff editor open (median of 3)', [
      ['time (fetching the room included)', `${formatMs(median(times))} (target < 2 s)`],
      ['of which fetching the room, laying out both sides and folding them', formatMs(median(ours))],
      ['the same with compare.foldUnchangedAbove 0 (both whole 18.6 MB sides), one run', formatMs(unfolded)],
    ]);
  } finally {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(folder, { recursive: true, force: true });
    await dispose();
  }
}
