import * as vscode from 'vscode';
import { WorldClientError } from '../api/errors';
import type { Credentials, SignInResult } from '../api/types';
import type { WorldClientApi } from '../api/client';
import type { Ui } from '../ui/ui';
import { withCancellableProgress } from '../util/cancellation';
import type { Connection } from './connection';
import type { SessionStore } from './sessionStore';
import { askServerUrl, confirmInsecureServer } from './serverUrlInput';

type Method = 'password' | 'passwordRemembered' | 'token';

/**
 * Signs in the way the WorldClient API allows: email and password (with the one-time code
 * when the server asks for 2FA), or a session token pasted from elsewhere. The password is
 * only ever held in this function's locals; the session goes to SecretStorage.
 */
export class SignInFlow {
  constructor(
    private readonly ui: Ui,
    private readonly connection: Connection,
    private readonly sessions: SessionStore,
  ) {}

  /** Resolves true when a session is stored for the configured server. */
  async run(): Promise<boolean> {
    const serverUrl = this.connection.serverUrl || (await askServerUrl(this.ui, ''));
    if (!serverUrl || !(await confirmInsecureServer(this.ui, serverUrl))) {
      return false;
    }
    await this.connection.useServer(serverUrl);
    const method = await this.pickMethod(serverUrl);
    if (!method) {
      return false;
    }
    const credentials = method === 'token' ? await this.withToken(serverUrl) : await this.withPassword(serverUrl, method === 'passwordRemembered');
    if (!credentials) {
      return false;
    }
    void this.ui.showMessage('info', `Signed in to ${serverUrl}.`, {});
    return true;
  }

  private async pickMethod(serverUrl: string): Promise<Method | undefined> {
    const items: (vscode.QuickPickItem & { method: Method })[] = [
      { label: '$(account) Sign in with email and password', detail: 'The password is sent once and never stored.', method: 'password' },
      { label: '$(pinned) Sign in with email and password, and stay signed in', detail: 'The server may renew an expired session for you (remember me).', method: 'passwordRemembered' },
      { label: '$(key) Paste a session token', detail: 'Use a session you already have (and its CSRF token, if the server uses them).', method: 'token' },
    ];
    const picked = await this.ui.showQuickPick(items, { title: `Sign in to ${serverUrl}` });
    return picked?.method;
  }

  private async withPassword(serverUrl: string, rememberUser: boolean): Promise<Credentials | undefined> {
    const user = await this.ui.showInputBox({
      title: `Sign in to ${serverUrl} (1/2)`,
      prompt: 'Email address',
      placeHolder: 'you@example.com',
      validateInput: (value) => (value.trim() ? undefined : 'Enter the email address you sign in to webmail with.'),
    });
    if (!user) {
      return undefined;
    }
    const password = await this.ui.showInputBox({ title: `Sign in to ${serverUrl} (2/2)`, prompt: `Password for ${user}`, password: true });
    if (!password) {
      return undefined;
    }
    const api = this.connection.api();
    let result: SignInResult | undefined = await this.progress('Signing in…', (signal) => api.signInBasic(user.trim(), password, signal, { rememberUser }));
    if (result.kind === 'termsOfUseRequired') {
      const accepted = await this.ui.showMessage('info', `${serverUrl} asks you to accept its terms of use before signing in.`, { modal: true, detail: 'Read them in webmail if you have not.' }, 'Accept and Sign In');
      if (accepted !== 'Accept and Sign In') {
        return undefined;
      }
      result = await this.progress('Signing in…', (signal) => api.signInBasic(user.trim(), password, signal, { rememberUser, acceptTermsOfUse: true }));
    }
    if (result.kind === 'twoFactorRequired') {
      result = await this.withOneTimePassword(api, result.user, result.token);
    }
    return this.finish(serverUrl, result);
  }

  private async withOneTimePassword(api: WorldClientApi, user: string, token: string): Promise<SignInResult | undefined> {
    for (;;) {
      const code = await this.ui.showInputBox({
        title: 'Two-factor authentication',
        prompt: 'Enter the one-time code from your authenticator app. Leave it empty and press Enter to have a code sent by email.',
        ignoreFocusOut: true,
      });
      if (code === undefined) {
        return undefined;
      }
      if (code.trim()) {
        return this.progress('Checking the code…', (signal) => api.signInTwoFactor(user, token, code.trim(), signal));
      }
      await this.progress('Sending a code by email…', (signal) => api.sendTwoFactorCode(user, token, signal));
      void this.ui.showMessage('info', 'A one-time code is on its way to your mailbox.', {});
    }
  }

  private async finish(serverUrl: string, result: SignInResult | undefined): Promise<Credentials | undefined> {
    if (!result) {
      return undefined;
    }
    switch (result.kind) {
      case 'signedIn':
        await this.sessions.save(serverUrl, result.credentials);
        if (result.twoFactorSetupPending) {
          void this.ui.showMessage('warning', 'Signed in, but the server asks you to set up two-factor authentication in webmail.', {});
        }
        return result.credentials;
      case 'passwordExpired':
        throw new WorldClientError('signInRefused', 'Your password has expired. Change it in WorldClient webmail, then sign in again.');
      default:
        throw new WorldClientError('signInRefused', 'The server did not finish signing in. Try again, or paste a session token instead.');
    }
  }

  private async withToken(serverUrl: string): Promise<Credentials | undefined> {
    const session = await this.ui.showInputBox({
      title: `Session token for ${serverUrl}`,
      prompt: 'Paste the session token. It is kept in VS Code\'s secret storage only.',
      password: true,
      validateInput: (value) => (/^\S+$/.test(value.trim()) ? undefined : 'A session token has no spaces.'),
    });
    if (!session) {
      return undefined;
    }
    const csrfToken = await this.ui.showInputBox({
      title: `CSRF token for ${serverUrl} (optional)`,
      prompt: 'Paste the CSRF token if the server uses them (writes answer 403 without it); leave empty otherwise.',
      password: true,
    });
    if (csrfToken === undefined) {
      return undefined;
    }
    const credentials: Credentials = { session: session.trim(), csrfToken: csrfToken.trim() || undefined };
    const probe = this.connection.withCredentials(credentials);
    try {
      await this.progress('Checking the session…', (signal) => probe.ping(signal));
    } catch (error) {
      if (error instanceof WorldClientError && error.kind === 'sessionExpired') {
        throw new WorldClientError('signInRefused', 'The server does not accept that session token (it may have expired). Sign in with your password, or copy a fresh token.');
      }
      throw error;
    } finally {
      await probe.dispose();
    }
    await this.sessions.save(serverUrl, credentials);
    return credentials;
  }

  private progress<T>(title: string, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return withCancellableProgress(title, task);
  }
}
