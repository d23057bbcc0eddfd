import type { UrlStyle } from '../api/types';

/** The command line of `worldclient-rtc-check check …`, parsed; the session is never one of them (process lists show arguments). */
export interface CheckOptions {
  server?: string;
  files: string[];
  rooms?: string[];
  format: 'text' | 'json' | 'sarif' | 'junit';
  output?: string;
  failOn: 'error' | 'warning' | 'never';
  config?: string;
  urlStyle: UrlStyle;
  timeoutSeconds: number;
  concurrency: number;
}

export type Command = { kind: 'help' } | { kind: 'version' } | { kind: 'check'; options: CheckOptions };

/** A command line the checker cannot run: exit code 2 with this one line. */
export class UsageError extends Error {}

export const USAGE = `Usage: worldclient-rtc-check check (--server URL | --file FILE…) [options]

Checks WorldClient RTC rooms against the API contract (and the team's contract file).

  --server URL             load the rooms from this server (the session comes from the environment)
  --rooms ID,ID            only these rooms (with --server)
  --file FILE…             check exported room files instead, without any server
  --format FORMAT          text (default), json, sarif or junit
  --output FILE            write the report to FILE instead of standard output
  --fail-on LEVEL          error (default), warning or never: which findings make the exit code 1
  --config FILE            the team's contract file (default: .vscode/worldclient-rtc.contract.json if present)
  --url-style STYLE        path (default) or query
  --timeout SECONDS        per request (default 30)
  --concurrency N          rooms loaded at once (default 4)
  --help, --version

Environment: WORLDCLIENT_RTC_SESSION (and WORLDCLIENT_RTC_CSRF), or WORLDCLIENT_RTC_USER and
WORLDCLIENT_RTC_PASSWORD to sign in. Exit codes: 0 nothing at or above --fail-on, 1 something
was, 2 the check could not run.`;

const FORMATS = ['text', 'json', 'sarif', 'junit'] as const;
const FAIL_ON = ['error', 'warning', 'never'] as const;
const URL_STYLES = ['path', 'query'] as const;
/** Options that would carry a secret: refused, so a session never lands in a process list or a CI log. */
const SECRET_OPTIONS = ['--session', '--password', '--csrf', '--token'];

export function parseCommandLine(argv: readonly string[]): Command {
  if (argv.includes('--help') || argv.includes('-h') || argv.length === 0) {
    return { kind: 'help' };
  }
  if (argv.includes('--version')) {
    return { kind: 'version' };
  }
  const [command, ...rest] = argv;
  if (command !== 'check') {
    throw new UsageError(`Unknown command "${command.slice(0, 40)}"; the command is "check" (see --help).`);
  }
  const options: CheckOptions = { files: [], format: 'text', failOn: 'error', urlStyle: 'path', timeoutSeconds: 30, concurrency: 4 };
  for (let index = 0; index < rest.length; index++) {
    const [name, inline] = splitOption(rest[index]);
    const value = (): string => {
      const next = inline ?? rest[++index];
      if (next === undefined || (inline === undefined && next.startsWith('--'))) {
        throw new UsageError(`${name} needs a value (see --help).`);
      }
      return next;
    };
    if (SECRET_OPTIONS.includes(name)) {
      const where = 'the session comes from the environment (WORLDCLIENT_RTC_SESSION), never the command line';
      throw new UsageError(`${name} is not an option: ${where}.`);
    }
    switch (name) {
      case '--server':
        options.server = value();
        break;
      case '--rooms':
        options.rooms = value()
          .split(',')
          .filter((id) => id !== '');
        break;
      case '--file':
        options.files.push(value());
        while (index + 1 < rest.length && !rest[index + 1].startsWith('--')) {
          options.files.push(rest[++index]);
        }
        break;
      case '--format':
        options.format = oneOf(name, value(), FORMATS);
        break;
      case '--output':
        options.output = value();
        break;
      case '--fail-on':
        options.failOn = oneOf(name, value(), FAIL_ON);
        break;
      case '--config':
        options.config = value();
        break;
      case '--url-style':
        options.urlStyle = oneOf(name, value(), URL_STYLES);
        break;
      case '--timeout':
        options.timeoutSeconds = positiveNumber(name, value());
        break;
      case '--concurrency':
        options.concurrency = Math.floor(positiveNumber(name, value()));
        break;
      default:
        throw new UsageError(`Unknown option "${name.slice(0, 40)}" (see --help).`);
    }
  }
  if ((options.server === undefined) === (options.files.length === 0)) {
    throw new UsageError('Give either --server URL or --file FILE… (see --help).');
  }
  if (options.rooms && options.server === undefined) {
    throw new UsageError('--rooms goes with --server.');
  }
  return { kind: 'check', options };
}

function splitOption(argument: string): [string, string | undefined] {
  const equals = argument.indexOf('=');
  return argument.startsWith('--') && equals > 0 ? [argument.slice(0, equals), argument.slice(equals + 1)] : [argument, undefined];
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${name} is one of ${allowed.join(', ')}, not "${value.slice(0, 40)}".`);
  }
  return value as T;
}

function positiveNumber(name: string, value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number < 1) {
    throw new UsageError(`${name} takes a number of at least 1, not "${value.slice(0, 40)}".`);
  }
  return number;
}
