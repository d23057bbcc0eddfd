import type { Problem } from '../shared/contract/rules';

/** Where a finding is in a checked file, 1-based as editors and SARIF count. */
export interface FilePlace {
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface Finding extends Problem {
  file?: FilePlace;
}

/** What one run checked and found. */
export interface CheckRun {
  /** Every room checked, with or without findings (JUnit lists each as a suite). */
  roomIds: string[];
  findings: Finding[];
  /** Findings the contract file suppressed. */
  suppressed: number;
}

/**
 * One room's findings: the list's, then the reply's, the same break found in both kept once
 * (as the extension's Problems panel keeps it).
 */
export function mergeListAndReply(fromList: readonly Problem[], fromReply: readonly Problem[]): Problem[] {
  const replyKeys = new Set(fromReply.map(problemKey));
  return [...fromList.filter((problem) => !replyKeys.has(problemKey(problem))), ...fromReply];
}

export function problemKey(problem: Problem): string {
  return `${problem.ruleId}|${JSON.stringify(problem.location)}`;
}

/** The field a finding is about, as `members` or `messages[3].salt`. */
export function fieldPath(problem: Problem): string {
  return problem.location.kind === 'room' ? problem.location.field : `messages[${problem.location.index}].${problem.location.field}`;
}
