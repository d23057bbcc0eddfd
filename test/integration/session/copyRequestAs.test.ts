import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { withSandbox, type SandboxSession } from '../support/fixtures';

describe('Copy Request as… in other languages', function () {
  this.timeout(120_000);
  let session: SandboxSession;

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await session?.dispose();
  });

  it("offers a room's own requests from its panel, then the language, then the session choice", async () => {
    session = await withSandbox({ seed: { sample: true } });
    await vscode.commands.executeCommand('worldclientRtc.openRoom', 'incident-4711');
    session.ui.pick('incident-4711').pick('Python (requests)').pick('With a placeholder');
    await vscode.commands.executeCommand('worldclientRtc.copyRequestAs', { roomId: 'incident-4711' });
    // The last three quick picks: the first ones were the sign-in's.
    const [requests, languages, secrets] = session.ui.quickPicks.slice(-3);
    assert.ok(requests.length > 0 && requests.every((item) => item.label.includes('incident-4711')), JSON.stringify(requests));
    assert.deepEqual(
      languages.map((item) => item.label),
      ['curl', 'TypeScript (fetch)', 'Python (requests)', 'C# (HttpClient)', 'PowerShell (Invoke-WebRequest)'],
    );
    assert.match(secrets[0].detail ?? '', /environment variable WORLDCLIENT_SESSION/);
    await session.ui.waitForMessage(/^Copied as Python \(requests\)\.$/);
  });
});
