import { signInLines } from '../sandbox/cli';
import type { Sandbox, SandboxOptions } from '../sandbox/types';

/**
 * What `npm start` prints before the workbench: where the sandbox is and everything needed to sign
 * in to it, the CSRF token and one-time code included when --csrf or --2fa ask for them.
 */
export function startBanner(sandbox: Sandbox, options: SandboxOptions, folder: string): string[] {
  const kept = options.persistPath
    ? `, kept in ${options.persistPath} between starts`
    : '; changes are lost at Ctrl+C unless you add --persist FILE';
  return [
    '',
    `Sandbox WorldClient server: ${sandbox.url}  (${sandbox.store.list().length} rooms${kept})`,
    '  Sign in with the user and password below, or choose "Paste a session token" and paste the session:',
    ...signInLines(sandbox, options),
    ...onPurpose(options),
    `Workspace folder: ${folder}  (its settings point worldclientRtc.serverUrl at the sandbox)`,
  ];
}

/**
 * Rooms seeded to misbehave are flagged by the extension (red rows, problems in the status bar); a
 * newcomer should know they are test data, not a fault of the setup.
 */
function onPurpose(options: SandboxOptions): string[] {
  const kinds = [
    options.seed?.hostile ? 'some carry HTML and script in their ids and fields (shown as text, and marked as problems)' : '',
    options.seed?.contractBreaking ? 'some break the API contract (the extension marks them as problems)' : '',
  ].filter(Boolean);
  return kinds.length ? [`  Rooms that misbehave on purpose, to try the extension on: ${kinds.join('; ')}.`] : [];
}
