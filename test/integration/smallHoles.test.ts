import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, readLogs, setSetting, waitFor } from './support/fixtures';
import { ScriptedUi } from './support/scriptedUi';

/** Issue 21 §6: what a user typed into the server URL, as the log and the sign-in prompts show it. */
describe('The server URL as the log and sign-in show it', function () {
  this.timeout(60_000);

  afterEach(async () => {
    (await activateExtension()).ui.use(undefined);
    await setSetting('serverUrl', undefined);
  });

  it('a password typed into the server URL never reaches the log, even with "/", "?" or "#" in it', async () => {
    const api = await activateExtension();
    await setSetting('serverUrl', 'https://ann:pa/ss?#word@mail.example.com');
    await waitFor(() => readLogs(api.storage.logDirectory).includes('https://…@mail.example.com'), 'the refused URL in the log', 15_000);
    const log = readLogs(api.storage.logDirectory);
    for (const part of ['pa/ss', 'ss?#', '#word', 'ann:']) {
      assert.ok(!log.includes(part), `"${part}" is in the log`);
    }
  });

  it('a look-alike host name is shown as it resolves and warned about before anything is typed', async () => {
    const api = await activateExtension();
    const ui = new ScriptedUi();
    api.ui.use(ui);
    // "mаil" with a Cyrillic а: it reads as mail.example.com, yet resolves elsewhere.
    await setSetting('serverUrl', 'https://m\u0430il.example.com');
    const resolved = new URL('https://m\u0430il.example.com').host;
    await waitFor(() => api.connection.serverUrl !== '', 'the extension to pick up the server URL');
    ui.respond(/mixes letters of different alphabets/, undefined);
    assert.equal(await vscode.commands.executeCommand('worldclientRtc.signIn'), false);
    const warning = await ui.waitForMessage(/mixes letters of different alphabets/);
    assert.equal(warning.severity, 'warning');
    assert.ok(warning.modal);
    assert.ok(warning.read.includes('Latin + Cyrillic: m\u0430il') && warning.read.includes(`https://${resolved}`), warning.read);
    assert.deepEqual(ui.prompts, [], 'no prompt asked for anything');

    ui.respond(/mixes letters of different alphabets/, 'Sign In Anyway').pick(undefined);
    assert.equal(await vscode.commands.executeCommand('worldclientRtc.signIn'), false);
    assert.deepEqual(ui.prompts, [`Sign in to https://${resolved}: `], 'the sign-in names the host it resolves to');
  });
});
