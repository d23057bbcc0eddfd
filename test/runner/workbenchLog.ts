import * as fs from 'node:fs';
import { artifactName } from './workspace';

/**
 * The automation log hook carries the whole workbench log, not just the extension host's console:
 * dozens of startup, chat and auth lines per run that bury mocha's report. These patterns name
 * messages VS Code prints on every run; WORLDCLIENT_RTC_TEST_VERBOSE=1 shows them anyway, and
 * the complete log is saved to test-artifacts/ when a run fails.
 */
const routineWorkbenchMessages: RegExp[] = [
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket/,
  /^Ignoring fetching additional builtin extensions/,
  /^Updating additional builtin extensions cache/,
  /^\[Service Worker\]/,
  /^ChatSessionStore:/,
  /^\[(AgentHost|AgentHost:remote|ChatModelSelection|AccountPolicyGate|reconnection-grace-time)\]/,
  /^No search provider registered for scheme/,
  /^Creation of workbench contribution '[^']*' took/,
];

export class WorkbenchLog {
  private readonly lines: string[] = [];
  private size = 0;
  private readonly verbose = process.env.WORLDCLIENT_RTC_TEST_VERBOSE === '1';

  /** Records a message and says whether it is worth showing on the console. */
  add(level: string, text: string): boolean {
    const line = `[${level}] ${text}`;
    // Bounded: a runaway test printing in a loop must not exhaust memory.
    if (this.size < 20_000_000) {
      this.lines.push(line);
      this.size += line.length;
    }
    return this.verbose || !routineWorkbenchMessages.some((pattern) => pattern.test(text));
  }

  save(prefix: string): string {
    const file = artifactName(prefix, 'log');
    fs.writeFileSync(file, this.lines.join('\n') + '\n');
    return file;
  }
}
