import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { WorldClientRtcApi } from '../../../src/testSeams';
import { activateExtension, EXTENSION_ID, readLogs, setSetting, waitFor, withSandbox, type SandboxSession } from '../support/fixtures';
import { refreshRooms, renderChildren } from '../support/tree';

/**
 * Settings as users, older versions and repositories write them. The extension is already
 * active here (an extension stays active for the whole run), so these tests change a setting
 * under it; activation itself with an unusable server URL already set is covered by the UI test
 * test/ui/otherExtension.ui.test.ts, whose workbench starts with `ftp://…` in the folder settings.
 */
describe('Settings that cannot be used as they are', function () {
  this.timeout(120_000);
  let api: WorldClientRtcApi;
  let session: SandboxSession | undefined;

  before(async () => {
    api = await activateExtension();
  });

  afterEach(async () => {
    await session?.dispose();
    session = undefined;
    for (const key of [
      'serverUrl',
      'urlStyle',
      'sessionTransport',
      'requestTimeoutSeconds',
      'watchIntervalSeconds',
      'autoRefreshSeconds',
      'rooms.sortBy',
      'rooms.groupByState',
      'trustedCertificates',
      'contract.disabledRules',
      'compare.foldUnchangedAbove',
    ]) {
      await setSetting(key, undefined);
    }
    await vscode.workspace.getConfiguration('worldclientRtc').update('serverUrl', undefined, vscode.ConfigurationTarget.Workspace);
  });

  const unusable: [string, string][] = [
    ['ftp://files.example.com', 'scheme'],
    ['not a url at all', 'notUrl'],
    ['user:hunter2@mail.example.com', 'credentials'],
    ['https://mail.example.com/?route=rtc', 'queryOrFragment'],
  ];
  for (const [value, reason] of unusable) {
    it(`keeps every command and says what to do when serverUrl is ${JSON.stringify(value)}`, async () => {
      session = await withSandbox();
      await setSetting('serverUrl', value);
      // The context keys select the welcome that names the reason and offers Fix It (its text: the next test).
      await waitFor(() => api.rooms.view.welcomeState === 'badServerUrl', 'the Rooms view to show the unusable-URL welcome');
      assert.equal(api.rooms.view.serverUrlProblem, reason);
      assert.equal(api.rooms.view.treeView.message, undefined, 'no view message, which would hide the welcome');
      assert.equal(api.connection.state, 'noServer');
      assert.deepEqual(await missingCommands(), [], 'every contributed command is still registered');
      await waitFor(
        () => readLogs(api.storage.logDirectory).includes('Settings: worldclientRtc.serverUrl'),
        'the log line about the server URL',
      );
      assert.ok(!readLogs(api.storage.logDirectory).includes('hunter2'), 'the password typed into the URL is not logged');

      // Back to a usable value: the view recovers and lists the rooms again (the session was kept).
      await setSetting('serverUrl', session.sandbox.url);
      await waitFor(() => api.connection.state === 'signedIn', 'the extension to pick up the usable URL');
      await refreshRooms(api);
      assert.equal(renderChildren(api).length, 12);
      assert.equal(api.rooms.view.welcomeState, 'ready');
    });
  }

  it('has a welcome for each reason a server URL is refused, each offering "Fix It" that opens the setting', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const manifest = extension.packageJSON as { contributes: { viewsWelcome: { contents: string; when: string }[] } };
    const strings = JSON.parse(fs.readFileSync(path.join(extension.extensionPath, 'package.nls.json'), 'utf8')) as Record<string, string>;
    const expected: Record<string, RegExp> = {
      scheme: /use an http:\/\/ or https:\/\/ address/,
      notUrl: /it is not a web address/,
      credentials: /leave the user name and password out of the URL/,
      queryOrFragment: /leave out the query and fragment/,
    };
    for (const [problem, reason] of Object.entries(expected)) {
      const welcome = manifest.contributes.viewsWelcome.find(
        (entry) => entry.when === `worldclientRtc.roomsState == badServerUrl && worldclientRtc.serverUrlProblem == ${problem}`,
      );
      assert.ok(welcome, `a welcome for ${problem}`);
      // VS Code hands extensions the manifest with the %placeholders% already replaced; read them if not.
      const text = /^%.+%$/.test(welcome.contents) ? strings[welcome.contents.slice(1, -1)] : welcome.contents;
      assert.match(text, /^The server URL in settings is not usable: /);
      assert.match(text, reason);
      assert.match(text, /\[Fix It\]\(command:workbench\.action\.openSettings\?%5B%22worldclientRtc\.serverUrl%22%5D\)/);
    }
  });

  it('accepts a server URL typed without a scheme, with spaces, a trailing slash or /WorldClientAPI', async () => {
    await setSetting('serverUrl', 'mail.example.com');
    await waitFor(() => api.connection.serverUrl === 'https://mail.example.com', 'https:// to be assumed');
    assert.equal(api.connection.state, 'signedOut');
    session = await withSandbox({ signedIn: false });
    await setSetting('serverUrl', `  ${session.sandbox.url}/WorldClientAPI/  `);
    await waitFor(() => api.connection.serverUrl === session?.sandbox.url, 'the URL to be trimmed');
    session.ui.pick('Paste a session token').typeInputs(session.sandbox.session, session.sandbox.csrfToken);
    assert.equal(await vscode.commands.executeCommand('worldclientRtc.signIn'), true);
    await refreshRooms(api);
    assert.equal(renderChildren(api).length, 12);
  });

  it('works with out-of-range numbers and unknown choices, and says once in the log what it uses instead', async () => {
    await setSetting('urlStyle', 'legacy');
    await setSetting('sessionTransport', 'carrier-pigeon');
    await setSetting('requestTimeoutSeconds', -1);
    await setSetting('watchIntervalSeconds', 0);
    await setSetting('autoRefreshSeconds', -3);
    await setSetting('rooms.sortBy', 'random');
    await setSetting('rooms.groupByState', 'yes');
    await setSetting('contract.disabledRules', 5);
    await setSetting('compare.foldUnchangedAbove', -2);
    session = await withSandbox();
    await refreshRooms(api);
    assert.equal(renderChildren(api).length, 12, 'the rooms are listed with the fallback values');
    assert.ok(
      session.sandbox.requests.some((request) => request.path.endsWith('/WorldClientAPI/rtc/rooms')),
      'path style is used',
    );
    const expected = [
      'worldclientRtc.urlStyle is "legacy", not one of path, query; using path.',
      'worldclientRtc.sessionTransport is "carrier-pigeon", not one of header, query; using header.',
      'worldclientRtc.requestTimeoutSeconds is -1, outside 1–600; using 1.',
      'worldclientRtc.watchIntervalSeconds is 0, outside 1–3600; using 1.',
      'worldclientRtc.autoRefreshSeconds is -3, below 0; using 0 (off).',
      'worldclientRtc.rooms.sortBy is "random", not one of newest, oldest, id, members; using newest.',
      'worldclientRtc.rooms.groupByState is "yes", not true or false; using false.',
      'worldclientRtc.contract.disabledRules is 5, not a list of rule ids; ignoring it.',
      'worldclientRtc.compare.foldUnchangedAbove is -2, below 0; using 0 (off).',
    ];
    await waitFor(
      () => expected.every((line) => readLogs(api.storage.logDirectory).includes(line)),
      `the log to name every replaced value: ${expected.join(' / ')}`,
    );
    for (const line of expected) {
      assert.equal(readLogs(api.storage.logDirectory).split(line).length - 1, 1, `said once: ${line}`);
    }
  });

  it("says in the sign-in prompt when the server URL comes from this folder's settings", async () => {
    session = await withSandbox({ signedIn: false });
    const { ui, sandbox } = session;
    // From the user's settings: no note. Escape at the picker (signing out would end the sandbox's token).
    ui.pick(undefined);
    assert.equal(await vscode.commands.executeCommand('worldclientRtc.signIn'), false);
    assert.ok(
      ui.prompts.some((prompt) => prompt.startsWith(`Sign in to ${sandbox.url}:`)),
      `user settings: no folder note in ${JSON.stringify(ui.prompts)}`,
    );

    await setSetting('serverUrl', undefined);
    await vscode.workspace.getConfiguration('worldclientRtc').update('serverUrl', sandbox.url, vscode.ConfigurationTarget.Workspace);
    await waitFor(() => api.connection.serverUrl === sandbox.url, 'the folder setting to take effect');
    ui.prompts.length = 0;
    ui.pick('Paste a session token').typeInputs(sandbox.session, sandbox.csrfToken);
    assert.equal(
      await vscode.commands.executeCommand('worldclientRtc.signIn'),
      true,
      `sign-in failed: ${JSON.stringify([ui.unexpected, ui.shown, ui.prompts])}`,
    );
    assert.ok(
      ui.prompts.some((prompt) => prompt.startsWith(`Sign in to ${sandbox.url} (from this folder's settings):`)),
      `the picker names the folder's settings: ${JSON.stringify(ui.prompts)}`,
    );
  });
});

async function missingCommands(): Promise<string[]> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension);
  const contributed = (extension.packageJSON as { contributes: { commands: { command: string }[] } }).contributes.commands.map(
    (entry) => entry.command,
  );
  const registered = new Set(await vscode.commands.getCommands(true));
  return contributed.filter((command) => !registered.has(command));
}
