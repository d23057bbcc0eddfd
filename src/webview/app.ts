import { MAX_ROWS_PER_PAGE, type HostMessage, type MessageField, type StateMessage } from '../shared/protocol';
import { markForBenchmark } from './benchmarkMarks';
import type { ViewMode } from './decoders';
import { DetailPane } from './detailPane';
import { h } from './dom';
import { HeaderView } from './headerView';
import { ProblemsView } from './problemsView';
import type { HostBridge } from './hostBridge';
import { PAGE_SIZE, RowCache } from './rowCache';
import { ColumnLayout } from './columnLayout';
import { RowMenu, type RowMenuChoice } from './rowMenu';
import { createRowElement, renderRow } from './rowView';
import { SearchBar } from './searchBar';
import { VirtualList } from './virtualList';

export const ROW_HEIGHT = 26;
const OVERSCAN = 10;
/** `rendered` reports are throttled: scrolling renders every frame, the host needs far fewer. */
const REPORT_INTERVAL_MS = 150;

/**
 * The room panel's page: wires the header, search bar, virtual list and detail area to the
 * host. It holds the current view's version and a bounded row cache; all data comes from
 * (checked) host messages, all requests go out as protocol messages.
 */
export class RoomApp {
  private readonly cache = new RowCache();
  private readonly header: HeaderView;
  private readonly problems = new ProblemsView();
  private readonly search: SearchBar;
  private readonly list: VirtualList;
  private readonly detail: DetailPane;
  private readonly empty: HTMLElement;
  private readonly columns: ColumnLayout;
  private readonly menu: RowMenu;
  private viewVersion = -1;
  private mode: ViewMode = 'raw';
  private rememberedRoom = '';
  private lastReport = 0;
  private reportedRows = false;
  private reportTimer: ReturnType<typeof setTimeout> | undefined;
  private pendingReport: (() => void) | undefined;

  constructor(
    root: HTMLElement,
    private readonly host: HostBridge,
  ) {
    this.header = new HeaderView({
      onAction: (action) => host.post({ type: 'action', action }),
      onWatch: (enabled) => host.post({ type: 'setWatch', enabled }),
    });
    this.search = new SearchBar({
      onSearch: (query) => host.post({ type: 'search', query }),
      onViewMode: (mode) => this.setMode(mode),
    });
    this.list = new VirtualList({
      rowHeight: ROW_HEIGHT,
      overscan: OVERSCAN,
      label: 'Messages',
      createRow: createRowElement,
      renderRow: (element, position, active) => {
        const row = this.cache.get(position);
        renderRow(element, row, this.mode, active);
        this.problems.markRow(element, row?.index);
      },
      onRange: (first, last) => this.requestMissing(first, last),
      onActivate: (position) => this.openDetail(position, true),
      onActiveChange: (position) => {
        if (this.detail.position !== undefined) {
          this.openDetail(position, false);
        }
      },
      onRendered: (first, count, domRows) => this.report(first, count, domRows),
    });
    this.list.element.addEventListener('click', (event) => this.onRowButtonClick(event));
    this.list.element.addEventListener('keydown', (event) => {
      if ((event.key === 'F10' && event.shiftKey) || event.key === 'ContextMenu') {
        const row = this.list.element.querySelector<HTMLElement>('.row.active');
        if (row) {
          event.preventDefault();
          this.menu.open(row, Number(row.dataset.position), this.list.element);
        }
      }
    });
    this.menu = new RowMenu((position, choice) => this.chooseFromMenu(position, choice));
    // The menu stays where it opened: it closes when the list scrolls under it by the wheel.
    this.list.element.addEventListener('wheel', () => this.menu.close(false), { passive: true });
    this.detail = new DetailPane({
      onCopy: (position, field) => this.copy(position, field),
      onClose: () => {
        this.detail.hide();
        this.list.element.focus();
      },
    });
    this.empty = h('p', { className: 'empty', attrs: { role: 'status' } });
    const columns = new ColumnLayout(
      (widths) => host.rememberColumns(widths),
      (order) => host.post({ type: 'sort', order }),
    );
    this.columns = columns;
    root.replaceChildren(
      this.header.element,
      this.problems.element,
      this.search.element,
      this.empty,
      columns.element,
      this.list.element,
      this.detail.element,
      this.menu.element,
    );
    columns.restore(host.savedColumns);
    root.removeAttribute('aria-busy');
    document.addEventListener('keydown', (event) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        this.search.input.focus();
      }
    });
  }

  handle(message: HostMessage): void {
    if (message.type === 'state') {
      this.applyState(message);
    } else if (message.type === 'problems') {
      this.problems.update(message);
      this.list.render();
    } else if (message.type === 'rows') {
      if (message.viewVersion === this.viewVersion) {
        this.cache.put(message.page, this.list.activePosition >= 0 ? this.list.activePosition : message.page.start);
        this.list.render();
      }
    } else if (message.viewVersion === this.viewVersion && message.row.position === this.detail.position) {
      this.detail.show(message.row);
    }
  }

  private applyState(state: StateMessage): void {
    markForBenchmark('firstState');
    if (state.header && state.header.id !== this.rememberedRoom) {
      this.rememberedRoom = state.header.id;
      this.host.rememberRoom(state.header.id);
    }
    this.header.update(state);
    this.columns.showOrder(state.view.order);
    this.columns.fitPositions(Math.max(state.header?.messageCount ?? 0, state.view.total));
    const viewChanged = state.view.version !== this.viewVersion;
    if (viewChanged) {
      this.viewVersion = state.view.version;
      this.cache.reset();
    }
    this.cache.put(state.page, state.page.start);
    this.list.setTotal(state.view.total);
    // The room's size is unknown (null) while a big room is still loading.
    this.search.update(state.view.query, state.view.total, state.header ? state.header.messageCount : 0);
    this.updateEmpty(state);
    if (state.scrollTo !== null) {
      this.list.scrollToPosition(state.scrollTo, 'start');
    } else {
      this.list.render();
    }
    const open = this.detail.position;
    if (viewChanged && open !== undefined) {
      if (open < state.view.total) {
        this.host.post({ type: 'requestDetail', viewVersion: this.viewVersion, position: open });
      } else {
        this.detail.hide();
      }
    }
  }

  private updateEmpty(state: StateMessage): void {
    let text = '';
    if (state.header && state.view.total === 0) {
      text = state.view.query ? 'No message matches the search.' : 'This room has no messages. Use "Add messages…" to add some.';
    }
    this.empty.textContent = text;
    this.empty.hidden = text === '';
  }

  private setMode(mode: ViewMode): void {
    this.mode = mode;
    this.detail.setMode(mode);
    this.list.render();
  }

  private requestMissing(first: number, last: number): void {
    for (const start of this.cache.takeMissingPages(first, last, Date.now())) {
      this.host.post({ type: 'requestRows', viewVersion: this.viewVersion, start, count: Math.min(PAGE_SIZE, MAX_ROWS_PER_PAGE) });
    }
  }

  private openDetail(position: number, focus: boolean): void {
    const preview = this.cache.get(position);
    if (preview) {
      this.detail.show(preview);
    }
    this.host.post({ type: 'requestDetail', viewVersion: this.viewVersion, position });
    if (focus) {
      this.detail.element.focus();
    }
  }

  /** The "⋯" button inside a row opens the row's menu (copy a value, show details). */
  private onRowButtonClick(event: MouseEvent): void {
    const target = (event.target as Element | null)?.closest<HTMLElement>('button.row-menu');
    const row = target?.closest<HTMLElement>('[data-position]');
    if (target && row) {
      const position = Number(row.dataset.position);
      this.list.setActive(position);
      this.menu.open(target, position, this.list.element);
    }
  }

  private chooseFromMenu(position: number, choice: RowMenuChoice): void {
    if (choice === 'details') {
      this.openDetail(position, true);
    } else {
      this.copy(position, choice);
    }
  }

  private copy(position: number, field: MessageField): void {
    this.host.post({ type: 'copy', viewVersion: this.viewVersion, position, field });
  }

  /** The first report with rows goes out at once (it marks "first rows visible"); later ones are throttled. */
  private report(firstPosition: number, visibleCount: number, domRowCount: number): void {
    let loaded = 0;
    for (let position = firstPosition; position < firstPosition + visibleCount; position++) {
      loaded += this.cache.get(position) ? 1 : 0;
    }
    this.pendingReport = () =>
      this.host.post({ type: 'rendered', viewVersion: Math.max(0, this.viewVersion), firstPosition, rowCount: loaded, domRowCount });
    const wait = this.lastReport + REPORT_INTERVAL_MS - Date.now();
    const firstRows = loaded > 0 && !this.reportedRows;
    this.reportedRows ||= loaded > 0;
    if (firstRows) {
      markForBenchmark('firstRows');
    }
    if (wait <= 0 || firstRows) {
      this.flushReport();
    } else if (this.reportTimer === undefined) {
      this.reportTimer = setTimeout(() => this.flushReport(), wait);
    }
  }

  private flushReport(): void {
    clearTimeout(this.reportTimer);
    this.reportTimer = undefined;
    this.lastReport = Date.now();
    this.pendingReport?.();
    this.pendingReport = undefined;
  }
}
