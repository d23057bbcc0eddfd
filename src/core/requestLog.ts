import type * as vscode from 'vscode';
import type { RequestLogEntry } from '../api/types';

const KEPT_ENTRIES = 50;

/** A logged request and when it finished (ms since the epoch), for the curl picker. */
export interface LoggedRequest {
  entry: RequestLogEntry;
  at: number;
}

/**
 * Writes one line per HTTP attempt to the "WorldClient RTC" log and keeps the latest ones
 * for "Copy Request as curl". Entries arrive with the session already removed by the client.
 */
export class RequestLog {
  private readonly entries: LoggedRequest[] = [];

  constructor(
    private readonly channel: vscode.LogOutputChannel,
    private readonly now: () => number = Date.now,
  ) {}

  record(entry: RequestLogEntry): void {
    this.entries.push({ entry, at: this.now() });
    if (this.entries.length > KEPT_ENTRIES) {
      this.entries.shift();
    }
    const outcome = entry.error ? `failed: ${entry.error}` : `${entry.status ?? '-'}`;
    const retry = entry.attempt > 1 ? ` (attempt ${entry.attempt})` : '';
    const line = `${entry.method} ${entry.url} → ${outcome} · ${Math.round(entry.ms)} ms · ${entry.bytes} B${retry}`;
    if (entry.error || (entry.status !== undefined && entry.status >= 400 && !entry.expected)) {
      this.channel.warn(line);
    } else {
      this.channel.info(line);
    }
  }

  /** Newest first. */
  recent(): readonly LoggedRequest[] {
    return [...this.entries].reverse();
  }
}
