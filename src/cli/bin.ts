import { runCli } from './main';

// The entry point of dist/cli.js and the npm package's bin; the version is the package's, set by the build.
declare const CLI_VERSION: string | undefined;
const version = typeof CLI_VERSION === 'string' ? CLI_VERSION : '0.0.0-dev';

const io = { env: process.env, stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), now: Date.now };
void runCli(process.argv.slice(2), io, version).then((code) => {
  process.exitCode = code;
});
