/**
 * How long a panel took to open, in milliseconds since it was created (or revealed by the
 * open command): the room's arrival, the webview's first `ready`, the first rows on screen.
 * For the log, the integration tests and the benchmark.
 */
export class OpenTimings {
  private openedAt = Date.now();
  loadedMs: number | undefined;
  webviewReadyMs: number | undefined;
  firstRowsMs: number | undefined;

  /** An open command revealed the panel: the "first rows" clock starts again. */
  restart(): void {
    this.openedAt = Date.now();
    this.firstRowsMs = undefined;
  }

  noteLoaded(): void {
    this.loadedMs ??= this.elapsed();
  }

  noteWebviewReady(): void {
    this.webviewReadyMs ??= this.elapsed();
  }

  /** Returns the time when these are the first rows on screen since opening, else undefined. */
  noteRowsShown(): number | undefined {
    if (this.firstRowsMs !== undefined) {
      return undefined;
    }
    this.firstRowsMs = this.elapsed();
    return this.firstRowsMs;
  }

  private elapsed(): number {
    return Date.now() - this.openedAt;
  }
}
