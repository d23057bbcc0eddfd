import type * as vscode from 'vscode';
import type { RequestLogEntry } from '../api/types';

const KEPT_ENTRIES = 50;

/**
 * Writes one line per HTTP attempt to the "WorldClient RTC" log and keeps the latest ones
 * for "Copy Request as curl". Entries arrive with the session already removed by the client.
 */
export class RequestLog {
  private readonly entries: RequestLogEntry[] = [];

  constructor(private readonly channel: vscode.LogOutputChannel) {}

  record(entry: RequestLogEntry): void {
    this.entries.push(entry);
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
  recent(): readonly RequestLogEntry[] {
    return [...this.entries].reverse();
  }
}
