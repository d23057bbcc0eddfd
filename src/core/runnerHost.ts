import * as vscode from 'vscode';
import type { RunnerHost } from './commandRunner';

/** The command runner's window side: the command registry, its button labels and the settings editor. */
export function windowRunnerHost(): RunnerHost {
  return {
    registerCommand: (commandId, handler) => vscode.commands.registerCommand(commandId, handler),
    // Looked up per use rather than at load, so the labels follow the l10n bundle; a choice is
    // compared against the same lookup.
    labels: () => ({
      showLog: vscode.l10n.t('Show Log'),
      signIn: vscode.l10n.t('Sign In'),
      trustCertificate: vscode.l10n.t('Trust a Certificate…'),
    }),
    openCertificateSettings: () => vscode.commands.executeCommand('workbench.action.openSettings', 'worldclientRtc.trustedCertificates'),
  };
}
