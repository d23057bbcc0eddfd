/** The moments `npm run bench` times in a room panel (test/bench/panelBench.ts reads them). */
export type BenchmarkMark = 'scriptStart' | 'firstState' | 'firstRows';

/**
 * Records, once, the wall-clock time a moment was first reached, as `data-<mark>-at` on the
 * page's root element, where the benchmark reads it. The only benchmark code in the
 * webview: it costs one attribute write per mark per panel, and nothing reads it in use.
 */
export function markForBenchmark(mark: BenchmarkMark): void {
  document.documentElement.dataset[`${mark}At`] ??= String(Date.now());
}
