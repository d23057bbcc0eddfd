const fs = require('node:fs');
const vscode = require('vscode');
const { walkExports } = require('./walk.cjs');

const TARGET = 'worldclient-rtc.worldclient-rtc';

/**
 * Stands for any other installed extension. "Walk" sets WORLDCLIENT_RTC_TEST_SEAMS=1 in the
 * shared process environment, activates WorldClient RTC through the public extensions API,
 * walks whatever it returns and writes what it got to the file named by
 * WORLDCLIENT_RTC_PROBE_REPORT (set by the UI test). "Use Sandbox Server" writes the server URL
 * (read from the file WORLDCLIENT_RTC_PROBE_SERVER_URL_FILE names) into the folder's settings,
 * as a repository's .vscode/settings.json would.
 */
function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand('worldclientRtcProbe.walk', async () => {
      const target = vscode.extensions.getExtension(TARGET);
      if (!target) {
        throw new Error(`${TARGET} is not installed`);
      }
      const activeBefore = target.isActive;
      // The switch that once turned on WorldClient RTC's test seams outside Test mode: any
      // extension can set it in the process they share before it activates the other one.
      process.env.WORLDCLIENT_RTC_TEST_SEAMS = '1';
      const exported = await target.activate();
      const walked = await walkExports(exported);
      const commands = (await vscode.commands.getCommands(true)).filter((command) => command.startsWith('worldclientRtc.'));
      const exportsType = exported === undefined ? 'undefined' : typeof exported;
      const report = { activeBefore, active: target.isActive, exportsType, commands, ...walked };
      fs.writeFileSync(process.env.WORLDCLIENT_RTC_PROBE_REPORT, JSON.stringify(report, null, 2));
    }),
    vscode.commands.registerCommand('worldclientRtcProbe.useSandbox', async () => {
      const serverUrl = fs.readFileSync(process.env.WORLDCLIENT_RTC_PROBE_SERVER_URL_FILE, 'utf8').trim();
      await vscode.workspace.getConfiguration('worldclientRtc').update('serverUrl', serverUrl, vscode.ConfigurationTarget.Workspace);
    }),
  );
}

module.exports = { activate };
