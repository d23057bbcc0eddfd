import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { makeCertificates, startTlsFront, type RawServer } from '../../support/rawServers';
import { activateExtension, setSetting, waitFor } from '../support/fixtures';
import { ScriptedUi } from '../support/scriptedUi';
import { refreshRooms } from '../support/tree';

describe('TLS with a self-signed certificate', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let front: RawServer;

  after(async () => {
    await setSetting('trustedCertificates', undefined);
    await setSetting('serverUrl', undefined);
    await front?.close();
    await sandbox?.stop();
  });

  it('names the certificate problem, offers to trust it, and works once trusted for that server', async () => {
    const certificates = makeCertificates();
    sandbox = await startSandbox({ seed: { sample: true } });
    front = await startTlsFront(certificates.selfSigned, sandbox.port);
    const api = await activateExtension();
    const ui = new ScriptedUi();
    api.ui.use(ui);
    try {
      await setSetting('serverUrl', front.url);
      await waitFor(() => api.connection.serverUrl === front.url, 'the https server URL');
      ui.pick('Paste a session token').typeInputs(sandbox.session, '');
      await vscode.commands.executeCommand('worldclientRtc.signIn');
      const failure = await ui.waitForMessage(/certificate/i);
      assert.equal(failure.severity, 'error');
      assert.match(failure.message, /self-signed/i);
      assert.deepEqual(failure.actions, ['Trust a Certificate…', 'Show Log']);
      assert.equal(api.connection.state, 'signedOut', 'an unverified server gets no session stored');

      const pemFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wcrtc-pem-')), 'server.pem');
      fs.writeFileSync(pemFile, certificates.selfSigned.cert);
      const rebuilt = new Promise<void>((resolve) => {
        const subscription = api.connection.onDidChange(() => {
          subscription.dispose();
          resolve();
        });
      });
      await setSetting('trustedCertificates', { [front.url]: pemFile });
      await rebuilt;
      ui.pick('Paste a session token').typeInputs(sandbox.session, '');
      assert.equal(await vscode.commands.executeCommand('worldclientRtc.signIn'), true);
      await refreshRooms(api);
      assert.equal(api.rooms.model.state, 'ready');
      assert.ok(api.rooms.model.find('weekly-standup'));
      await vscode.commands.executeCommand('worldclientRtc.signOut');
    } finally {
      api.ui.use(undefined);
    }
  });
});
