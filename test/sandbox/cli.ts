// `npm run sandbox -- --port 8080 ...`: runs a sandbox until Ctrl+C or SIGTERM, printing what a
// person needs to point the extension at it. parseSandboxArgs is exported for other scripts.

import { SANDBOX_DEFAULTS, startSandbox } from './server';
import type { FaultRoute, RequestRecord, Sandbox, SandboxOptions, SeedOptions } from './types';

export const DEFAULT_CLI_PORT = 8080;

export const USAGE = `Usage: node out/test/sandbox/cli.js [options]

  --port N                  port to listen on (the CLI defaults to ${DEFAULT_CLI_PORT}; 0 = any free port)
  --host H                  address to bind (default ${SANDBOX_DEFAULTS.host})
Seed (default when none is given: --sample --odd-ids --hostile):
  --rooms N                 N bulk rooms "room-00001"...
  --messages N              messages in each bulk room
  --big-room N              a room "big" with N messages
  --sample                  a dozen realistic rooms
  --odd-ids                 rooms whose ids need percent-encoding
  --hostile                 rooms carrying HTML/script payloads
  --contract-breaking       one room per contract rule, each breaking that rule (break-…)
  --empty                   no rooms at all
Behaviour:
  --error-style status|ok200  errors as 4xx/5xx (default) or as HTTP 200 with {"error"}
  --csrf                    require X-CSRF-Token on writes
  --2fa                     sign-in needs a one-time code
  --password-expired        sign-in answers OldPassword
  --require-terms           sign-in needs terms_of_use_acknowledged
  --login-token             sign-in needs a one-use login token (settings?logon_settings=login_token)
  --renew-remembered        expired remembered sessions get a new_session
  --reject-encoded-slash    404 for %2F inside a path segment
  --delay MS                delay every reply by MS milliseconds
  --slow-body MS            rtc GET replies send 16 KiB at once and the rest after MS milliseconds
  --persist FILE            load rooms from FILE and save every change to it
  --session TOKEN           fixed initial session token
  --csrf-token TOKEN        fixed CSRF token for that session
  --user U --password P --one-time-password CODE   sign-in credentials
  --server-version V        version reported by settings?logon_settings=version
  --api-version 3.3|3.4|3.5 an older server: routes newer than that answer 404 (rtc needs 3.4, ping 3.5)
  --quiet                   do not log requests
  --help                    this text`;

const SEED_FLAGS = new Set(['--rooms', '--messages', '--big-room', '--sample', '--odd-ids', '--hostile', '--contract-breaking', '--empty']);
const ALL_ROUTES: readonly FaultRoute[] = ['rtc', 'authenticate', 'ping', 'settings'];

export class UsageError extends Error {
  constructor(message: string) {
    super(`${message}\n\n${USAGE}`);
    this.name = 'UsageError';
  }
}

/**
 * Turns command-line flags into SandboxOptions. Leaves `port` unset when --port is absent, so
 * scripts embedding a sandbox get a free port; the CLI itself then uses DEFAULT_CLI_PORT.
 */
export function parseSandboxArgs(argv: string[]): SandboxOptions {
  const options: SandboxOptions = {};
  const seed: SeedOptions = {};
  let seeded = false;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = splitFlag(argv[i]);
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--'))) {
        throw new UsageError(`${flag} needs a value`);
      }
      return v;
    };
    const count = (): number => toCount(flag, value());
    seeded ||= SEED_FLAGS.has(flag);
    switch (flag) {
      case '--port':
        options.port = toCount(flag, value(), 65535);
        break;
      case '--host':
        options.host = value();
        break;
      case '--rooms':
        seed.rooms = count();
        break;
      case '--messages':
        seed.messagesPerRoom = count();
        break;
      case '--big-room':
        seed.bigRoom = { id: 'big', messages: count() };
        break;
      case '--sample':
        seed.sample = true;
        break;
      case '--odd-ids':
        seed.oddIds = true;
        break;
      case '--hostile':
        seed.hostile = true;
        break;
      case '--contract-breaking':
        seed.contractBreaking = true;
        break;
      case '--empty':
        break;
      case '--error-style':
        options.errorStyle = toErrorStyle(value());
        break;
      case '--csrf':
        options.csrf = true;
        break;
      case '--2fa':
        options.twoFactor = true;
        break;
      case '--password-expired':
        options.passwordExpired = true;
        break;
      case '--require-terms':
        options.requireTermsOfUse = true;
        break;
      case '--login-token':
        options.requireLoginToken = true;
        break;
      case '--renew-remembered':
        options.renewRememberedSessions = true;
        break;
      case '--reject-encoded-slash':
        options.rejectEncodedSlashInPath = true;
        break;
      case '--delay': {
        const delayMs = count();
        options.faults = [...(options.faults ?? []), ...ALL_ROUTES.map((route) => ({ kind: 'delay', delayMs, route }) as const)];
        break;
      }
      case '--slow-body':
        options.faults = [...(options.faults ?? []), { kind: 'slowBody', delayMs: count(), method: 'GET', route: 'rtc' }];
        break;
      case '--persist':
        options.persistPath = value();
        break;
      case '--session':
        options.session = value();
        break;
      case '--csrf-token':
        options.csrfToken = value();
        break;
      case '--user':
        options.user = value();
        break;
      case '--password':
        options.password = value();
        break;
      case '--one-time-password':
        options.oneTimePassword = value();
        break;
      case '--server-version':
        options.version = value();
        break;
      case '--api-version':
        options.apiVersion = value();
        break;
      default:
        throw new UsageError(`unknown option ${argv[i]}`);
    }
  }
  options.seed = seeded ? seed : { sample: true, oddIds: true, hostile: true };
  return options;
}

function splitFlag(arg: string): [string, string | undefined] {
  const eq = arg.indexOf('=');
  return arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
}

function toCount(flag: string, text: string, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n > max) {
    throw new UsageError(
      `${flag} needs a whole number${max < Number.MAX_SAFE_INTEGER ? ` up to ${max}` : ''}, got ${JSON.stringify(text)}`,
    );
  }
  return n;
}

function toErrorStyle(text: string): 'status' | 'ok200' {
  if (text !== 'status' && text !== 'ok200') {
    throw new UsageError(`--error-style must be status or ok200, got ${JSON.stringify(text)}`);
  }
  return text;
}

export function describeSandbox(sandbox: Sandbox, options: SandboxOptions): string {
  const lines = [
    `WorldClient sandbox listening on ${sandbox.url}`,
    `  API:        ${sandbox.url}/WorldClientAPI`,
    ...signInLines(sandbox, options),
    `  rooms:      ${sandbox.store.list().length}${options.persistPath ? ` (persisted in ${options.persistPath})` : ''}`,
    'Press Ctrl+C to stop.',
  ];
  return lines.join('\n');
}

/**
 * Everything a person needs to sign in to this sandbox: the session to paste, the password, and
 * the CSRF token and one-time code when the options ask for them. `npm start` prints the same lines.
 */
export function signInLines(sandbox: Sandbox, options: SandboxOptions): string[] {
  const lines = [`  session:    ${sandbox.session}`];
  if (options.csrf) {
    lines.push(`  CSRF token: ${sandbox.csrfToken}  (writes need it; a pasted session needs it pasted too)`);
  }
  lines.push(`  sign in:    user ${options.user ?? SANDBOX_DEFAULTS.user}, password ${options.password ?? SANDBOX_DEFAULTS.password}`);
  lines.push(
    options.twoFactor
      ? `  2FA code:   ${options.oneTimePassword ?? SANDBOX_DEFAULTS.oneTimePassword}`
      : '  2FA:        off (--2fa to require a one-time code)',
  );
  return lines;
}

function logLine(record: RequestRecord): string {
  const query = Object.keys(record.query).length > 0 ? `?${new URLSearchParams(record.query).toString()}` : '';
  return `${new Date().toISOString()} ${record.method} ${record.path}${query} -> ${record.status || 'reset'}`;
}

async function main(argv: string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const quiet = argv.includes('--quiet');
  const options = parseSandboxArgs(argv.filter((arg) => arg !== '--quiet'));
  options.port ??= DEFAULT_CLI_PORT;
  if (!quiet) {
    options.onRequest = (record) => console.log(logLine(record));
  }
  const sandbox = await startSandbox(options);
  console.log(describeSandbox(sandbox, options));
  const shutdown = (signal: string): void => {
    console.log(`\n${signal}: stopping the sandbox`);
    sandbox.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(err instanceof UsageError ? 2 : 1);
  });
}
