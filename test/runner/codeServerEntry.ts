/**
 * Starts code-server with one extra VS Code server flag it does not know: `enable-smoke-test-driver`.
 * VS Code 1.139 only honours the test payload in the workbench URL (extensionTestsPath, …) and only
 * exposes the automation hooks when the server runs with that flag; code-server rejects flags that
 * are missing from its option table, but passes every parsed option on to the VS Code server.
 *
 * Usage: node codeServerEntry.js <path of node_modules/code-server> [code-server arguments…]
 * It runs on the Node that code-server needs, which may differ from this repository's Node.
 */
import * as path from 'node:path';

interface CodeServerCli {
  options: Record<string, { type: unknown; description?: string }>;
}

const root = process.argv[2];
if (!root) {
  console.error('usage: codeServerEntry.js <code-server root> [args…]');
  process.exit(2);
}
// code-server parses process.argv.slice(2), so our own argument must disappear first.
process.argv.splice(2, 1);

// eslint-disable-next-line @typescript-eslint/no-require-imports
const cli = require(path.join(root, 'out', 'node', 'cli.js')) as CodeServerCli;
cli.options['enable-smoke-test-driver'] = {
  type: 'boolean',
  description: 'Added by the WorldClient RTC test runner: lets the workbench URL run extension tests.',
};
// entry.js starts the real server; its forked child receives the parsed options over IPC, so the
// patch is needed in this process only.
// eslint-disable-next-line @typescript-eslint/no-require-imports
require(path.join(root, 'out', 'node', 'entry.js'));
