import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../runner/workspace';
import {
  answerQuickInput,
  openRoom,
  roomsViewPane,
  roomsViewRow,
  runCommand,
  startUiWorkbench,
  timelineFrame,
  type UiWorkbench,
} from './support/uiWorkbench';

const PROBE_EXTENSION = path.join(repoRoot, 'test', 'otherExtension');

interface ProbeReport {
  activeBefore: boolean;
  active: boolean;
  exportsType: string;
  commands: string[];
  strings: string[];
  called: string[];
  errors: string[];
  standInCalls: string[];
}

/**
 * The extension as a user runs it, beside another extension that tries to take what any installed
 * extension could. Our extension is packaged and installed from its VSIX (VS Code's Production
 * mode), the probe (test/otherExtension) is the development extension, and no extensionTestsPath
 * is set: activate() takes exactly the path it takes for users. The extension host even starts
 * with WORLDCLIENT_RTC_TEST_SEAMS=1 (which once turned the test seams on outside Test mode), and
 * the probe sets it again before it activates us. The folder's settings start with an unusable
 * server URL, so the extension also activates with that value already set. The signed-in half of
 * the installed package's check is here too: the rooms listed and a room opened.
 */
describe('Beside another extension, with an unusable server URL at startup', function () {
  let ui: UiWorkbench;
  const reportFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wcrtc-probe-')), 'report.json');

  before(async () => {
    const sandboxUrlFile = `${reportFile}.url`;
    const vsix = path.join(path.dirname(reportFile), 'worldclient-rtc.vsix');
    execFileSync(
      process.execPath,
      [path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--out', vsix],
      { cwd: repoRoot, stdio: 'ignore' },
    );
    ui = await startUiWorkbench({ sample: true }, undefined, {
      settings: { 'worldclientRtc.serverUrl': 'ftp://files.example.com' },
      installVsix: vsix,
      extensionDevelopmentPath: PROBE_EXTENSION,
      env: {
        WORLDCLIENT_RTC_PROBE_REPORT: reportFile,
        WORLDCLIENT_RTC_PROBE_SERVER_URL_FILE: sandboxUrlFile,
        // What once turned the test seams on outside Test mode, in the environment the host starts with.
        WORLDCLIENT_RTC_TEST_SEAMS: '1',
      },
    });
    fs.writeFileSync(sandboxUrlFile, ui.sandbox.url);
  });

  after(async () => {
    await ui?.close();
    fs.rmSync(path.dirname(reportFile), { recursive: true, force: true });
  });

  async function walkExports(): Promise<ProbeReport> {
    fs.rmSync(reportFile, { force: true });
    await runCommand(ui.page, 'Exports Probe: Walk WorldClient Exports');
    const deadline = Date.now() + 60_000;
    while (!fs.existsSync(reportFile)) {
      assert.ok(Date.now() < deadline, 'the probe extension wrote its report');
      await ui.page.waitForTimeout(200);
    }
    return JSON.parse(fs.readFileSync(reportFile, 'utf8')) as ProbeReport;
  }

  it('hands nothing to another extension that activates it, whatever the environment says', async () => {
    const report = await walkExports();
    assert.equal(report.activeBefore, false, 'the probe, not VS Code, activated it');
    assert.equal(report.active, true);
    assert.equal(report.exportsType, 'undefined', 'activate() hands other extensions nothing');
    assert.deepEqual(report.called, []);
  });

  it('activates, registers every command and shows how to fix the URL', async () => {
    await runCommand(ui.page, 'WorldClient RTC: Focus on Rooms View');
    const pane = roomsViewPane(ui.page);
    await pane
      .getByText('The server URL in settings is not usable: use an http:// or https:// address.')
      .first()
      .waitFor({ timeout: 60_000 });
    const statusItem = ui.page.locator('.part.statusbar').getByText('WorldClient RTC: server URL not usable');
    await statusItem.waitFor({ timeout: 10_000 });

    const report = await walkExports();
    assert.equal(report.active, true);
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      contributes: { commands: { command: string }[] };
    };
    const missing = manifest.contributes.commands.map((entry) => entry.command).filter((command) => !report.commands.includes(command));
    assert.deepEqual(missing, [], 'every contributed command is registered');

    await pane.getByRole('button', { name: 'Fix It' }).click();
    const settingsSearch = ui.page.locator('.settings-editor .suggest-input-container .monaco-editor .view-lines');
    await settingsSearch.waitFor({ timeout: 30_000 });
    assert.match(await settingsSearch.innerText(), /worldclientRtc\.serverUrl/, 'Fix It opens the setting');
    await ui.page.locator('.settings-editor').getByText('Base URL of the WorldClient server').first().waitFor({ timeout: 30_000 });
  });

  it('gives another extension no session and no way to replace a prompt', async () => {
    // As a repository's .vscode/settings.json would: the folder's settings choose the server.
    await runCommand(ui.page, 'Exports Probe: Use Sandbox Server in Folder Settings');
    await runCommand(ui.page, 'WorldClient RTC: Focus on Rooms View');
    await roomsViewPane(ui.page).getByText('You are not signed in to this server').first().waitFor({ timeout: 30_000 });

    await runCommand(ui.page, 'WorldClient RTC: Sign In');
    const title = ui.page.locator('.quick-input-widget .quick-input-title');
    await title.filter({ hasText: /^Sign in to / }).waitFor({ timeout: 30_000 });
    assert.equal((await title.innerText()).trim(), `Sign in to ${ui.sandbox.url} (from this folder's settings)`);
    await answerQuickInput(ui.page, /^Sign in to /, 'Paste a session token');
    await answerQuickInput(ui.page, /^Session token for /, ui.sandbox.session);
    await answerQuickInput(ui.page, /^CSRF token for /, ui.sandbox.csrfToken);
    await ui.page.locator('.part.statusbar [aria-label^="WorldClient RTC: signed in to"]').first().waitFor({ timeout: 30_000 });

    const report = await walkExports();
    assert.equal(report.exportsType, 'undefined', 'activate() hands other extensions nothing');
    const everything = JSON.stringify(report);
    for (const secret of [ui.sandbox.session, ui.sandbox.csrfToken]) {
      assert.ok(!everything.includes(secret), `a secret (${secret.slice(0, 3)}…) reached the other extension`);
    }
    assert.deepEqual(report.called, [], 'there was no function to call');
    assert.deepEqual(report.standInCalls, []);

    // The prompts are still ours: Sign In shows VS Code's own picker, not the probe's stand-in.
    await runCommand(ui.page, 'WorldClient RTC: Sign In');
    await title.filter({ hasText: /^Sign in to / }).waitFor({ timeout: 30_000 });
    await ui.page.keyboard.press('Escape');
  });

  it('lists the sandbox rooms and opens one, signed in, as the installed package', async () => {
    await runCommand(ui.page, 'WorldClient RTC: Focus on Rooms View');
    await roomsViewRow(ui.page, 'weekly-standup').waitFor({ timeout: 60_000 });
    const panel = await openRoom(ui, 'weekly-standup');
    await panel.locator('.row:not(.loading)').first().waitFor({ timeout: 60_000 });
  });

  it('draws the Rooms Timeline as the installed package (its page script is in the VSIX)', async () => {
    await runCommand(ui.page, 'WorldClient RTC: Show Timeline');
    const frame = await timelineFrame(ui);
    await frame.locator('.range', { hasText: /^1–\d+ \/ 12$/ }).waitFor({ timeout: 10_000 });
  });
});
