import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { errorMessage } from '../api/errors';
import { redactSecrets } from '../api/redact';
import { applyContract, compileContract, CONTRACT_FILE_NAME, EMPTY_CONTRACT, type Contract } from '../shared/contract/contractFile';
import type { Severity } from '../shared/contract/rules';
import { checkFileRooms } from './fileRooms';
import type { CheckRun, Finding } from './findings';
import { parseCommandLine, UsageError, USAGE, type CheckOptions } from './options';
import { jsonReport, junitReport, sarifReport, textReport } from './reports';
import { checkServer, type SessionSource } from './serverRooms';

/** What the checker touches of its process, so tests can run it in-process as well as a child. */
export interface CliIo {
  env: Record<string, string | undefined>;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  cwd: string;
  now: () => number;
}

export const EXIT_CLEAN = 0;
export const EXIT_FOUND = 1;
export const EXIT_COULD_NOT_RUN = 2;

const SEVERITY_RANK: Record<Severity, number> = { information: 0, warning: 1, error: 2 };

/** Runs `worldclient-rtc-check` with its arguments; resolves with the exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo, version: string): Promise<number> {
  const secrets: (string | undefined)[] = [io.env.WORLDCLIENT_RTC_SESSION, io.env.WORLDCLIENT_RTC_CSRF, io.env.WORLDCLIENT_RTC_PASSWORD];
  try {
    const command = parseCommandLine(argv);
    if (command.kind === 'help') {
      io.stdout.write(`${USAGE}\n`);
      return EXIT_CLEAN;
    }
    if (command.kind === 'version') {
      io.stdout.write(`${version}\n`);
      return EXIT_CLEAN;
    }
    const options = command.options;
    const contract = await readContract(options, io);
    const run = await check(options, contract, io, secrets);
    const { kept, suppressed } = applyContract(run.findings, contract);
    const result: CheckRun = { roomIds: run.roomIds, findings: kept as Finding[], suppressed };
    // Every report is redacted as the extension's errors are: a server may echo a session in a room's fields.
    const report = redactSecrets(render(options, result, contract, io, version), secrets);
    if (options.output) {
      await writeFile(options.output, report);
    } else {
      io.stdout.write(report);
    }
    return fails(result.findings, options.failOn) ? EXIT_FOUND : EXIT_CLEAN;
  } catch (error) {
    const reason = error instanceof UsageError ? `${error.message}` : errorMessage(error);
    io.stderr.write(`${TOOL}: ${redactSecrets(reason.split('\n')[0], secrets)}\n`);
    return EXIT_COULD_NOT_RUN;
  }
}

const TOOL = 'worldclient-rtc-check';

async function check(options: CheckOptions, contract: Contract, io: CliIo, secrets: (string | undefined)[]): Promise<CheckRun> {
  const now = io.now();
  if (options.server === undefined) {
    const runs = await Promise.all(
      options.files.map(async (path) => {
        const text = await readFile(path, 'utf8').catch((error: unknown) => {
          throw new UsageError(`Could not read ${path}: ${errorMessage(error)}`);
        });
        return checkFileRooms(path, text, { now, custom: contract.custom });
      }),
    );
    return { roomIds: runs.flatMap((run) => run.roomIds), findings: runs.flatMap((run) => run.findings), suppressed: 0 };
  }
  const progress = io.stderr.isTTY
    ? (done: number, total: number) => io.stderr.write(`\rChecked ${done} of ${total} rooms${done === total ? '\n' : ''}`)
    : undefined;
  const { roomIds, problems } = await checkServer(
    {
      baseUrl: options.server,
      urlStyle: options.urlStyle,
      timeoutMs: options.timeoutSeconds * 1000,
      concurrency: options.concurrency,
      rooms: options.rooms,
      custom: contract.custom,
      now,
      secrets,
      onProgress: progress,
    },
    sessionFrom(io.env),
  );
  return { roomIds, findings: problems, suppressed: 0 };
}

function sessionFrom(env: CliIo['env']): SessionSource {
  const session = env.WORLDCLIENT_RTC_SESSION;
  if (session) {
    return { session, csrfToken: env.WORLDCLIENT_RTC_CSRF || undefined };
  }
  const user = env.WORLDCLIENT_RTC_USER;
  const password = env.WORLDCLIENT_RTC_PASSWORD;
  if (user && password) {
    return { user, password };
  }
  throw new UsageError('No session: set WORLDCLIENT_RTC_SESSION, or WORLDCLIENT_RTC_USER and WORLDCLIENT_RTC_PASSWORD to sign in.');
}

/** The contract file named by --config, else the workspace's own if there is one; one that does not compile stops the run. */
async function readContract(options: CheckOptions, io: CliIo): Promise<Contract> {
  const path = options.config ?? (existsSync(`${io.cwd}/${CONTRACT_FILE_NAME}`) ? `${io.cwd}/${CONTRACT_FILE_NAME}` : undefined);
  if (path === undefined) {
    return EMPTY_CONTRACT;
  }
  const text = await readFile(path, 'utf8').catch((error: unknown) => {
    throw new UsageError(`Could not read the contract file ${path}: ${errorMessage(error)}`);
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { contract, problems } = compileContract(text, () => (require('ajv') as typeof import('ajv')).default);
  if (problems.length > 0) {
    const [first] = problems;
    const at = first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
    throw new UsageError(`${path}${at}: ${first.message}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`);
  }
  return contract;
}

function render(options: CheckOptions, run: CheckRun, contract: Contract, io: CliIo, version: string): string {
  switch (options.format) {
    case 'json':
      return jsonReport(run);
    case 'sarif':
      return sarifReport(run, contract.custom, version);
    case 'junit':
      return junitReport(run);
    default:
      return textReport(run, options.output === undefined && io.stdout.isTTY === true && !io.env.NO_COLOR);
  }
}

function fails(findings: readonly Finding[], failOn: CheckOptions['failOn']): boolean {
  return failOn !== 'never' && findings.some((finding) => SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[failOn]);
}
