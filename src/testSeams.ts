import { readFileSync } from 'node:fs';

/** The variable only our test runner sets (test/runner) to drive an installed (Production-mode) VSIX. */
export const TEST_SEAMS_VARIABLE = 'WORLDCLIENT_RTC_TEST_SEAMS';

/**
 * Whether activate() hands out its test seams (the prompts, the connection, the panels). Those
 * reach the session, so any other extension calling `getExtension(…).activate()` would get it:
 * they exist only in VS Code's Test mode, which no other extension can set, or when the extension
 * host was started with WORLDCLIENT_RTC_TEST_SEAMS=1. Other extensions share our process and can
 * write `process.env` before we activate, so on Linux the variable is read from the environment
 * the process started with (/proc/self/environ, which process.env writes do not change).
 */
export function testSeamsEnabled(inTestMode: boolean, startEnvironment: () => string | undefined = readStartEnvironment): boolean {
  return inTestMode || startEnvironment() === '1';
}

function readStartEnvironment(): string | undefined {
  let block: string;
  try {
    block = readFileSync('/proc/self/environ', 'latin1');
  } catch {
    // No /proc (macOS, Windows): only the live environment is there to read.
    return process.env[TEST_SEAMS_VARIABLE];
  }
  const prefix = `${TEST_SEAMS_VARIABLE}=`;
  return block
    .split('\0')
    .find((entry) => entry.startsWith(prefix))
    ?.slice(prefix.length);
}
