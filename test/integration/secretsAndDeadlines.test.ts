import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { PROXIED_HOST, startConnectProxy, type ConnectProxy } from '../support/rawServers';
import { readLogs, setSetting, waitFor, withSandbox, type SandboxSession } from './support/fixtures';
import { refreshRooms } from './support/tree';

type ReportLine = { check: string; ok: boolean; detail: string };

/** Every run of 8 characters of a secret: a secret cut in half by a snippet must not leave its first half behind. */
function assertNoPartOf(secret: string, text: string, where: string): void {
  for (let start = 0; start + 8 <= secret.length; start++) {
    const part = secret.slice(start, start + 8);
    assert.ok(!text.includes(part), `part of a secret (${part.slice(0, 3)}…) leaked into ${where}`);
  }
}

/** Resolves when the extension has rebuilt its client after the settings change `change` makes. */
async function afterRebuild(session: SandboxSession, change: () => Promise<void>): Promise<void> {
  const rebuilt = new Promise<void>((resolve) => {
    const subscription = session.api.connection.onDidChange(() => {
      subscription.dispose();
      resolve();
    });
  });
  await change();
  await rebuilt;
}

async function setHttpSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('http').update(key, value, vscode.ConfigurationTarget.Global);
}

describe('Hardening: secrets in every text, replies that never end, unchecked certificates', function () {
  this.timeout(120_000);
  let session: SandboxSession | undefined;
  let proxy: ConnectProxy | undefined;

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setSetting('sessionTransport', undefined);
    await setSetting('requestTimeoutSeconds', undefined);
    await setSetting('watchIntervalSeconds', undefined);
    await setHttpSetting('proxy', undefined);
    await setHttpSetting('proxyStrictSSL', undefined);
    await session?.dispose();
    await proxy?.close();
    session = undefined;
    proxy = undefined;
  });

  it('with the session in the query, none of it reaches messages, logs or Test Connection: HTML echoing the URL, redirects', async () => {
    session = await withSandbox({ signedIn: false, csrf: true });
    const { ui, api, sandbox } = session;
    await afterRebuild(session, () => setSetting('sessionTransport', 'query'));
    ui.pick('email and password').typeInputs('dev@example.com', 'sandbox');
    await vscode.commands.executeCommand('worldclientRtc.signIn');
    const credentials = api.connection.credentials();
    assert.ok(credentials?.session && credentials.csrfToken, 'signed in with a session and a CSRF token');

    sandbox.addFault({ kind: 'html', echoUrl: true, times: 1 });
    await refreshRooms(api);
    const htmlError = api.rooms.model.error ?? '';
    assert.match(htmlError, /an HTML page .* starting "<html><body>Not here: \/WorldClientAPI\/rtc\/rooms\?session=REDACTED/);
    sandbox.addFault({ kind: 'redirect', times: 1 });
    await refreshRooms(api);
    const redirectError = api.rooms.model.error ?? '';
    assert.match(
      redirectError,
      /redirected the request to https:\/\/login\.example\.invalid\/WorldClientAPI\/rtc\/rooms\?session=REDACTED/,
    );
    sandbox.addFault({ kind: 'redirect', method: 'DELETE', times: 1 });
    ui.respond(/^Delete the room/, 'Delete');
    await vscode.commands.executeCommand('worldclientRtc.deleteRoom', 'one-on-one');
    await ui.waitForMessage(/could not be deleted/);

    sandbox.addFault({ kind: 'html', echoUrl: true, times: 2 });
    ui.respond(/^Connection to/, undefined);
    const lines = (await vscode.commands.executeCommand('worldclientRtc.testConnection')) as ReportLine[];
    assert.ok(
      lines.some((line) => !line.ok && /HTML page/.test(line.detail)),
      `the report quotes the page: ${JSON.stringify(lines)}`,
    );
    sandbox.clearFaults();
    assert.ok(
      sandbox.requests.some((request) => request.query.session === credentials.session),
      'the session travelled in the query',
    );

    await waitFor(() => readLogs(api.storage.logDirectory).includes('Connection report for'), 'the log to be written', 15_000);
    const texts: Record<string, string> = {
      log: readLogs(api.storage.logDirectory),
      messages: JSON.stringify(ui.shown),
      report: JSON.stringify(lines),
      tree: `${htmlError}\n${redirectError}`,
      globalState: JSON.stringify(api.storage.globalState.keys().map((key) => [key, api.storage.globalState.get(key)])),
    };
    assert.ok(texts.log.includes('session=REDACTED'), 'the log shows the session was in the query');
    for (const [where, text] of Object.entries(texts)) {
      assertNoPartOf(credentials.session, text, where);
      assertNoPartOf(credentials.csrfToken, text, where);
    }
  });

  it('says in the log and in Test Connection that http.proxyStrictSSL: false turns certificate checks off', async () => {
    session = await withSandbox({});
    proxy = await startConnectProxy();
    const { api, ui, sandbox } = session;
    // Loopback never goes through a proxy: the sandbox is addressed by a name only the proxy knows.
    const proxiedUrl = `http://${PROXIED_HOST}:${sandbox.port}`;
    session.otherServers.add(sandbox.url).add(proxiedUrl);
    await api.storage.secrets.store(`worldclientRtc.session:${proxiedUrl}`, JSON.stringify(sandbox.issueSession()));
    await afterRebuild(session, async () => {
      await setHttpSetting('proxyStrictSSL', false);
      await setHttpSetting('proxy', proxy?.url);
      await setSetting('serverUrl', proxiedUrl);
    });
    await waitFor(() => api.connection.serverUrl === proxiedUrl, 'the switch to the proxied name');
    ui.respond(/^Connection to/, undefined);
    const lines = (await vscode.commands.executeCommand('worldclientRtc.testConnection')) as ReportLine[];
    assert.deepEqual(lines[0].check, 'TLS');
    assert.equal(lines[0].ok, false);
    assert.match(
      lines[0].detail,
      /^Certificate checks are off because http\.proxyStrictSSL is false: .*worldclientRtc\.trustedCertificates/,
    );
    assert.ok(
      lines.slice(1).every((line) => line.ok),
      `the server is reached through the proxy: ${JSON.stringify(lines)}`,
    );
    assert.ok(proxy.connects.length > 0, 'requests went through the proxy');
    const report = await ui.waitForMessage(/^Connection to/);
    assert.equal(report.severity, 'warning');
    assert.match(report.detail ?? '', /✗ TLS: Certificate checks are off because http\.proxyStrictSSL is false/);
    await waitFor(() => readLogs(api.storage.logDirectory).includes('Certificate checks are off'), 'the warning in the log', 15_000);

    await afterRebuild(session, () => setHttpSetting('proxyStrictSSL', true));
    const strict = (await vscode.commands.executeCommand('worldclientRtc.testConnection')) as ReportLine[];
    assert.ok(
      strict.every((line) => line.check !== 'TLS'),
      'no warning once checks are on',
    );
    const warnings = readLogs(api.storage.logDirectory).match(/\[warning\] Certificate checks are off/g)?.length ?? 0;
    assert.equal(warnings, 1, 'one warning per client build, not per request');
  });

  it('a room reply that never ends shows an error in the panel, not "Loading…"; Refresh retries it, and Watch keeps ticking', async () => {
    session = await withSandbox({ seed: { sample: true } });
    const { api, sandbox } = session;
    await afterRebuild(session, () => setSetting('requestTimeoutSeconds', 1));
    await setSetting('watchIntervalSeconds', 1);
    await refreshRooms(api);
    const roomId = 'weekly-standup';
    const describe = () => {
      const panel = api.panels.describe(roomId);
      assert.ok(panel, 'the panel is open');
      return panel;
    };

    sandbox.addFault({ kind: 'trickleBody', method: 'GET', trickleEveryMs: 100, times: 1 });
    const started = Date.now();
    // Not awaited first: without a total deadline the command would never finish.
    const opening = vscode.commands.executeCommand('worldclientRtc.openRoom', roomId);
    await waitFor(() => api.panels.describe(roomId)?.status === 'error', 'the panel to show the timeout', 30_000);
    await opening;
    assert.ok(Date.now() - started < 25_000, `the total deadline (10 × 1 s) ended it after ${Date.now() - started} ms`);
    assert.match(describe().statusText, /did not finish within 10 s .* Then use Refresh to try again\./);

    api.panels.receive(roomId, { type: 'action', action: 'refresh' });
    await waitFor(() => api.panels.describe(roomId)?.status === 'ready', 'Refresh to load the room', 30_000);
    assert.equal(describe().header?.messageCount, sandbox.store.get(roomId)?.messages.length);

    api.panels.receive(roomId, { type: 'setWatch', enabled: true });
    sandbox.addFault({ kind: 'trickleBody', method: 'GET', trickleEveryMs: 100, times: 1 });
    await waitFor(
      () => /Watch: the last check failed\..*did not finish within 10 s/.test(api.panels.describe(roomId)?.statusText ?? ''),
      'a watch tick to time out',
      40_000,
    );
    assert.equal(describe().watching, true, 'Watch goes on after a tick that timed out');
    sandbox.store.addMessages(roomId, [{ id: 'after-the-timeout', salt: 'c2FsdA==', data: 'ZGF0YQ==' }]);
    await waitFor(() => api.panels.describe(roomId)?.newCount === 1, 'the next tick to pick up a new message', 30_000);
  });
});
