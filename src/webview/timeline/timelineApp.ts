import { TIMELINE_LAYOUT, barsExtent, supportedLocale, tickFormatter, type AxisUnit } from '../../shared/timelineAxis';
import {
  MAX_DRAWN_IDS,
  type PictureAction,
  type TimelineBar,
  type TimelineHostMessage,
  type TimelineLabels,
} from '../../shared/timelineProtocol';
import { barLines } from './barText';
import { HoverBox, element } from './dom';
import { paint, readPalette, visibleRowCount, type Palette } from './painter';
import type { TimelineBridge } from './timelineBridge';
import { clampFirstRow, keyAction, rowAtY, panByTime, scrollToShow, zoomAt, type Viewport } from './viewport';

/** A click moves less than this; a drag more. */
const DRAG_PX = 4;

/** The page: a toolbar, the canvas (only the rows on screen are drawn), the hover, and a live region for screen readers. */
export class TimelineApp {
  private bars: readonly TimelineBar[] = [];
  private version = 0;
  private now = 0;
  private labels: TimelineLabels | undefined;
  private formatTick: (at: number, unit: AxisUnit) => string = tickFormatter('en');
  private formatDate: (at: number) => string = (at) => new Date(at).toISOString();
  private view: Viewport = { from: 0, to: 1, firstRow: 0 };
  private focused = 0;
  private hovered = -1;
  private palette: Palette;
  private font = '12px sans-serif';
  private frame = 0;
  /** When the bars being drawn arrived, until their first paint: that paint reports the whole render time. */
  private arrivedAt: number | undefined;
  private readonly buttons: Record<'zoomOut' | 'zoomIn' | 'fit' | 'copySvg' | 'save', HTMLButtonElement>;
  private readonly range: HTMLElement;
  private readonly plot: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly context: CanvasRenderingContext2D;
  private readonly hover: HoverBox;
  private readonly live: HTMLElement;
  private readonly empty: HTMLElement;

  constructor(
    private readonly root: HTMLElement,
    private readonly host: TimelineBridge,
  ) {
    const toolbar = element('div', 'toolbar', root);
    toolbar.setAttribute('role', 'toolbar');
    const button = (name: keyof TimelineApp['buttons'], action: () => void): HTMLButtonElement => {
      const created = element('button', `button ${name}`, toolbar);
      created.type = 'button';
      created.addEventListener('click', action);
      return created;
    };
    const middle = (): number => (this.view.from + this.view.to) / 2;
    this.buttons = {
      zoomOut: button('zoomOut', () => this.setView(zoomAt(this.view, 1.5, middle()))),
      zoomIn: button('zoomIn', () => this.setView(zoomAt(this.view, 1 / 1.5, middle()))),
      fit: button('fit', () => this.fit()),
      copySvg: button('copySvg', () => this.picture('copySvg')),
      save: button('save', () => this.picture('save')),
    };
    this.range = element('span', 'range', toolbar);
    this.plot = element('div', 'plot', root, { tabindex: '0', role: 'application' });
    this.canvas = element('canvas', 'canvas', this.plot, { 'aria-hidden': 'true' });
    this.context = this.canvas.getContext('2d') as CanvasRenderingContext2D;
    this.empty = element('p', 'empty', root);
    this.empty.hidden = true;
    this.hover = new HoverBox(root);
    this.live = element('div', 'screen-reader-only', root);
    this.live.setAttribute('role', 'status');
    this.live.setAttribute('aria-live', 'polite');
    this.palette = this.readTheme();
    new ResizeObserver(() => this.schedule()).observe(this.plot);
    // VS Code swaps the body's theme class and variables together: the colours are read again then.
    const themeWatch = new MutationObserver(() => {
      this.palette = this.readTheme();
      this.schedule();
    });
    themeWatch.observe(document.body, { attributes: true, attributeFilter: ['class'] });
    themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
    this.listen();
  }

  show(message: TimelineHostMessage, receivedAt: number): void {
    const first = this.labels === undefined;
    this.bars = message.bars;
    this.version = message.version;
    this.now = message.now;
    this.labels = message.labels;
    const locale = supportedLocale(message.locale);
    this.formatTick = tickFormatter(message.locale);
    const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });
    this.formatDate = (at) => dates.format(at);
    for (const [name, item] of Object.entries(this.buttons)) {
      item.textContent = message.labels[name as keyof TimelineApp['buttons']];
    }
    this.plot.setAttribute('aria-label', `${message.labels.canvas} ${message.labels.keys}`);
    this.empty.textContent = message.labels.empty;
    this.empty.hidden = this.bars.length > 0;
    this.focused = Math.max(0, Math.min(this.focused, this.bars.length - 1));
    this.root.setAttribute('aria-busy', 'false');
    if (first) {
      this.fit();
    }
    this.arrivedAt = receivedAt;
    this.schedule();
  }

  private readTheme(): Palette {
    const style = getComputedStyle(document.body);
    this.font = `12px ${style.fontFamily || 'sans-serif'}`;
    return readPalette(style);
  }

  private get rows(): number {
    return visibleRowCount(this.plot.clientHeight);
  }

  private get plotWidth(): number {
    return Math.max(1, this.plot.clientWidth - TIMELINE_LAYOUT.labelWidth);
  }

  private setView(view: Viewport): void {
    this.view = { ...view, firstRow: clampFirstRow(view.firstRow, this.bars.length, this.rows) };
    this.schedule();
  }

  private fit(): void {
    this.setView({ ...barsExtent(this.bars, this.now), firstRow: this.view.firstRow });
  }

  private focus(row: number): void {
    this.focused = row;
    this.setView({ ...this.view, firstRow: scrollToShow(this.view.firstRow, row, this.rows) });
    const bar = this.bars[row];
    if (bar && this.labels) {
      this.live.textContent = barLines(bar, this.labels, this.formatDate).join(', ');
    }
  }

  private open(row: number): void {
    if (row >= 0 && row < this.bars.length) {
      this.host.post({ type: 'open', version: this.version, index: row });
    }
  }

  private picture(action: PictureAction): void {
    const view = { ...this.view, rows: this.rows, width: Math.max(1, Math.round(this.plot.clientWidth)) };
    const png = action === 'save' ? this.canvas.toDataURL('image/png') : '';
    this.host.post({ type: 'picture', action, version: this.version, view, png });
  }

  /** The row under a point of the plot, or -1 above the rows (the axis) or below the last. */
  private rowAt(offsetY: number): number {
    return rowAtY(offsetY, this.view.firstRow, this.bars.length);
  }

  private timeAt(offsetX: number): number {
    const share = (offsetX - TIMELINE_LAYOUT.labelWidth) / this.plotWidth;
    return this.view.from + share * (this.view.to - this.view.from);
  }

  private listen(): void {
    this.plot.addEventListener('keydown', (event) => {
      const action = keyAction(event.key, event.shiftKey, {
        view: this.view,
        focused: this.focused,
        rowCount: this.bars.length,
        visibleRows: this.rows,
      });
      if (action.kind === 'none') {
        return;
      }
      event.preventDefault();
      if (action.kind === 'focus') {
        this.focus(action.row);
      } else if (action.kind === 'view') {
        this.setView(action.view);
      } else if (action.kind === 'fit') {
        this.fit();
      } else {
        this.open(this.focused);
      }
    });
    this.plot.addEventListener('focus', () => this.focus(this.focused));
    this.plot.addEventListener('blur', () => this.schedule());
    this.plot.addEventListener(
      'wheel',
      (event) => {
        event.preventDefault();
        const span = this.view.to - this.view.from;
        if (event.shiftKey) {
          this.setView({ ...this.view, firstRow: this.view.firstRow + Math.sign(event.deltaY || event.deltaX) * 3 });
        } else if (Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
          this.setView(panByTime(this.view, (event.deltaX / this.plotWidth) * span));
        } else {
          // A pinch arrives as ctrl+wheel with small deltas: it gets a stronger factor.
          const factor = Math.exp(event.deltaY * (event.ctrlKey ? 0.01 : 0.002));
          this.setView(zoomAt(this.view, factor, this.timeAt(event.offsetX)));
        }
      },
      { passive: false },
    );
    let drag: { x: number; y: number; view: Viewport; moved: boolean } | undefined;
    this.plot.addEventListener('pointerdown', (event) => {
      this.plot.setPointerCapture(event.pointerId);
      drag = { x: event.clientX, y: event.clientY, view: this.view, moved: false };
    });
    this.plot.addEventListener('pointermove', (event) => {
      if (drag) {
        const dx = event.clientX - drag.x;
        const dy = event.clientY - drag.y;
        drag.moved ||= Math.abs(dx) > DRAG_PX || Math.abs(dy) > DRAG_PX;
        if (drag.moved) {
          const shift = (-dx / this.plotWidth) * (drag.view.to - drag.view.from);
          const firstRow = drag.view.firstRow - dy / TIMELINE_LAYOUT.rowHeight;
          this.setView({ ...panByTime(drag.view, shift), firstRow });
          this.hover.hide();
          return;
        }
      }
      this.showHover(this.rowAt(event.offsetY), event.clientX, event.clientY);
    });
    this.plot.addEventListener('pointerup', (event) => {
      const clicked = drag && !drag.moved ? this.rowAt(event.offsetY) : -1;
      drag = undefined;
      if (clicked >= 0) {
        this.focus(clicked);
        this.open(clicked);
      }
    });
    this.plot.addEventListener('pointerleave', () => this.showHover(-1, 0, 0));
  }

  private showHover(row: number, clientX: number, clientY: number): void {
    if (row !== this.hovered) {
      this.hovered = row;
      this.schedule();
    }
    const bar = this.bars[row];
    if (!bar || !this.labels) {
      this.hover.hide();
      return;
    }
    this.hover.show(barLines(bar, this.labels, this.formatDate), clientX, clientY);
  }

  private schedule(): void {
    if (this.frame === 0) {
      this.frame = requestAnimationFrame(() => this.draw());
    }
  }

  private draw(): void {
    this.frame = 0;
    const started = performance.now();
    const width = Math.max(1, this.plot.clientWidth);
    const height = Math.max(1, this.plot.clientHeight);
    const ratio = window.devicePixelRatio || 1;
    if (this.canvas.width !== Math.round(width * ratio) || this.canvas.height !== Math.round(height * ratio)) {
      this.canvas.width = Math.round(width * ratio);
      this.canvas.height = Math.round(height * ratio);
    }
    this.view = { ...this.view, firstRow: clampFirstRow(this.view.firstRow, this.bars.length, this.rows) };
    this.context.setTransform(ratio, 0, 0, ratio, 0, 0);
    const { bars, view, now, hovered, palette, font } = this;
    // The focus ring only while the chart has the keyboard focus, as a list's would.
    const focused = document.activeElement === this.plot ? this.focused : -1;
    paint(this.context, { bars, view, now, width, height, focused, hovered, palette, font, formatTick: this.formatTick });
    const last = Math.min(bars.length, view.firstRow + this.rows);
    this.range.textContent = bars.length === 0 ? '' : `${view.firstRow + 1}–${last} / ${bars.length}`;
    const ended = performance.now();
    const drawMs = Math.round(ended - (this.arrivedAt ?? started));
    this.arrivedAt = undefined;
    // For `npm run bench` (test/bench/timelineBench.ts): when the first bars were on screen, and each draw's time.
    const marks = document.documentElement.dataset;
    if (bars.length > 0 && marks.firstDrawAt === undefined) {
      marks.firstDrawAt = String(Date.now());
      marks.firstRenderMs = String(drawMs);
    }
    marks.lastDrawMs = String(drawMs);
    const ids = bars.slice(view.firstRow, Math.min(last, view.firstRow + MAX_DRAWN_IDS)).map((bar) => bar.label);
    const from = Math.round(view.from);
    const to = Math.round(view.to);
    this.host.post({
      type: 'drawn',
      version: this.version,
      barCount: bars.length,
      firstRow: view.firstRow,
      ids,
      focused: bars.length > 0 ? this.focused : null,
      from,
      to,
      drawMs,
    });
  }
}
