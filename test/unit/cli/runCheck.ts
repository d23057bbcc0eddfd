import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import Ajv04 from 'ajv-draft-04';
import sarifSchema from './sarif/sarif-schema-2.1.0.json';

/** The checker as `npm run build` makes it, run as a user runs it: a child process. */
export const CLI_JS = path.resolve(__dirname, '../../../../dist/cli.js');

/** A finding as `--format json` reports it. */
export interface JsonFinding {
  ruleId: string;
  severity: string;
  roomId: string;
  message: string;
  location: { kind: string; field: string; index?: number };
  file?: { path: string; line: number; column: number };
}

export interface CheckResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the checker (or `command`, an installed bin) with only the environment given (no session leaks in from the caller's). */
export function runCheck(
  args: readonly string[],
  env: Record<string, string> = {},
  options: { command?: string; cwd?: string } = {},
): Promise<CheckResult> {
  if (!options.command && !existsSync(CLI_JS)) {
    throw new Error(`${CLI_JS} is missing: run npm run build first.`);
  }
  const [file, argv] = options.command ? [options.command, args] : [process.execPath, [CLI_JS, ...args]];
  return new Promise((resolve) => {
    execFile(file, argv, { env: { PATH: process.env.PATH ?? '', ...env }, cwd: options.cwd, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** The official SARIF 2.1.0 schema (draft-04), with its three formats checked for real. */
export function sarifValidator(): (log: unknown) => string[] {
  const isUri = (text: string) => URL.canParse(text);
  const ajv = new Ajv04({ allErrors: true, strict: false });
  ajv.addFormat('uri', isUri);
  ajv.addFormat('uri-reference', (text: string) => URL.canParse(text, 'file:///base/'));
  ajv.addFormat('date-time', (text: string) => !Number.isNaN(Date.parse(text)));
  const validate = ajv.compile(sarifSchema);
  return (log) => (validate(log) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`));
}
