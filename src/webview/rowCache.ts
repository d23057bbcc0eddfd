import type { MessageRow, RowPage } from '../shared/protocol';

export const PAGE_SIZE = 100;
/** Rows kept in memory at most, whatever the room size: about 30 screens. */
export const MAX_CACHED_ROWS = 3000;
/** A page asked for but not answered within this time is asked for again. */
const REQUEST_TIMEOUT_MS = 3000;

/**
 * The webview's bounded window onto the current view. Rows arrive in pages; when more than
 * MAX_CACHED_ROWS are held, those farthest from where the user is looking are dropped, so
 * memory stays flat while scrolling through 100,000 messages.
 */
export class RowCache {
  private readonly rows = new Map<number, MessageRow>();
  private readonly requested = new Map<number, number>();

  constructor(private readonly maxRows = MAX_CACHED_ROWS) {}

  get size(): number {
    return this.rows.size;
  }

  get(position: number): MessageRow | undefined {
    return this.rows.get(position);
  }

  reset(): void {
    this.rows.clear();
    this.requested.clear();
  }

  put(page: RowPage, focus: number): void {
    page.rows.forEach((row) => this.rows.set(row.position, row));
    this.requested.delete(page.start - (page.start % PAGE_SIZE));
    if (this.rows.size > this.maxRows) {
      this.evictFarFrom(focus);
    }
  }

  /** Page starts needed for [first, last] that are neither held nor already asked for. */
  takeMissingPages(first: number, last: number, now: number): number[] {
    const missing: number[] = [];
    for (let start = first - (first % PAGE_SIZE); start <= last; start += PAGE_SIZE) {
      const askedAt = this.requested.get(start);
      const held = this.rows.has(start) && this.rows.has(Math.min(start + PAGE_SIZE - 1, last));
      if (held || (askedAt !== undefined && now - askedAt < REQUEST_TIMEOUT_MS)) {
        continue;
      }
      this.requested.set(start, now);
      missing.push(start);
    }
    return missing;
  }

  private evictFarFrom(focus: number): void {
    const byDistance = [...this.rows.keys()].sort((a, b) => Math.abs(b - focus) - Math.abs(a - focus));
    for (const position of byDistance.slice(0, this.rows.size - this.maxRows)) {
      this.rows.delete(position);
    }
  }
}
