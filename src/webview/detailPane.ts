import type { MessageField, MessageRow } from '../shared/protocol';
import { formatBytes, present, type ViewMode } from './decoders';
import { button, h, setText } from './dom';
import { historyDetail } from './firstSeenText';

export interface DetailCallbacks {
  onCopy(position: number, field: MessageField): void;
  onClose(): void;
}

/** Shown at first per value; "Show all" lifts it. Keeps a 1 MB value from freezing layout. */
const INITIAL_CHARS = 20_000;
const FIELDS: readonly MessageField[] = ['id', 'salt', 'data'];

interface FieldView {
  size: HTMLElement;
  value: HTMLElement;
  note: HTMLElement;
  showAll: HTMLButtonElement;
}

/**
 * The expanded view of one message: every value whole (up to the protocol's limit), in the
 * chosen mode, each with its own Copy button, which copies the raw value through the host.
 * It is a separate area below the list rather than a taller row, so the list keeps its fixed
 * row height and stays cheap to scroll.
 */
export class DetailPane {
  readonly element: HTMLElement;
  private readonly title: HTMLElement;
  private readonly decodedNote: HTMLElement;
  /** First seen, and the earlier hash of a message whose content changed. */
  private readonly history: HTMLElement;
  private readonly fields = new Map<MessageField, FieldView>();
  private row: MessageRow | undefined;
  private mode: ViewMode = 'raw';
  private readonly expanded = new Set<MessageField>();

  constructor(callbacks: DetailCallbacks) {
    this.title = h('h2', { className: 'detail-title', attrs: { id: 'detail-title' } });
    this.decodedNote = h('span', { className: 'decoded-note', text: 'salt and data decoded, not decrypted' });
    const close = button('Close', {
      className: 'secondary',
      attrs: { 'aria-label': 'Close message details' },
      onClick: () => callbacks.onClose(),
    });
    const head = h('div', { className: 'detail-head' }, this.title, this.decodedNote, close);
    this.history = h('p', { className: 'detail-history' });
    this.element = h('section', { className: 'detail', attrs: { 'aria-labelledby': 'detail-title', tabindex: '-1' } }, head, this.history);
    for (const field of FIELDS) {
      const view: FieldView = {
        size: h('span', { className: 'field-size' }),
        value: h('pre', { className: 'field-value mono', attrs: { tabindex: '0', 'aria-label': `${field} value` } }),
        note: h('p', { className: 'field-note' }),
        showAll: button('Show all', { className: 'secondary', onClick: () => this.expand(field) }),
      };
      const copy = button(`Copy ${field}`, {
        className: 'secondary',
        attrs: { title: `Copy the raw ${field}, exactly as stored` },
        onClick: () => this.row && callbacks.onCopy(this.row.position, field),
      });
      copy.addEventListener('click', () => flash(copy, `Copy ${field}`));
      const fieldHead = h('div', { className: 'field-head' }, h('span', { className: 'field-label', text: field }), view.size, copy);
      this.element.append(h('div', { className: `field field-${field}` }, fieldHead, view.value, view.note, view.showAll));
      this.fields.set(field, view);
    }
    this.element.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        callbacks.onClose();
      }
    });
    this.element.hidden = true;
  }

  get position(): number | undefined {
    return this.element.hidden ? undefined : this.row?.position;
  }

  show(row: MessageRow): void {
    if (this.row?.position !== row.position) {
      this.expanded.clear();
    }
    this.row = row;
    this.element.hidden = false;
    this.render();
  }

  hide(): void {
    this.element.hidden = true;
    this.row = undefined;
  }

  setMode(mode: ViewMode): void {
    this.mode = mode;
    this.render();
  }

  private expand(field: MessageField): void {
    this.expanded.add(field);
    this.render();
  }

  private render(): void {
    const row = this.row;
    if (!row) {
      return;
    }
    setText(this.title, `Message #${(row.index + 1).toLocaleString('en-US')}${row.isNew ? ' (new)' : ''}`);
    this.decodedNote.hidden = this.mode === 'raw';
    setText(this.history, historyDetail(row.history));
    this.history.hidden = row.history === null;
    const values: Record<MessageField, [string, number, number | null]> = {
      id: [row.id, row.idLength, null],
      salt: [row.salt, row.saltLength, row.saltBytes],
      data: [row.data, row.dataLength, row.dataBytes],
    };
    for (const field of FIELDS) {
      const [value, fullLength, bytes] = values[field];
      const view = this.fields.get(field) as FieldView;
      const mode = field === 'id' ? 'raw' : this.mode;
      const limit = this.expanded.has(field) ? value.length : INITIAL_CHARS;
      const shown = present(value.slice(0, limit), mode, { partial: limit < fullLength, block: true });
      setText(view.value, shown.text);
      setText(view.size, field === 'id' ? `${fullLength.toLocaleString('en-US')} chars` : formatBytes(bytes, fullLength));
      const notes: string[] = [];
      if (shown.note) {
        notes.push(`Cannot decode: ${shown.note}.`);
      }
      if (limit < fullLength) {
        const shownChars = `${limit.toLocaleString('en-US')} of ${fullLength.toLocaleString('en-US')}`;
        notes.push(`Showing the first ${shownChars} characters; Copy copies the whole value.`);
      }
      setText(view.note, notes.join(' '));
      view.note.hidden = notes.length === 0;
      view.showAll.hidden = limit >= value.length;
      setText(view.showAll, `Show all ${value.length.toLocaleString('en-US')} characters`);
    }
  }
}

function flash(element: HTMLElement, label: string): void {
  setText(element, 'Copied');
  setTimeout(() => setText(element, label), 1500);
}
