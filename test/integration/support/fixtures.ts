import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { WorldClientRtcApi } from '../../../src/testSeams';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/server';
import { sessionSecretKey } from '../../../src/core/sessionStore';
import { ScriptedUi } from './scriptedUi';
import { WAIT_MS } from './waits';

import { EXTENSION_ID } from '../../support/extensionId';

export { EXTENSION_ID };

/** Activates the extension and returns its test seams (only in VS Code's Test mode: the development folder under test). */
export async function activateExtension(): Promise<WorldClientRtcApi> {
  const extension = vscode.extensions.getExtension<WorldClientRtcApi | undefined>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not installed in this VS Code`);
  const api = await extension.activate();
  assert.ok(api, 'the extension returned no test seams: they exist only for the development folder under test (Test mode)');
  return api;
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('worldclientRtc').update(key, value, vscode.ConfigurationTarget.Global);
}

export interface SandboxSession {
  sandbox: Sandbox;
  api: WorldClientRtcApi;
  ui: ScriptedUi;
  /** Other servers this test signed in to (switchServer adds them): dispose signs out of each. */
  otherServers: Set<string>;
  dispose(): Promise<void>;
}

/**
 * A sandbox server, the extension pointed at it, and (unless `signedIn: false`) a session
 * pasted through the real Sign In command, the way a user with a token would.
 */
export async function withSandbox(options: SandboxOptions & { signedIn?: boolean } = {}): Promise<SandboxSession> {
  const sandbox = await startSandbox({ seed: { sample: true }, ...options });
  const api = await activateExtension();
  const ui = new ScriptedUi();
  api.ui.use(ui);
  await forgetStoredSession(api, sandbox.url);
  await setSetting('serverUrl', sandbox.url);
  await waitFor(() => api.connection.serverUrl === sandbox.url, 'the extension to pick up the server URL');
  if (options.signedIn !== false) {
    ui.pick('Paste a session token').typeInputs(sandbox.session, sandbox.csrfToken);
    assert.equal(await vscode.commands.executeCommand('worldclientRtc.signIn'), true, `sign-in failed: ${JSON.stringify(ui.shown)}`);
    // Signing in starts a refresh: let it end, so no request of it races what the test does next.
    await waitFor(() => !api.rooms.model.loading, 'the rooms list after signing in');
  }
  const otherServers = new Set<string>();
  return {
    sandbox,
    api,
    ui,
    otherServers,
    async dispose() {
      await vscode.commands.executeCommand('worldclientRtc.signOut');
      // A session left stored for a server would greet a later test whose sandbox gets the same
      // port (so the same URL) with a refresh that fails as "Session expired".
      for (const serverUrl of otherServers) {
        await setSetting('serverUrl', serverUrl);
        await waitFor(() => api.connection.serverUrl === serverUrl, 'the switch back to sign out');
        if (api.connection.state === 'signedIn') {
          await vscode.commands.executeCommand('worldclientRtc.signOut');
        }
      }
      api.ui.use(undefined);
      await setSetting('serverUrl', undefined);
      await sandbox.stop();
    },
  };
}

export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A new sandbox may get the port, so the URL, of one an earlier test used (the system reuses ports): a
 * session stored for that URL then would greet this test with "Session expired". A new server has none.
 */
export async function forgetStoredSession(api: WorldClientRtcApi, serverUrl: string): Promise<void> {
  await api.storage.secrets.delete(sessionSecretKey(serverUrl));
}

/**
 * Points the extension at `target` and, unless already signed in there, signs in with a pasted
 * token, as a user switching servers would.
 */
export async function switchServer(session: SandboxSession, target: Sandbox): Promise<void> {
  if (target.url !== session.sandbox.url && !session.otherServers.has(target.url)) {
    await forgetStoredSession(session.api, target.url);
  }
  session.otherServers.add(session.sandbox.url);
  session.otherServers.add(target.url);
  await setSetting('serverUrl', target.url);
  await waitFor(() => session.api.connection.serverUrl === target.url, 'the switch to the other server');
  if (session.api.connection.state !== 'signedIn') {
    session.ui.pick('Paste a session token').typeInputs(target.session, target.csrfToken);
    assert.equal(
      await vscode.commands.executeCommand('worldclientRtc.signIn'),
      true,
      `sign-in failed: ${JSON.stringify(session.ui.shown)}`,
    );
  }
}

/** Everything the extension's log files hold (the secret scans read them). */
export function readLogs(directory: string): string {
  if (!fs.existsSync(directory)) {
    return '';
  }
  return fs
    .readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => fs.readFileSync(path.join(entry.parentPath, entry.name), 'utf8'))
    .join('\n');
}
