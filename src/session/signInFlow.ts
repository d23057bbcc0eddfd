import * as vscode from 'vscode';
import { isSessionExpired, WorldClientError } from '../api/errors';
import type { WorldClientApi } from '../api/client';
import type { Credentials, SignInResult } from '../api/types';
import { serverUrlComesFromWorkspace } from '../core/settings';
import type { Ui } from '../core/prompts';
import { withCancellableProgress } from '../core/cancellation';
import { shownServer, type ConnectionSnapshot, type ServerConnection } from '../core/serverConnection';
import type { SessionStore } from '../core/sessionStore';
import { askServerUrl, confirmInsecureServer, confirmLookAlikeHost } from './serverUrlInput';

type Method = 'password' | 'passwordRemembered' | 'token';

/**
 * Signs in the way the WorldClient API allows: email and password (with the one-time code
 * when the server asks for 2FA), or a session token pasted from elsewhere. The password is
 * only ever held in this function's locals; the session goes to SecretStorage.
 */
export class SignInFlow {
  /** The e-mail address typed last, so a failed or cancelled sign-in does not make the user type it again. Not a secret; memory only. */
  private lastUser = '';

  constructor(
    private readonly ui: Ui,
    private readonly connection: ServerConnection,
    private readonly sessions: SessionStore,
  ) {}

  /** Resolves true when a session is stored for the configured server. */
  async run(): Promise<boolean> {
    const serverUrl = this.connection.serverUrl || (await askServerUrl(this.ui, ''));
    if (!serverUrl || !(await confirmLookAlikeHost(this.ui, serverUrl)) || !(await confirmInsecureServer(this.ui, serverUrl))) {
      return false;
    }
    await this.connection.useServer(serverUrl);
    // Every prompt names this server, and the password or token goes to it or nowhere.
    this.target(serverUrl);
    const method = await this.pickMethod(serverUrl);
    if (!method) {
      return false;
    }
    const credentials =
      method === 'token' ? await this.withToken(serverUrl) : await this.withPassword(serverUrl, method === 'passwordRemembered');
    if (!credentials) {
      return false;
    }
    void this.ui.showMessage('info', vscode.l10n.t('Signed in to {0}.', shownServer(serverUrl)), {});
    return true;
  }

  private async pickMethod(serverUrl: string): Promise<Method | undefined> {
    const items: (vscode.QuickPickItem & { method: Method })[] = [
      {
        label: vscode.l10n.t('$(account) Sign in with email and password'),
        detail: vscode.l10n.t('The password is sent once and never stored.'),
        method: 'password',
      },
      {
        label: vscode.l10n.t('$(pinned) Sign in with email and password, and stay signed in'),
        detail: vscode.l10n.t('The server may renew an expired session for you (remember me).'),
        method: 'passwordRemembered',
      },
      {
        label: vscode.l10n.t('$(key) Paste a session token'),
        detail: vscode.l10n.t('Use a session you already have (and its CSRF token, if the server uses them).'),
        method: 'token',
      },
    ];
    // A repository's .vscode/settings.json can choose the server: say so before a password is typed.
    const title = serverUrlComesFromWorkspace()
      ? vscode.l10n.t("Sign in to {0} (from this folder's settings)", shownServer(serverUrl))
      : vscode.l10n.t('Sign in to {0}', shownServer(serverUrl));
    const picked = await this.ui.showQuickPick(items, { title });
    return picked?.method;
  }

  private async withPassword(serverUrl: string, rememberUser: boolean): Promise<Credentials | undefined> {
    let refusal: string | undefined;
    let user: string;
    let password: string;
    let result: SignInResult | undefined;
    // Wrong credentials ask again, with the reason in the prompt and the address kept: an error
    // notification would stay on screen after the next attempt succeeds.
    for (;;) {
      const typed = await this.ui.showInputBox({
        title: vscode.l10n.t('Sign in to {0} (1/2)', shownServer(serverUrl)),
        prompt: refusal ? vscode.l10n.t('{0} Try again, or press Escape to stop.', refusal) : vscode.l10n.t('Email address'),
        placeHolder: 'you@example.com',
        value: this.lastUser,
        validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('Enter the email address you sign in to webmail with.')),
      });
      if (!typed) {
        return undefined;
      }
      user = typed.trim();
      this.lastUser = user;
      const typedPassword = await this.ui.showInputBox({
        title: vscode.l10n.t('Sign in to {0} (2/2)', shownServer(serverUrl)),
        prompt: vscode.l10n.t('Password for {0}', user),
        password: true,
      });
      if (!typedPassword) {
        return undefined;
      }
      password = typedPassword;
      try {
        const api = this.target(serverUrl).api();
        result = await this.progress(vscode.l10n.t('Signing in…'), (signal) => api.signInBasic(user, password, signal, { rememberUser }));
        break;
      } catch (error) {
        if (!(error instanceof WorldClientError && error.kind === 'signInRefused' && error.serverError === 'InvalidUserOrPassword')) {
          throw error;
        }
        refusal = error.message;
      }
    }
    if (result.kind === 'termsOfUseRequired') {
      const accept = vscode.l10n.t('Accept and Sign In');
      const accepted = await this.ui.showMessage(
        'info',
        vscode.l10n.t('{0} asks you to accept its terms of use before signing in.', shownServer(serverUrl)),
        { modal: true, detail: vscode.l10n.t('Read them in webmail if you have not.') },
        accept,
      );
      if (accepted !== accept) {
        return undefined;
      }
      const api = this.target(serverUrl).api();
      result = await this.progress(vscode.l10n.t('Signing in…'), (signal) =>
        api.signInBasic(user, password, signal, { rememberUser, acceptTermsOfUse: true }),
      );
    }
    if (result.kind === 'twoFactorRequired') {
      result = await this.withOneTimePassword(serverUrl, result.user, result.token);
    }
    return this.finish(serverUrl, result);
  }

  private async withOneTimePassword(serverUrl: string, user: string, token: string): Promise<SignInResult | undefined> {
    for (;;) {
      const code = await this.ui.showInputBox({
        title: vscode.l10n.t('Two-factor authentication'),
        prompt: vscode.l10n.t(
          'Enter the one-time code from your authenticator app. Leave it empty and press Enter to have a code sent by email.',
        ),
        ignoreFocusOut: true,
      });
      if (code === undefined) {
        return undefined;
      }
      const api = this.target(serverUrl).api();
      if (code.trim()) {
        return this.progress(vscode.l10n.t('Checking the code…'), (signal) => api.signInTwoFactor(user, token, code.trim(), signal));
      }
      await this.progress(vscode.l10n.t('Sending a code by email…'), (signal) => api.sendTwoFactorCode(user, token, signal));
      void this.ui.showMessage('info', vscode.l10n.t('A one-time code is on its way to your mailbox.'), {});
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
          void this.ui.showMessage(
            'warning',
            vscode.l10n.t('Signed in, but the server asks you to set up two-factor authentication in webmail.'),
            {},
          );
        }
        return result.credentials;
      case 'passwordExpired':
        throw new WorldClientError(
          'signInRefused',
          vscode.l10n.t('Your password has expired. Change it in WorldClient webmail, then sign in again.'),
        );
      default:
        throw new WorldClientError(
          'signInRefused',
          vscode.l10n.t('The server did not finish signing in. Try again, or paste a session token instead.'),
        );
    }
  }

  private async withToken(serverUrl: string): Promise<Credentials | undefined> {
    const session = await this.ui.showInputBox({
      title: vscode.l10n.t('Session token for {0}', shownServer(serverUrl)),
      prompt: vscode.l10n.t("Paste the session token. It is kept in VS Code's secret storage only."),
      password: true,
      validateInput: (value) => (/^\S+$/.test(value.trim()) ? undefined : vscode.l10n.t('A session token has no spaces.')),
    });
    if (!session) {
      return undefined;
    }
    const csrfToken = await this.ui.showInputBox({
      title: vscode.l10n.t('CSRF token for {0} (optional)', shownServer(serverUrl)),
      prompt: vscode.l10n.t('Paste the CSRF token if the server uses them (writes answer 403 without it); leave empty otherwise.'),
      password: true,
    });
    if (csrfToken === undefined) {
      return undefined;
    }
    const credentials: Credentials = { session: session.trim(), csrfToken: csrfToken.trim() || undefined };
    const probe = this.target(serverUrl).withCredentials(credentials);
    try {
      await this.progress(vscode.l10n.t('Checking the session…'), (signal) => checkSession(probe, signal));
    } catch (error) {
      if (isSessionExpired(error)) {
        throw new WorldClientError(
          'signInRefused',
          vscode.l10n.t(
            'The server does not accept that session token (it may have expired). Sign in with your password, or copy a fresh token.',
          ),
        );
      }
      throw error;
    } finally {
      await probe.dispose();
    }
    await this.sessions.save(serverUrl, credentials);
    return credentials;
  }

  /** The connection, when it still points at the server the prompts named; otherwise nothing is sent. */
  private target(serverUrl: string): ConnectionSnapshot {
    return this.connection.still(serverUrl, (now) =>
      vscode.l10n.t(
        'You were signing in to {0}, but the extension now points at {1}. Nothing was sent; sign in again.',
        shownServer(serverUrl),
        now,
      ),
    );
  }

  private progress<T>(title: string, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return withCancellableProgress(title, task);
  }
}

/**
 * Checks a pasted session with `ping`, which arrived in API 3.5; a 3.4 server answers it "not
 * found", and then the RTC room list (there since 3.4) is what shows the session is good.
 */
async function checkSession(probe: WorldClientApi, signal: AbortSignal): Promise<void> {
  try {
    await probe.ping(signal);
  } catch (error) {
    if (!(error instanceof WorldClientError && error.kind === 'notFound')) {
      throw error;
    }
    await probe.listRooms(signal);
  }
}
