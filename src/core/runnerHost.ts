import * as vscode from 'vscode';
import type { RunnerHost } from './commandRunner';
import { formatCount } from './numbers';

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
      showDetails: vscode.l10n.t('Show Details'),
      moreInLog: (count) => vscode.l10n.t('…and {0} more, listed in the log.', formatCount(count)),
    }),
    openCertificateSettings: () => vscode.commands.executeCommand('workbench.action.openSettings', 'worldclientRtc.trustedCertificates'),
  };
}
