import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, waitFor, withSandbox, EXTENSION_ID, type SandboxSession } from '../integration/support/fixtures';
import { refreshRooms, renderChildren } from '../integration/support/tree';
import { waitForCodeCache } from '../support/codeCache';

describe('The packaged extension (VSIX)', function () {
  this.timeout(120_000);
  let session: SandboxSession | undefined;
  after(async () => session?.dispose());

  it('is the installed VSIX, not the development folder', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, 'the VSIX is installed');
    const repoRoot = path.resolve(__dirname, '..', '..', '..');
    assert.ok(!extension.extensionPath.startsWith(repoRoot), `loaded from ${extension.extensionPath}`);
  });

  it('hands the test seams to this suite only because the runner started the extension host with WORLDCLIENT_RTC_TEST_SEAMS=1', () => {
    // An installed extension runs in Production mode: without the variable activate() returns
    // nothing (test/ui/otherExtension.ui.test.ts checks that side).
    assert.equal(process.env.WORLDCLIENT_RTC_TEST_SEAMS, '1');
  });

  it('holds every image its README names, linked relatively (the details page shows them offline)', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    // vsce stores it as extension/readme.md.
    const readmeName = fs.readdirSync(extension.extensionPath).find((name) => /^readme\.md$/i.test(name));
    assert.ok(readmeName, 'the package has a README');
    const readme = fs.readFileSync(path.join(extension.extensionPath, readmeName), 'utf8');
    // Markdown images ![alt](target) and HTML <img src="target">.
    const targets = [...readme.matchAll(/!\[[^\]]*\]\(\s*<?([^)\s>]+)>?[^)]*\)|<img\b[^>]*\bsrc=["']([^"']+)["']/g)].map((match) => match[1] ?? match[2]);
    assert.ok(targets.length > 0, 'the README shows screenshots');
    for (const target of targets) {
      assert.doesNotMatch(target, /^[a-z][\w+.-]*:/i, `"${target}" is relative, not a URL into a repository`);
      const file = path.join(extension.extensionPath, decodeURIComponent(target));
      assert.ok(fs.existsSync(file), `"${target}" is in the package`);
      assert.ok(fs.statSync(file).size < 150_000, `"${target}" is small (${fs.statSync(file).size} bytes)`);
    }
  });

  it('ships the entry point, the extension, its package scope, and keeps its code cache', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const dist = path.join(extension.extensionPath, 'dist');
    assert.deepEqual(fs.readdirSync(dist).sort(), ['extension.js', 'main.js', 'package.json', 'undici.js', 'webview.js']);
    // Without it, Node would parse the whole manifest for its "type" as VS Code loads us.
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(dist, 'package.json'), 'utf8')), { type: 'commonjs' });
    const api = await activateExtension();
    await waitForCodeCache(api.storage.globalStorageDirectory, 20_000);
  });

  it('activates, lists the sandbox rooms and opens a room', async () => {
    session = await withSandbox({ seed: { sample: true } });
    await refreshRooms(session.api);
    assert.equal(renderChildren(session.api).length, 12);
    await vscode.commands.executeCommand('worldclientRtc.openRoom', 'weekly-standup');
    await waitFor(
      () => vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => tab.label === 'weekly-standup' && tab.input instanceof vscode.TabInputWebview)),
      'the room panel tab',
    );
  });
});
