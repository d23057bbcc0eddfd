import * as assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { runCli } from '../../../src/cli/main';
import { exportAll, parityKey, SERVER_ONLY_RULES, type ParityFinding } from '../../support/cliParity';
import { breakingRoomId } from '../../sandbox/contractBreakingSeed';
import { waitFor, withSandbox, type SandboxSession } from '../support/fixtures';
import { refreshRooms } from '../support/tree';
import { roomDocumentUri } from '../../../src/core/rooms/roomDocuments';

const SCHEME = 'worldclient-rtc';
const CONTRACT_FILE = '.vscode/worldclient-rtc.contract.json';

/**
 * What the Problems panel shows, as parity keys: the room from the document, the field from what the
 * diagnostic underlines; a field the server left out is marked on the document's first line (and
 * the empty id has no document), so its key says only `?` for the field.
 */
async function problemsPanel(): Promise<string[]> {
  const findings: string[] = [];
  for (const [uri, diagnostics] of vscode.languages.getDiagnostics().filter(([uri]) => uri.scheme === SCHEME)) {
    const roomId = decodeURIComponent(uri.path.replace(/^\//, '').replace(/\.jsonc?$/, ''));
    const lines = (await vscode.workspace.openTextDocument(uri)).getText().split('\n');
    const firstMessage = lines.findIndex((line) => line.startsWith('  "messages": [')) + 1;
    for (const diagnostic of diagnostics) {
      const { line, character } = diagnostic.range.start;
      const text = lines[line] as string | undefined;
      const ruleId = String(diagnostic.code);
      // The room listed under the empty id has no document to show (it cannot be asked for).
      if (line === 0 || text === undefined || lines[0] !== '{') {
        findings.push(`${ruleId} ${roomId} ?`);
        continue;
      }
      const location = text.startsWith('    {"id": ')
        ? { kind: 'message', index: line - firstMessage, field: /"(\w+)": $/.exec(text.slice(0, character))?.[1] ?? '' }
        : { kind: 'room', field: /^ {2}"(\w+)"/.exec(text)?.[1] ?? '' };
      findings.push(parityKey({ ruleId, roomId, location }));
    }
  }
  return findings;
}

/** `worldclient-rtc-check` in this process (the child-process runs are the unit suite's), its JSON report's findings. */
async function cli(args: string[], session: string): Promise<{ code: number; findings: ParityFinding[] }> {
  let stdout = '';
  const io = {
    env: { WORLDCLIENT_RTC_SESSION: session },
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => assert.fail(text) },
    cwd: tmpdir(),
    now: Date.now,
  };
  const code = await runCli(['check', ...args, '--format', 'json'], io, 'test');
  return { code, findings: (JSON.parse(stdout) as { findings: ParityFinding[] }).findings };
}

describe('The contract in CI: Problems panel, check --server and check --file agree; the contract file', function () {
  this.timeout(180_000);
  let session: SandboxSession | undefined;
  let folder: string;

  beforeEach(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'wcrtc-parity-'));
  });
  afterEach(async () => {
    const workspace = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (workspace) {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspace, CONTRACT_FILE)).then(undefined, () => undefined);
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await session?.dispose();
    session = undefined;
    await rm(folder, { recursive: true, force: true });
  });

  for (const seed of [{ contractBreaking: true }, { sample: true }]) {
    const title = seed.sample
      ? 'the clean seed: none anywhere'
      : 'the contract-breaking seed: the same findings (rule, room, field) in all three';
    it(title, async () => {
      session = await withSandbox({ seed });
      await refreshRooms(session.api);
      await vscode.commands.executeCommand('worldclientRtc.checkRooms');
      await session.ui.waitForMessage(/^Checked \d+ rooms against the API contract/);
      const panel = (await problemsPanel()).sort();
      const unplaced = new Set(panel.filter((key) => key.endsWith(' ?')).map((key) => key.slice(0, -2)));
      const keyOf = (finding: ParityFinding) =>
        unplaced.has(`${finding.ruleId} ${finding.roomId}`) ? `${finding.ruleId} ${finding.roomId} ?` : parityKey(finding);
      const server = await cli(['--server', session.sandbox.url], session.sandbox.session);
      assert.deepEqual(server.findings.map(keyOf).sort(), panel, 'check --server against the Problems panel');
      const file = path.join(folder, 'rooms.json');
      await exportAll(session.sandbox, file);
      const fromFile = await cli(['--file', file], session.sandbox.session);
      assert.deepEqual(
        fromFile.findings.map(keyOf).sort(),
        panel.filter((key) => !SERVER_ONLY_RULES.has(key.split(' ')[0])),
      );
      if (seed.sample) {
        assert.deepEqual([panel, server.code, fromFile.code], [[], 0, 0]);
      } else {
        assert.ok(panel.length >= 23, panel.join('\n'));
      }
    });
  }

  it("the contract file: rules off and the team's rules in the Problems panel; a rule that does not compile on the file", async () => {
    const workspace = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(workspace, 'the test run opens a folder');
    session = await withSandbox({ seed: { contractBreaking: true } });
    await refreshRooms(session.api);
    const separator = breakingRoomId('room/members-separator');
    const codesOf = (roomId: string) => vscode.languages.getDiagnostics(roomDocumentUri(roomId)).map((diagnostic) => diagnostic.code);
    await waitFor(() => codesOf(separator).length > 0, 'the list checks');
    const file = vscode.Uri.joinPath(workspace, CONTRACT_FILE);
    const contract = {
      rules: { 'room/members-separator': 'off' },
      customRules: [
        {
          id: 'no-semicolons',
          appliesTo: 'room',
          description: 'No ";" in members',
          schema: { properties: { members: { not: { pattern: ';' } } } },
        },
      ],
    };
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(JSON.stringify(contract, null, 2)));
    await waitFor(() => codesOf(separator).join() === 'custom/no-semicolons', "the team's rule in place of ours");
    const broken = { customRules: [{ id: 'typo', appliesTo: 'message', description: 'x', schema: { typ: 'string' } }] };
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(JSON.stringify(broken, null, 2)));
    await waitFor(() => vscode.languages.getDiagnostics(file).length > 0, 'the problem on the contract file');
    const [onFile] = vscode.languages.getDiagnostics(file);
    assert.match(onFile.message, /^The rule "custom\/typo" does not compile: strict mode: unknown keyword: "typ"/);
    const document = await vscode.workspace.openTextDocument(file);
    assert.equal(document.getText(onFile.range).replace(/\s+/g, ''), '{"typ":"string"}', 'underlines the schema');
    await waitFor(() => codesOf(separator).join() === 'room/members-separator', 'our rule back once the file has no valid rules');
  });

  it('a contract file caught half-written is not called broken; one that stays cut off is, a moment later', async () => {
    const workspace = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(workspace, 'the test run opens a folder');
    const file = vscode.Uri.joinPath(workspace, CONTRACT_FILE);
    // Every problem ever shown on the file, not only the last ones.
    const shownOnFile: string[] = [];
    const recorder = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((uri) => uri.toString() === file.toString())) {
        shownOnFile.push(...vscode.languages.getDiagnostics(file).map((diagnostic) => diagnostic.message));
      }
    });
    try {
      const whole = JSON.stringify({ customRules: [{ id: 'typo', appliesTo: 'message', description: 'x', schema: { typ: 'string' } }] });
      // A save that takes a while: the file is first there cut off, its end written 150 ms later (the
      // extension reads the first version on its change event).
      await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(whole.slice(0, 20)));
      await new Promise((resolve) => setTimeout(resolve, 150));
      await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(whole));
      await waitFor(() => vscode.languages.getDiagnostics(file).length > 0, "the whole file's problem");
      assert.match(vscode.languages.getDiagnostics(file)[0].message, /^The rule "custom\/typo" does not compile/);
      assert.deepEqual(
        shownOnFile.filter((message) => message.includes('not valid JSON')),
        [],
        'the half-written file was never shown as broken',
      );
      await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(whole.slice(0, 20)));
      await waitFor(
        () =>
          vscode.languages.getDiagnostics(file).some((diagnostic) => diagnostic.message.startsWith('The contract file is not valid JSON')),
        'a file that stays cut off named as broken',
      );
    } finally {
      recorder.dispose();
    }
  });

  it('a fixture file is checked as it is edited: each problem on the offending value, gone once fixed', async () => {
    const workspace = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(workspace, 'the test run opens a folder');
    const uri = vscode.Uri.joinPath(workspace, 'fixtures', 'chat.rooms.json');
    const rooms = [{ id: 'r1', started: '2025-01-01T00:00:00Z', ended: '', members: 'a@x.org;b@x.org', hasMessages: false, messages: [] }];
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(rooms, null, 2)));
    try {
      const document = await vscode.workspace.openTextDocument(uri);
      const ours = () => vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'WorldClient RTC contract');
      await waitFor(() => ours().length > 0, "the fixture's problem");
      const shown = ours().map((diagnostic) => [diagnostic.code, document.getText(diagnostic.range)]);
      assert.deepEqual(shown, [['room/members-separator', '"a@x.org;b@x.org"']]);
      const edit = new vscode.WorkspaceEdit();
      edit.replace(uri, ours()[0].range, '"a@x.org,b@x.org"');
      assert.ok(await vscode.workspace.applyEdit(edit));
      await waitFor(() => ours().length === 0, 'the problem to go once fixed, before the file is saved');
      await document.save();
    } finally {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspace, 'fixtures'), { recursive: true });
    }
  });
});
