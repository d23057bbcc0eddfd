import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { EXTENSION_ID } from '../support/extensionId';
import { waitFor } from '../integration/support/fixtures';

/**
 * The installed VSIX, in VS Code's Production mode, driven only through what any extension can
 * use: the extensions API, the package's files, our commands and the configuration API. It gets
 * no test seams, so nothing here signs in: test/ui/otherExtension.ui.test.ts signs in to the
 * same installed package through the workbench's own prompts, lists the rooms and opens one.
 */
describe('The packaged extension (VSIX)', function () {
  this.timeout(120_000);
  let sandbox: Sandbox | undefined;
  after(async () => {
    await vscode.workspace.getConfiguration('worldclientRtc').update('serverUrl', undefined, vscode.ConfigurationTarget.Global);
    await sandbox?.stop();
  });

  function installed(): vscode.Extension<unknown> {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, 'the VSIX is installed');
    return extension;
  }

  it('is the installed VSIX, not the development folder', () => {
    const repoRoot = path.resolve(__dirname, '..', '..', '..');
    assert.ok(!installed().extensionPath.startsWith(repoRoot), `loaded from ${installed().extensionPath}`);
  });

  it('hands nothing to a caller of activate(), even one that set WORLDCLIENT_RTC_TEST_SEAMS=1 first', async () => {
    // As another extension could, before it activates us: the test seams exist only in Test mode.
    process.env.WORLDCLIENT_RTC_TEST_SEAMS = '1';
    try {
      assert.equal(await installed().activate(), undefined);
      assert.equal(installed().exports, undefined);
    } finally {
      delete process.env.WORLDCLIENT_RTC_TEST_SEAMS;
    }
  });

  it("is one bundle VS Code loads itself (its deactivate() is ours), with undici, ajv, both pages' scripts and the package scope", () => {
    const extension = installed();
    const main = path.join(extension.extensionPath, (extension.packageJSON as { main: string }).main);
    assert.equal(path.relative(extension.extensionPath, main), path.join('dist', 'extension.js'));
    const dist = path.join(extension.extensionPath, 'dist');
    assert.deepEqual(fs.readdirSync(dist).sort(), ['ajv.js', 'extension.js', 'package.json', 'timeline.js', 'undici.js', 'webview.js']);
    // Without it, Node would parse the whole manifest for its "type" as VS Code loads us.
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(dist, 'package.json'), 'utf8')), { type: 'commonjs' });
    // Node's module cache: the very module VS Code loaded and will call deactivate() on.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const entry = require(main) as Record<string, unknown>;
    assert.deepEqual(Object.keys(entry).sort(), ['activate', 'deactivate']);
    assert.match(fs.readFileSync(main, 'utf8'), /worldclientRtc\.openRoom/, 'the bundle registers the commands itself');
  });

  it('registers every command it contributes', async () => {
    const manifest = installed().packageJSON as { contributes: { commands: { command: string }[] } };
    const contributed = manifest.contributes.commands.map((entry) => entry.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(
      contributed.filter((command) => !registered.has(command)),
      [],
    );
  });

  it('holds every image its README names, linked relatively (the details page shows them offline)', () => {
    const extension = installed();
    // vsce stores it as extension/readme.md.
    const readmeName = fs.readdirSync(extension.extensionPath).find((name) => /^readme\.md$/i.test(name));
    assert.ok(readmeName, 'the package has a README');
    const readme = fs.readFileSync(path.join(extension.extensionPath, readmeName), 'utf8');
    // Markdown images ![alt](target) and HTML <img src="target">.
    const targets = [...readme.matchAll(/!\[[^\]]*\]\(\s*<?([^)\s>]+)>?[^)]*\)|<img\b[^>]*\bsrc=["']([^"']+)["']/g)].map(
      (match) => match[1] ?? match[2],
    );
    assert.ok(targets.length > 0, 'the README shows screenshots');
    for (const target of targets) {
      assert.doesNotMatch(target, /^[a-z][\w+.-]*:/i, `"${target}" is relative, not a URL into a repository`);
      const file = path.join(extension.extensionPath, decodeURIComponent(target));
      assert.ok(fs.existsSync(file), `"${target}" is in the package`);
      assert.ok(fs.statSync(file).size < 150_000, `"${target}" is small (${fs.statSync(file).size} bytes)`);
    }
  });

  it('opens a room panel by id, and reaches the server set in the settings through its own HTTP bundle', async () => {
    sandbox = await startSandbox({ seed: { sample: true } });
    await vscode.workspace.getConfiguration('worldclientRtc').update('serverUrl', sandbox.url, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('worldclientRtc.openRoom', 'weekly-standup');
    await waitFor(
      () =>
        vscode.window.tabGroups.all.some((group) =>
          group.tabs.some((tab) => tab.label === 'weekly-standup' && tab.input instanceof vscode.TabInputWebview),
        ),
      'the room panel tab',
    );
    // Test Connection answers with its report (it also shows it, in a dialog left open here).
    type ReportLine = { check: string; ok: boolean; detail: string };
    const lines = await vscode.commands.executeCommand<ReportLine[] | undefined>('worldclientRtc.testConnection');
    assert.deepEqual(
      lines?.map((line) => [line.check, line.ok]),
      [
        ['Reachable', true],
        ['Session', false],
      ],
      JSON.stringify(lines),
    );
    assert.match(lines?.[0]?.detail ?? '', /^server version 25\.0\.0, round trip \d+ ms$/);
  });
});
