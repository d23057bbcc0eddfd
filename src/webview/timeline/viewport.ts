/**
 * The timeline's window onto the bars: which span of time is across the plot and which row is at
 * the top, and how zoom, pan and the keyboard move it. Pure (no DOM), so it is unit-tested.
 */
import { TIMELINE_LAYOUT } from '../../shared/timelineAxis';

export interface Viewport {
  from: number;
  to: number;
  firstRow: number;
}

/** A second across the whole plot at the closest, a thousand years at the farthest. */
export const MIN_SPAN_MS = 1000;
export const MAX_SPAN_MS = 1000 * 365 * 24 * 3600 * 1000;

function clampSpan(span: number): number {
  return Math.min(MAX_SPAN_MS, Math.max(MIN_SPAN_MS, span));
}

/** Zooms by `factor` (< 1 in, > 1 out) keeping the time at `anchor` where it is on screen. */
export function zoomAt(view: Viewport, factor: number, anchor: number): Viewport {
  const span = view.to - view.from;
  const newSpan = clampSpan(span * factor);
  const share = span > 0 ? (anchor - view.from) / span : 0.5;
  const from = anchor - share * newSpan;
  return { ...view, from, to: from + newSpan };
}

/** Moves the window along the time axis by a share of its span (negative: back in time). */
export function panBy(view: Viewport, share: number): Viewport {
  const shift = (view.to - view.from) * share;
  return { ...view, from: view.from + shift, to: view.to + shift };
}

/** Moves the window by a time span (a drag). */
export function panByTime(view: Viewport, ms: number): Viewport {
  return { ...view, from: view.from + ms, to: view.to + ms };
}

/** The top row, kept within the rows there are. */
export function clampFirstRow(firstRow: number, rowCount: number, visibleRows: number): number {
  return Math.max(0, Math.min(Math.round(firstRow), Math.max(0, rowCount - visibleRows)));
}

/** The top row that keeps `row` on screen, moving as little as possible. */
export function scrollToShow(firstRow: number, row: number, visibleRows: number): number {
  if (row < firstRow) {
    return row;
  }
  if (row >= firstRow + visibleRows) {
    return row - Math.max(1, visibleRows) + 1;
  }
  return firstRow;
}

/** The row under a point `offsetY` px down the plot, or -1 on the axis above the rows or below the last. */
export function rowAtY(offsetY: number, firstRow: number, rowCount: number): number {
  if (offsetY < TIMELINE_LAYOUT.axisHeight) {
    return -1;
  }
  const row = firstRow + Math.floor((offsetY - TIMELINE_LAYOUT.axisHeight) / TIMELINE_LAYOUT.rowHeight);
  return row < rowCount ? row : -1;
}

export type KeyAction =
  { kind: 'focus'; row: number } | { kind: 'view'; view: Viewport } | { kind: 'open' } | { kind: 'fit' } | { kind: 'none' };

export interface KeyContext {
  view: Viewport;
  focused: number;
  rowCount: number;
  visibleRows: number;
}

/** What a key does: Up/Down/Page/Home/End move between bars, Left/Right pan (Shift: further), +/- zoom, 0 fits, Enter opens. */
export function keyAction(key: string, shift: boolean, context: KeyContext): KeyAction {
  const { view, focused, rowCount, visibleRows } = context;
  const last = rowCount - 1;
  const move = (row: number): KeyAction => (rowCount === 0 ? { kind: 'none' } : { kind: 'focus', row: Math.max(0, Math.min(last, row)) });
  const middle = (view.from + view.to) / 2;
  switch (key) {
    case 'ArrowDown':
      return move(focused + 1);
    case 'ArrowUp':
      return move(focused - 1);
    case 'PageDown':
      return move(focused + Math.max(1, visibleRows - 1));
    case 'PageUp':
      return move(focused - Math.max(1, visibleRows - 1));
    case 'Home':
      return move(0);
    case 'End':
      return move(last);
    case 'ArrowLeft':
      return { kind: 'view', view: panBy(view, shift ? -0.5 : -0.1) };
    case 'ArrowRight':
      return { kind: 'view', view: panBy(view, shift ? 0.5 : 0.1) };
    case '+':
    case '=':
      return { kind: 'view', view: zoomAt(view, 1 / 1.5, middle) };
    case '-':
    case '_':
      return { kind: 'view', view: zoomAt(view, 1.5, middle) };
    case '0':
      return { kind: 'fit' };
    case 'Enter':
    case ' ':
      return rowCount === 0 ? { kind: 'none' } : { kind: 'open' };
    default:
      return { kind: 'none' };
  }
}
