import { TIMELINE_LAYOUT, axisTicks, localOffsetMs, timeToX, type AxisUnit } from '../../shared/timelineAxis';
import type { TimelineBar } from '../../shared/timelineProtocol';
import type { Viewport } from './viewport';

/** The theme's colours, read from VS Code's CSS variables on each theme change. */
export interface Palette {
  background: string;
  foreground: string;
  grid: string;
  bar: string;
  openBar: string;
  tick: string;
  warning: string;
  error: string;
  focus: string;
  hover: string;
  /** High contrast themes outline the bars; '' elsewhere. */
  contrastBorder: string;
}

const VARIABLES: Record<keyof Palette, readonly string[]> = {
  background: ['--vscode-editor-background'],
  foreground: ['--vscode-editor-foreground', '--vscode-foreground'],
  grid: ['--vscode-editorIndentGuide-background1', '--vscode-editorIndentGuide-background', '--vscode-panel-border'],
  bar: ['--vscode-charts-blue'],
  openBar: ['--vscode-charts-green'],
  tick: ['--vscode-editor-foreground', '--vscode-foreground'],
  warning: ['--vscode-problemsWarningIcon-foreground', '--vscode-editorWarning-foreground'],
  error: ['--vscode-problemsErrorIcon-foreground', '--vscode-editorError-foreground'],
  focus: ['--vscode-focusBorder'],
  hover: ['--vscode-list-hoverBackground'],
  contrastBorder: ['--vscode-contrastBorder'],
};

const FALLBACK: Palette = {
  background: '#ffffff',
  foreground: '#1f1f1f',
  grid: '#d0d0d0',
  bar: '#3b7dd8',
  openBar: '#2e9e5b',
  tick: '#1f1f1f',
  warning: '#bf8803',
  error: '#d13438',
  focus: '#0078d4',
  hover: 'rgba(128,128,128,0.15)',
  contrastBorder: '',
};

export function readPalette(style: CSSStyleDeclaration): Palette {
  const palette = { ...FALLBACK };
  for (const key of Object.keys(VARIABLES) as (keyof Palette)[]) {
    const value = VARIABLES[key].map((name) => style.getPropertyValue(name).trim()).find((found) => found !== '');
    if (value !== undefined) {
      palette[key] = value;
    }
  }
  return palette;
}

export interface Scene {
  bars: readonly TimelineBar[];
  view: Viewport;
  now: number;
  width: number;
  height: number;
  focused: number;
  hovered: number;
  palette: Palette;
  /** The editor's UI font, as a canvas font string. */
  font: string;
  formatTick(at: number, unit: AxisUnit): string;
}

export function visibleRowCount(height: number): number {
  return Math.max(1, Math.floor((height - TIMELINE_LAYOUT.axisHeight) / TIMELINE_LAYOUT.rowHeight));
}

/** Draws the rows on screen only, so 10,000 rooms cost what 40 do. Text goes through fillText: never markup. */
export function paint(context: CanvasRenderingContext2D, scene: Scene): void {
  const { bars, view, now, width, height, palette } = scene;
  const { rowHeight, barHeight, labelWidth, axisHeight, tickHeight } = TIMELINE_LAYOUT;
  const plot = Math.max(1, width - labelWidth);
  const x = (at: number): number => timeToX(at, view.from, view.to, labelWidth, plot);
  context.fillStyle = palette.background;
  context.fillRect(0, 0, width, height);
  context.font = scene.font;
  context.textBaseline = 'middle';
  context.lineWidth = 1;
  context.strokeStyle = palette.grid;
  context.fillStyle = palette.foreground;
  for (const tick of axisTicks(view.from, view.to, plot, localOffsetMs)) {
    const at = Math.round(x(tick.at)) + 0.5;
    context.beginPath();
    context.moveTo(at, axisHeight - 6);
    context.lineTo(at, height);
    context.stroke();
    context.fillText(scene.formatTick(tick.at, tick.unit), at + 3, axisHeight / 2 - 2);
  }
  const rows = visibleRowCount(height);
  const last = Math.min(bars.length, view.firstRow + rows + 1);
  for (let index = view.firstRow; index < last; index++) {
    const bar = bars[index];
    const top = axisHeight + (index - view.firstRow) * rowHeight;
    const middle = top + rowHeight / 2;
    if (index === scene.hovered) {
      context.fillStyle = palette.hover;
      context.fillRect(0, top, width, rowHeight);
    }
    const marked = bar.severity !== 'none';
    const markColour = bar.severity === 'error' ? palette.error : palette.warning;
    context.save();
    context.beginPath();
    context.rect(0, top, labelWidth - 6, rowHeight);
    context.clip();
    context.fillStyle = marked ? markColour : palette.foreground;
    context.fillText(marked ? `⚠ ${bar.problems}  ${bar.label}` : bar.label, 4, middle);
    context.restore();
    if (bar.start !== null && bar.start <= view.to && (bar.end ?? now) >= view.from) {
      const left = Math.max(labelWidth, x(bar.start));
      const right = Math.min(width, Math.max(left + 2, x(bar.end ?? Math.max(now, bar.start))));
      const barTop = top + (rowHeight - barHeight) / 2;
      context.fillStyle = bar.end === null ? palette.openBar : palette.bar;
      context.fillRect(left, barTop, right - left, barHeight);
      if (marked || palette.contrastBorder) {
        context.lineWidth = marked ? 2 : 1;
        context.strokeStyle = marked ? markColour : palette.contrastBorder;
        context.strokeRect(left + 0.5, barTop + 0.5, right - left - 1, barHeight - 1);
        context.lineWidth = 1;
      }
      paintTicks(context, bar.ticks, view, x, middle - tickHeight, middle + tickHeight, palette.tick);
    }
    if (index === scene.focused) {
      context.strokeStyle = palette.focus;
      context.lineWidth = 2;
      context.strokeRect(1, top + 1, width - 2, rowHeight - 2);
      context.lineWidth = 1;
    }
  }
}

/** The arrivals in the window only: they are ascending, so the first one in is found by bisection. */
function paintTicks(
  context: CanvasRenderingContext2D,
  ticks: readonly number[],
  view: Viewport,
  x: (at: number) => number,
  top: number,
  bottom: number,
  colour: string,
): void {
  let low = 0;
  let high = ticks.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (ticks[mid] < view.from) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  context.strokeStyle = colour;
  context.beginPath();
  for (let index = low; index < ticks.length && ticks[index] <= view.to; index++) {
    const at = Math.round(x(ticks[index])) + 0.5;
    context.moveTo(at, top);
    context.lineTo(at, bottom);
  }
  context.stroke();
}
