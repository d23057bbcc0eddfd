import { h } from './dom';

export interface VirtualListOptions {
  /** Fixed height of every row in CSS pixels; fixed heights make positions pure arithmetic. */
  rowHeight: number;
  /** Rows rendered above and below the visible ones, so fast scrolling shows no gaps. */
  overscan: number;
  label: string;
  createRow(): HTMLElement;
  renderRow(element: HTMLElement, position: number, active: boolean): void;
  /** The positions on screen changed (ask for their data). */
  onRange(first: number, last: number): void;
  /** Enter on a row, or a double click. */
  onActivate(position: number): void;
  /** A row became the active one (arrow keys or click). */
  onActiveChange(position: number): void;
  /** After each render: what is visible, for the host's scroll memory and the tests. */
  onRendered(firstVisible: number, visibleCount: number, domRowCount: number): void;
}

/**
 * A list that keeps only the visible rows (plus a small overscan) in the DOM, whatever the
 * total: a spacer gives the scrollbar its full height and a small pool of row elements is
 * moved and refilled as the user scrolls. Keyboard: Up/Down, Page Up/Down, Home/End move the
 * active row (announced through aria-activedescendant), Enter activates it.
 */
export class VirtualList {
  readonly element: HTMLDivElement;
  private readonly spacer: HTMLDivElement;
  private readonly shown = new Map<number, HTMLElement>();
  private readonly spare: HTMLElement[] = [];
  private total = 0;
  private active = -1;
  private frame: number | undefined;

  constructor(private readonly options: VirtualListOptions) {
    this.spacer = h('div', { className: 'list-spacer' });
    this.element = h('div', { className: 'list', attrs: { role: 'listbox', tabindex: '0', 'aria-label': options.label } }, this.spacer);
    this.element.addEventListener('scroll', () => this.schedule(), { passive: true });
    this.element.addEventListener('keydown', (event) => this.onKey(event));
    this.element.addEventListener('click', (event) => this.onClick(event, false));
    this.element.addEventListener('dblclick', (event) => this.onClick(event, true));
    new ResizeObserver(() => this.schedule()).observe(this.element);
  }

  get activePosition(): number {
    return this.active;
  }

  setTotal(total: number): void {
    this.total = total;
    this.spacer.style.height = `${total * this.options.rowHeight}px`;
    this.element.setAttribute('aria-label', `${this.options.label}: ${total.toLocaleString('en-US')}`);
    if (this.active >= total) {
      this.active = total - 1;
    }
  }

  /** Re-renders now (data arrived); scrolling renders on the next animation frame instead. */
  render(): void {
    if (this.frame !== undefined) {
      cancelAnimationFrame(this.frame);
      this.frame = undefined;
    }
    const { rowHeight, overscan } = this.options;
    const viewport = this.element.clientHeight || window.innerHeight;
    const firstVisible = Math.min(Math.floor(this.element.scrollTop / rowHeight), Math.max(0, this.total - 1));
    const visibleCount = Math.min(Math.ceil(viewport / rowHeight) + 1, this.total - firstVisible);
    const first = Math.max(0, firstVisible - overscan);
    const last = Math.min(this.total - 1, firstVisible + visibleCount + overscan);
    for (const [position, element] of this.shown) {
      if (position < first || position > last) {
        this.shown.delete(position);
        element.remove();
        this.spare.push(element);
      }
    }
    for (let position = first; position <= last; position++) {
      let element = this.shown.get(position);
      if (!element) {
        element = this.spare.pop() ?? this.options.createRow();
        element.style.transform = `translateY(${position * rowHeight}px)`;
        element.style.height = `${rowHeight}px`;
        element.id = `row-${position}`;
        element.dataset.position = String(position);
        element.setAttribute('aria-posinset', String(position + 1));
        this.spacer.append(element);
        this.shown.set(position, element);
      }
      element.setAttribute('aria-setsize', String(this.total));
      this.options.renderRow(element, position, position === this.active);
    }
    this.updateActiveDescendant();
    if (last >= first) {
      this.options.onRange(first, last);
    }
    this.options.onRendered(firstVisible, Math.max(0, visibleCount), this.shown.size);
  }

  scrollToPosition(position: number, align: 'start' | 'nearest' = 'nearest'): void {
    const { rowHeight } = this.options;
    const top = position * rowHeight;
    const viewport = this.element.clientHeight || window.innerHeight;
    if (align === 'start') {
      this.element.scrollTop = top;
    } else if (top < this.element.scrollTop) {
      this.element.scrollTop = top;
    } else if (top + rowHeight > this.element.scrollTop + viewport) {
      this.element.scrollTop = top + rowHeight - viewport;
    }
    this.render();
  }

  setActive(position: number): void {
    if (this.total === 0) {
      return;
    }
    const clamped = Math.max(0, Math.min(this.total - 1, position));
    const changed = clamped !== this.active;
    this.active = clamped;
    this.scrollToPosition(clamped);
    if (changed) {
      this.options.onActiveChange(clamped);
    }
  }

  private schedule(): void {
    if (this.frame === undefined) {
      this.frame = requestAnimationFrame(() => {
        this.frame = undefined;
        this.render();
      });
    }
  }

  private updateActiveDescendant(): void {
    if (this.active >= 0 && this.shown.has(this.active)) {
      this.element.setAttribute('aria-activedescendant', `row-${this.active}`);
    } else {
      this.element.removeAttribute('aria-activedescendant');
    }
  }

  private onKey(event: KeyboardEvent): void {
    const page = Math.max(1, Math.floor((this.element.clientHeight || window.innerHeight) / this.options.rowHeight) - 1);
    const from = this.active < 0 ? Math.floor(this.element.scrollTop / this.options.rowHeight) - 1 : this.active;
    const moves: Record<string, number> = {
      ArrowDown: from + 1,
      ArrowUp: from - 1,
      PageDown: from + page,
      PageUp: from - page,
      Home: 0,
      End: this.total - 1,
    };
    if (event.key in moves) {
      event.preventDefault();
      this.setActive(moves[event.key]);
    } else if ((event.key === 'Enter' || event.key === ' ') && this.active >= 0) {
      event.preventDefault();
      this.options.onActivate(this.active);
    }
  }

  private onClick(event: MouseEvent, activate: boolean): void {
    const row = (event.target as Element | null)?.closest<HTMLElement>('[data-position]');
    if (!row || (event.target as Element).closest('button')) {
      return;
    }
    const position = Number(row.dataset.position);
    this.setActive(position);
    if (activate) {
      this.options.onActivate(position);
    }
  }
}
