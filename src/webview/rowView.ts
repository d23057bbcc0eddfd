import { cutText } from '../shared/cutText';
import type { MessageRow } from '../shared/protocol';
import { formatBytes, present, type ViewMode } from './decoders';
import { h, setText } from './dom';
import { firstSeenText } from './firstSeenText';

/**
 * One list row: built once per pooled element, then refilled as the element is moved to
 * another position. Every value goes in through textContent; long values are cut (the list
 * shows one line per message) and the detail area shows them whole.
 */
export function createRowElement(): HTMLElement {
  // One small button instead of a chip per value: the row's width goes to the data. Mouse only
  // (tabindex -1); keyboard users open the same menu with Shift+F10, or the detail area with Enter.
  const menuButton = h('button', {
    className: 'row-menu',
    text: '⋯',
    attrs: {
      type: 'button',
      tabindex: '-1',
      'aria-haspopup': 'menu',
      title: 'Copy a value or show the whole message',
      'aria-label': 'Message actions',
    },
  });
  return h(
    'div',
    { className: 'row', attrs: { role: 'option', 'aria-selected': 'false' } },
    h('span', { className: 'cell index' }),
    h('span', { className: 'cell badge', text: 'new', attrs: { 'aria-hidden': 'true' } }),
    h('span', { className: 'cell id mono' }),
    valueCell('salt'),
    valueCell('data'),
    h('span', { className: 'cell size' }),
    h('span', { className: 'cell seen' }),
    h('span', { className: 'cell actions' }, menuButton),
  );
}

/** A salt or data cell: a note that says when the chosen view could not decode it, then the value. */
function valueCell(field: 'salt' | 'data'): HTMLElement {
  return h('span', { className: `cell ${field} mono` }, h('span', { className: 'cell-note' }), h('span', { className: 'cell-value' }));
}

function cell(row: HTMLElement, name: string): HTMLElement {
  return row.querySelector(`.${name}`) as HTMLElement;
}

function fill(element: HTMLElement, value: string, fullLength: number, mode: ViewMode): void {
  const cut = value.length < fullLength;
  const shown = present(value, mode, { partial: cut, block: false });
  const note = element.querySelector('.cell-note');
  const target = element.querySelector('.cell-value') ?? element;
  if (note) {
    // Said in words, not only by italics: "not UTF-8 — shown raw".
    setText(note, shown.note ? `${shown.note}: ` : '');
  }
  setText(target, cut ? `${shown.text}…` : shown.text);
  element.classList.toggle('fallback', shown.note !== '');
  if (shown.note) {
    element.title = shown.note;
  } else {
    element.removeAttribute('title');
  }
}

export function renderRow(element: HTMLElement, row: MessageRow | undefined, mode: ViewMode, active: boolean): void {
  element.classList.toggle('active', active);
  element.setAttribute('aria-selected', String(active));
  element.classList.toggle('loading', !row);
  element.classList.toggle('new', row?.isNew === true);
  if (!row) {
    setText(cell(element, 'index'), '');
    setText(cell(element, 'id'), 'Loading…');
    for (const name of ['salt', 'data']) {
      cell(element, name)
        .querySelectorAll('span')
        .forEach((part) => setText(part, ''));
    }
    setText(cell(element, 'size'), '');
    setText(cell(element, 'seen'), '');
    element.setAttribute('aria-label', 'Loading message');
    return;
  }
  setText(cell(element, 'index'), `#${(row.index + 1).toLocaleString('en-US')}`);
  fill(cell(element, 'id'), row.id, row.idLength, 'raw');
  fill(cell(element, 'salt'), row.salt, row.saltLength, mode);
  fill(cell(element, 'data'), row.data, row.dataLength, mode);
  const saltSize = formatBytes(row.saltBytes, row.saltLength);
  const dataSize = formatBytes(row.dataBytes, row.dataLength);
  setText(cell(element, 'size'), `${saltSize} · ${dataSize}`);
  cell(element, 'size').title = `salt ${saltSize} · data ${dataSize}`;
  const seen = firstSeenText(row.history, Date.now());
  setText(cell(element, 'seen'), seen.text);
  cell(element, 'seen').title = seen.title;
  element.classList.toggle('changed', row.history?.changedAt != null);
  const id = cutText(row.id, 60);
  element.setAttribute(
    'aria-label',
    `Message ${row.index + 1}${row.isNew ? ', new' : ''}: id ${id}, data ${formatBytes(row.dataBytes, row.dataLength)}${seen.spoken}`,
  );
}
