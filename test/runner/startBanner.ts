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
    `Workspace folder: ${folder}  (its settings point worldclientRtc.serverUrl at the sandbox)`,
  ];
}
