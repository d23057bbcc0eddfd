import { TIMELINE_LAYOUT, axisTicks, timeToX, type AxisUnit } from '../shared/timelineAxis';
import type { TimelineBar, TimelineView } from '../shared/timelineProtocol';

/** Most rows one picture holds: a bug report needs what was on screen, not 10,000 rows. */
export const MAX_SVG_ROWS = 500;

export interface SvgInput {
  bars: readonly TimelineBar[];
  view: TimelineView;
  now: number;
  title: string;
  /** A grid line's label in the user's locale and time zone. */
  formatTick(at: number, unit: AxisUnit): string;
  offsetMs(at: number): number;
}

// Fixed light colours: the picture goes into bug trackers, whatever the editor's theme was.
const COLOURS = {
  text: '#1f1f1f',
  grid: '#d0d0d0',
  bar: '#3b7dd8',
  open: '#2e9e5b',
  tick: '#111111',
  warning: '#bf8803',
  error: '#d13438',
};

/** Text for XML: markup characters escaped, and lone surrogates (not allowed in XML) replaced. */
export function xmlText(value: string): string {
  return value
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function round(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/**
 * The rows the page showed, as a self-contained SVG: the time axis, the bars (open rooms to now),
 * the arrival ticks and the problem marks. Every server value is XML text, never markup.
 */
export function timelineSvg(input: SvgInput): string {
  const { bars, view, now } = input;
  const { rowHeight, barHeight, labelWidth, axisHeight, tickHeight } = TIMELINE_LAYOUT;
  const first = Math.min(Math.max(0, view.firstRow), bars.length);
  const shownBars = bars.slice(first, first + Math.min(view.rows, MAX_SVG_ROWS));
  const width = Math.max(labelWidth + 100, view.width);
  const plot = width - labelWidth;
  const height = axisHeight + shownBars.length * rowHeight + 4;
  const x = (at: number): number => Math.min(width, Math.max(labelWidth, timeToX(at, view.from, view.to, labelWidth, plot)));
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
      `font-family="sans-serif" font-size="12">`,
    `<title>${xmlText(input.title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
  ];
  for (const tick of axisTicks(view.from, view.to, plot, input.offsetMs)) {
    const at = round(x(tick.at));
    parts.push(`<line x1="${at}" y1="${axisHeight - 4}" x2="${at}" y2="${height}" stroke="${COLOURS.grid}"/>`);
    parts.push(`<text x="${at}" y="${axisHeight - 10}" fill="${COLOURS.text}">${xmlText(input.formatTick(tick.at, tick.unit))}</text>`);
  }
  shownBars.forEach((bar, row) => {
    const top = axisHeight + row * rowHeight;
    const middle = top + rowHeight / 2;
    const marker = bar.severity === 'none' ? '' : `⚠ ${bar.problems} `;
    const colour = bar.severity === 'error' ? COLOURS.error : bar.severity === 'warning' ? COLOURS.warning : COLOURS.text;
    parts.push(`<text x="4" y="${round(middle + 4)}" fill="${colour}">${xmlText(marker + bar.label)}</text>`);
    if (bar.start === null || bar.start > view.to || (bar.end ?? now) < view.from) {
      return;
    }
    const left = x(bar.start);
    const right = Math.max(left + 2, x(bar.end ?? Math.max(now, bar.start)));
    const barTop = round(top + (rowHeight - barHeight) / 2);
    const fill = bar.end === null ? COLOURS.open : COLOURS.bar;
    const stroke = bar.severity === 'none' ? '' : ` stroke="${colour}" stroke-width="2"`;
    parts.push(`<rect x="${round(left)}" y="${barTop}" width="${round(right - left)}" height="${barHeight}" fill="${fill}"${stroke}/>`);
    const [tickTop, tickBottom] = [round(middle - tickHeight), round(middle + tickHeight)];
    for (const at of bar.ticks) {
      if (at >= view.from && at <= view.to) {
        const tickX = round(x(at));
        parts.push(`<line x1="${tickX}" y1="${tickTop}" x2="${tickX}" y2="${tickBottom}" stroke="${COLOURS.tick}"/>`);
      }
    }
  });
  parts.push('</svg>', '');
  return parts.join('\n');
}
