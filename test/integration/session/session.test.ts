import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { activateExtension, readLogs, setSetting, waitFor, withSandbox, type SandboxSession } from '../support/fixtures';
import { ScriptedUi } from '../support/scriptedUi';
import { refreshRooms } from '../support/tree';

describe('Signing in and sessions', function () {
  this.timeout(120_000);
  let session: SandboxSession | undefined;
  let extra: Sandbox | undefined;

  afterEach(async () => {
    await session?.dispose();
    await extra?.stop();
    session = undefined;
    extra = undefined;
  });

  it('signs in with email and password on a server that wants a login token and CSRF tokens, and signs out', async () => {
    session = await withSandbox({ signedIn: false, csrf: true, requireLoginToken: true });
    const { ui, api, sandbox } = session;
    ui.pick('email and password').typeInputs('dev@example.com', 'sandbox');
    assert.equal(await vscode.commands.executeCommand('worldclientRtc.signIn'), true);
    assert.equal(api.connection.state, 'signedIn');
    await refreshRooms(api);
    assert.equal(api.rooms.model.state, 'ready');
    ui.typeInputs('csrf-protected-room', 'ann@example.com', '2026-11-24T10:00:00Z', '').pick('Enter the fields');
    await vscode.commands.executeCommand('worldclientRtc.addRoom');
    assert.ok(sandbox.store.get('csrf-protected-room'), 'a write with the CSRF token from sign-in succeeds');

    await vscode.commands.executeCommand('worldclientRtc.signOut');
    assert.equal(api.connection.state, 'signedOut');
    await ui.waitForMessage(/^Signed out of/);
    assert.ok(
      sandbox.requests.some((request) => request.path.endsWith('/authenticate/logout')),
      'logged out on the server',
    );
  });

  it('asks for the one-time code when the server requires 2FA', async () => {
    session = await withSandbox({ signedIn: false, twoFactor: true });
    const { ui, api } = session;
    ui.pick('email and password').typeInputs('dev@example.com', 'sandbox', '', '000000');
    ui.respond(/AuthRefused|code/i, undefined);
    const first = await vscode.commands.executeCommand('worldclientRtc.signIn');
    assert.equal(first, undefined, 'a wrong code fails the sign-in');
    assert.ok(
      ui.shown.some((shown) => /one-time code is on its way/.test(shown.message)),
      'an empty code sends one by email',
    );
    assert.equal(api.connection.state, 'signedOut');
    ui.pick('email and password').typeInputs('dev@example.com', 'sandbox', '123456');
    assert.equal(await vscode.commands.executeCommand('worldclientRtc.signIn'), true);
    assert.equal(api.connection.state, 'signedIn');
  });

  it('explains an expired password', async () => {
    session = await withSandbox({ signedIn: false, passwordExpired: true });
    session.ui.pick('email and password').typeInputs('dev@example.com', 'sandbox');
    await vscode.commands.executeCommand('worldclientRtc.signIn');
    const shown = await session.ui.waitForMessage(/password has expired/);
    assert.equal(shown.severity, 'error');
  });

  it('refuses a pasted token the server does not accept and keeps nothing', async () => {
    session = await withSandbox({ signedIn: false });
    session.ui.pick('Paste a session token').typeInputs('not-a-valid-session', '');
    await vscode.commands.executeCommand('worldclientRtc.signIn');
    await session.ui.waitForMessage(/does not accept that session token/);
    assert.equal(session.api.connection.state, 'signedOut');
  });

  it('signs in again when the session expires and runs the failed command again', async () => {
    session = await withSandbox({});
    const { ui, api, sandbox } = session;
    // The refresh that signing in starts would meet the expired session too, and ask a second time.
    await waitFor(() => !api.rooms.model.loading, 'the rooms list after signing in');
    sandbox.expireSessions();
    const fresh = sandbox.issueSession();
    ui.respond(/^Session expired/, 'Sign In')
      .pick('Paste a session token')
      .typeInputs(fresh.session, fresh.csrfToken);
    ui.respond(/^Delete the room “one-on-one”/, 'Delete');
    await vscode.commands.executeCommand('worldclientRtc.deleteRoom', 'one-on-one');
    assert.equal(sandbox.store.get('one-on-one'), undefined, 'the delete ran after signing in again');
  });

  it("takes over a remembered user's new session silently", async () => {
    session = await withSandbox({ signedIn: false, renewRememberedSessions: true });
    const { ui, api, sandbox } = session;
    ui.pick('stay signed in').typeInputs('dev@example.com', 'sandbox');
    await vscode.commands.executeCommand('worldclientRtc.signIn');
    // The refresh that signing in starts must not be in flight when the session expires.
    await waitFor(() => !api.rooms.model.loading, 'the rooms list after signing in');
    const renewedSessionStored = new Promise<void>((resolve) => {
      const subscription = api.connection.onDidChange(() => {
        subscription.dispose();
        resolve();
      });
    });
    sandbox.expireSessions();
    await refreshRooms(api);
    assert.equal(api.rooms.model.state, 'ready');
    // Storing the renewed session starts a refresh of its own: it must need no sign-in either.
    await renewedSessionStored;
    await waitFor(() => !api.rooms.model.loading, 'the refresh with the renewed session');
    assert.equal(api.rooms.model.state, 'ready');
    assert.ok(!ui.shown.some((shown) => /Session expired/.test(shown.message)));
  });

  it('keeps a separate session per server', async () => {
    session = await withSandbox({});
    extra = await startSandbox({ seed: { oddIds: true } });
    const { ui, api } = session;
    ui.pick('Switch to another server').typeInputs(extra.url).pick('Paste a session token').typeInputs(extra.session, '');
    await vscode.commands.executeCommand('worldclientRtc.switchServer');
    await refreshRooms(api);
    assert.equal(api.rooms.model.find('a/b')?.id, 'a/b', 'rooms of the second server');
    await setSetting('serverUrl', session.sandbox.url);
    await waitFor(() => api.connection.serverUrl === session?.sandbox.url, 'switching back');
    assert.equal(api.connection.state, 'signedIn', 'the first server kept its session');
    await refreshRooms(api);
    assert.ok(api.rooms.model.find('weekly-standup'));
    await setSetting('serverUrl', extra.url);
    await waitFor(() => api.connection.serverUrl === extra?.url, 'the second server');
    await vscode.commands.executeCommand('worldclientRtc.signOut');
    await setSetting('serverUrl', session.sandbox.url);
  });

  it('reports on the connection: version, session, URL styles', async () => {
    session = await withSandbox({});
    session.ui.respond(/^Connection to/, undefined);
    const lines = (await vscode.commands.executeCommand('worldclientRtc.testConnection')) as { check: string; ok: boolean }[];
    assert.deepEqual(
      lines.map((line) => [line.check, line.ok]),
      [
        ['Reachable', true],
        ['Session', true],
        ['RTC (path style)', true],
        ['RTC (query style)', true],
        ['Routes', true],
        ['API version', true],
      ],
    );
    const report = String((await session.ui.waitForMessage(/^Connection to/)).detail);
    assert.match(report, /✓ Reachable: server version/);
    assert.match(report, /\n✓ Routes: answers settings, ping, rtc\n✓ API version: 3\.5 or later$/);
  });

  for (const [apiVersion, expected] of [
    [
      '3.3',
      ['✗ Routes: answers settings; not ping, rtc', '✗ API version: 3.3 or earlier: the rtc route needs 3.4 or later — update MDaemon'],
    ],
    ['3.4', ['✓ Routes: answers settings, rtc; not ping', '✓ API version: 3.4 (ping arrived in 3.5; everything else works)']],
  ] as const) {
    it(`says which routes an API ${apiVersion} server answers, and whether it is too old`, async () => {
      session = await withSandbox({ signedIn: false, apiVersion });
      session.ui.pick('email and password').typeInputs('dev@example.com', 'sandbox');
      assert.equal(await vscode.commands.executeCommand('worldclientRtc.signIn'), true);
      session.ui.respond(/^Connection to/, undefined);
      await vscode.commands.executeCommand('worldclientRtc.testConnection');
      const report = await session.ui.waitForMessage(/^Connection to/);
      const lines = String(report.detail).split('\n');
      assert.deepEqual(lines.slice(-2), expected);
      if (apiVersion === '3.4') {
        assert.equal(lines[1], '✓ Session: valid (the RTC list answered; this server has no ping route)');
      }
      assert.equal(report.severity, apiVersion === '3.3' ? 'warning' : 'info', 'only a server too old for rtc is a problem');
    });
  }

  it('never writes the session, CSRF token or password to logs, settings, state or messages', async () => {
    session = await withSandbox({ signedIn: false, csrf: true });
    const { ui, api, sandbox } = session;
    ui.pick('email and password').typeInputs('dev@example.com', 'sandbox');
    await vscode.commands.executeCommand('worldclientRtc.signIn');
    await refreshRooms(api);
    await vscode.commands.executeCommand('worldclientRtc.openRoomJson', 'weekly-standup');
    sandbox.addFault({ kind: 'status', status: 500, times: 1 });
    ui.respond(/^Delete the room/, 'Delete');
    await vscode.commands.executeCommand('worldclientRtc.deleteRoom', 'one-on-one');
    sandbox.addFault({ kind: 'html' });
    await refreshRooms(api);
    sandbox.clearFaults();
    const credentials = api.connection.credentials();
    assert.ok(credentials?.session && credentials.csrfToken, 'signed in with a session and a CSRF token');
    const secrets = [credentials.session, credentials.csrfToken];
    // The log reaches its file asynchronously: wait for the line of every room-list request the server saw.
    const listRequests = sandbox.requests.filter((request) => request.path === '/WorldClientAPI/rtc/rooms').length;
    const listLines = (): number => readLogs(api.storage.logDirectory).match(/\/WorldClientAPI\/rtc\/rooms → /g)?.length ?? 0;
    await waitFor(() => listLines() >= listRequests, `the log to hold all ${listRequests} room-list requests`);
    const everything = [
      readLogs(api.storage.logDirectory),
      JSON.stringify(vscode.workspace.getConfiguration('worldclientRtc')),
      JSON.stringify(api.storage.globalState.keys().map((key) => [key, api.storage.globalState.get(key)])),
      JSON.stringify(ui.shown),
      JSON.stringify(ui.prompts),
    ].join('\n');
    assert.ok(everything.includes('/WorldClientAPI/rtc/rooms'), 'the log holds the requests');
    for (const secret of [...secrets, 'sandbox']) {
      assert.ok(!everything.includes(secret), `a secret (${secret.slice(0, 3)}…) leaked`);
    }
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('asks for a server URL first, and validates it', async () => {
    const api = await activateExtension();
    const ui = new ScriptedUi();
    api.ui.use(ui);
    try {
      await setSetting('serverUrl', undefined);
      await waitFor(() => api.connection.state === 'noServer', 'no server');
      // (mail.example.com, without a scheme, is accepted as https://mail.example.com: see settings.test.ts.)
      ui.typeInputs('not a url', 'ftp://x', 'https://user:pw@x', undefined);
      await vscode.commands.executeCommand('worldclientRtc.signIn');
      assert.deepEqual(ui.validationErrors, [
        'That is not a URL. Enter the address of the server, e.g. https://mail.example.com',
        'Use an http:// or https:// address.',
        'Leave the user name and password out of the URL; you will be asked for them.',
      ]);
      ui.typeInputs('http://mail.example.com');
      ui.respond(/does not use HTTPS/, undefined);
      assert.equal(await vscode.commands.executeCommand('worldclientRtc.signIn'), false);
      const warning = await ui.waitForMessage(/does not use HTTPS/);
      assert.equal(warning.modal, true);
      assert.equal(api.connection.state, 'noServer', 'nothing was sent or saved');
    } finally {
      api.ui.use(undefined);
    }
  });
});
