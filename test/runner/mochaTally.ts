/**
 * Counts mocha's own summary lines ("12 passing", "1 failing", "2 pending") in the output relayed
 * from the extension host, so the runner can end with the one plain line CI reads.
 */
export class MochaTally {
  passed = 0;
  failed = 0;
  pending = 0;
  /** True once mocha printed its "N passing" line, i.e. the suite ran to its end. */
  sawSummary = false;
  private partial = '';

  /** Accepts arbitrary chunks; lines may be split across them. */
  feed(chunk: string): void {
    const lines = (this.partial + chunk).split(/\r?\n/);
    this.partial = lines.pop() ?? '';
    lines.forEach((line) => this.line(line));
  }

  /** Feeds what is left after the last newline. */
  flush(): void {
    if (this.partial) {
      this.line(this.partial);
      this.partial = '';
    }
  }

  private line(raw: string): void {
    const line = raw.replace(/\x1b\[[0-9;]*m/g, '');
    const match = /^\s*(\d+) (passing|failing|pending)\b/.exec(line);
    if (!match) {
      return;
    }
    const count = Number(match[1]);
    if (match[2] === 'passing') {
      this.passed += count;
      this.sawSummary = true;
    } else if (match[2] === 'failing') {
      this.failed += count;
    } else {
      this.pending += count;
    }
  }
}

export interface RunResult {
  /** e.g. "offline — VS Code 1.100.3 (code-server 4.100.3) in Chromium". */
  readonly label: string;
  readonly ok: boolean;
  readonly passed: number;
  readonly failed: number;
  readonly pending: number;
  /** Wall time of the run itself, without installing. */
  readonly seconds: number;
  /** Time spent installing this host first, if it was not cached. */
  readonly installSeconds?: number;
  /** Why a run failed without a mocha summary (crash, timeout, install error). */
  readonly problem?: string;
}

/**
 * A run that failed before mocha reported counts as one failure, so the closing line never says
 * "0 failed" next to a non-zero exit code.
 */
export function summarize(results: readonly RunResult[]): { passed: number; failed: number; pending: number } {
  let passed = 0;
  let failed = 0;
  let pending = 0;
  for (const result of results) {
    passed += result.passed;
    pending += result.pending;
    failed += !result.ok && result.failed === 0 ? 1 : result.failed;
  }
  return { passed, failed, pending };
}
