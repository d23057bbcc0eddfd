/**
 * How long a wait for something the extension will do may take before the test fails. Generous: in CI the
 * extension host shares two cores with code-server, the browser and the sandbox, and a watcher's event or
 * a poll can come seconds late there. What never comes still fails, only later.
 */
export const WAIT_MS = 20_000;
