import { MAX_COLUMN_PX, MIN_COLUMN_PX, type ColumnWidths, type MessageOrderState } from '../shared/protocol';
import { h } from './dom';

type Resizable = keyof ColumnWidths;

/** One arrow key press; with Shift, five. */
const KEY_STEP_PX = 10;

const LABELS: Record<Resizable, string> = { id: 'Id', salt: 'Salt', size: 'Size' };

/**
 * The column headings above the list, and the widths of the columns a user can resize (Id,
 * Salt, Size: the Data column takes whatever is left). Each resizable heading carries a handle,
 * dragged with the mouse or moved with the arrow keys when focused (a separator, as screen
 * readers expect); a double click or Home puts the default back. Widths live in CSS variables
 * that the rows' grid uses (media/panel.css), so a resize never touches the rows themselves.
 */
export class ColumnLayout {
  readonly element: HTMLElement;
  private widths: ColumnWidths = { id: null, salt: null, size: null };
  private readonly headings = new Map<Resizable, HTMLElement>();
  private readonly handles = new Map<Resizable, HTMLElement>();

  private readonly sortButton: HTMLButtonElement;
  private order: MessageOrderState = { by: 'position', descending: false };
  private positionsWidth = '';

  constructor(
    private readonly onChange: (widths: ColumnWidths) => void,
    /** The First seen heading was clicked: the next order (server order → oldest first → newest first). */
    onSort: (order: MessageOrderState) => void,
  ) {
    const heading = (className: string, text: string, title?: string): HTMLElement =>
      // The rows carry full aria-labels; the headings' text is for the eye, the handles are for everyone.
      h(
        'span',
        { className: `column ${className}` },
        h('span', { className: 'column-label', text, attrs: { 'aria-hidden': 'true', ...(title ? { title } : {}) } }),
      );
    const columns = [
      heading('index', '#'),
      heading('badge', ''),
      heading('id', LABELS.id),
      heading('salt', LABELS.salt),
      heading('data', 'Data'),
      heading('size', LABELS.size, 'Decoded size of the salt and of the data, in bytes'),
      h('span', { className: 'column seen' }),
      heading('actions', ''),
    ];
    this.element = h('div', { className: 'list-header' }, ...columns);
    this.sortButton = h('button', { className: 'sort-seen', attrs: { type: 'button' } }) as HTMLButtonElement;
    this.sortButton.addEventListener('click', () => onSort(nextOrder(this.order)));
    (this.element.querySelector('.column.seen') as HTMLElement).append(this.sortButton);
    this.showOrder(this.order);
    for (const column of ['id', 'salt', 'size'] as const) {
      const owner = this.element.querySelector(`.column.${column}`) as HTMLElement;
      const handle = this.createHandle(column, owner);
      owner.append(handle);
      this.headings.set(column, owner);
      this.handles.set(column, handle);
    }
  }

  /** The list's order as the host applied it: the heading's arrow and what it says. */
  showOrder(order: MessageOrderState): void {
    this.order = order;
    const arrow = order.by === 'firstSeen' ? (order.descending ? ' ↓' : ' ↑') : '';
    this.sortButton.textContent = `First seen${arrow}`;
    const now = order.by === 'firstSeen' ? (order.descending ? 'newest first' : 'oldest first') : 'in server order';
    this.sortButton.title = `When the extension first saw each message; sorted ${now}. Click to change the order.`;
    this.sortButton.setAttribute('aria-label', `First seen, sorted ${now}: change the order`);
  }

  /** Widths remembered by this panel (its webview state) before a reload; call once the header is in the page. */
  restore(widths: ColumnWidths | undefined): void {
    for (const column of ['id', 'salt', 'size'] as const) {
      this.apply(column, widths ? widths[column] : null);
    }
  }

  private createHandle(column: Resizable, heading: HTMLElement): HTMLElement {
    const handle = h('span', {
      className: 'resize-handle',
      attrs: {
        role: 'separator',
        tabindex: '0',
        'aria-orientation': 'vertical',
        'aria-label': `Resize the ${LABELS[column]} column`,
        'aria-valuemin': String(MIN_COLUMN_PX),
        'aria-valuemax': String(MAX_COLUMN_PX),
        title: 'Drag, or focus and use the arrow keys, to resize; double click or Home for the default width',
        'data-column': column,
      },
    });
    handle.addEventListener('pointerdown', (event) => {
      event.preventDefault();
      const startX = event.clientX;
      const startWidth = heading.getBoundingClientRect().width;
      handle.setPointerCapture(event.pointerId);
      const move = (moved: PointerEvent): void => this.apply(column, startWidth + moved.clientX - startX);
      const end = (): void => {
        handle.removeEventListener('pointermove', move);
        handle.removeEventListener('pointerup', end);
        handle.removeEventListener('pointercancel', end);
        this.onChange({ ...this.widths });
      };
      handle.addEventListener('pointermove', move);
      handle.addEventListener('pointerup', end);
      handle.addEventListener('pointercancel', end);
    });
    handle.addEventListener('dblclick', () => this.reset(column));
    handle.addEventListener('keydown', (event) => {
      const step = event.shiftKey ? KEY_STEP_PX * 5 : KEY_STEP_PX;
      const delta = event.key === 'ArrowRight' ? step : event.key === 'ArrowLeft' ? -step : 0;
      if (delta !== 0) {
        event.preventDefault();
        this.apply(column, heading.getBoundingClientRect().width + delta);
        this.onChange({ ...this.widths });
      } else if (event.key === 'Home') {
        event.preventDefault();
        this.reset(column);
      }
    });
    return handle;
  }

  /**
   * Widens the # column to the room's largest position ("#100,000", and a problem row's " ⚠"), so no
   * row's number is cut; a small room's stays narrow, for the other columns. Digits are tabular, so
   * `ch` measures them.
   */
  fitPositions(largest: number): void {
    const characters = `#${Math.max(1, largest).toLocaleString('en-US')}`.length + 2;
    const width = `max(3em, ${characters}ch)`;
    if (width !== this.positionsWidth) {
      this.positionsWidth = width;
      document.documentElement.style.setProperty('--col-index', width);
    }
  }

  private reset(column: Resizable): void {
    this.apply(column, null);
    this.onChange({ ...this.widths });
  }

  private apply(column: Resizable, width: number | null): void {
    const clamped = width === null ? null : Math.round(Math.max(MIN_COLUMN_PX, Math.min(MAX_COLUMN_PX, width)));
    this.widths[column] = clamped;
    const root = document.documentElement.style;
    if (clamped === null) {
      root.removeProperty(`--col-${column}`);
    } else {
      root.setProperty(`--col-${column}`, `${clamped}px`);
    }
    const shown = this.headings.get(column)?.getBoundingClientRect().width ?? 0;
    this.handles.get(column)?.setAttribute('aria-valuenow', String(Math.round(clamped ?? shown)));
  }
}

function nextOrder(order: MessageOrderState): MessageOrderState {
  if (order.by === 'position') {
    return { by: 'firstSeen', descending: false };
  }
  return order.descending ? { by: 'position', descending: false } : { by: 'firstSeen', descending: true };
}
