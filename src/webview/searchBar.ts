import { MAX_QUERY_CHARS } from '../shared/protocol';
import type { ViewMode } from './decoders';
import { formatCount, h, setText } from './dom';

export interface SearchCallbacks {
  onSearch(query: string): void;
  onViewMode(mode: ViewMode): void;
}

const SEARCH_DELAY_MS = 200;

/**
 * Search within the room (the host filters, so it covers all messages, not just the loaded
 * ones) and the choice of how salt and data are shown. The decoded modes are labelled as
 * what they are: the ciphertext's bytes made readable, not the message.
 */
export class SearchBar {
  readonly element: HTMLElement;
  readonly input: HTMLInputElement;
  private readonly matches: HTMLElement;
  private readonly decodedNote: HTMLElement;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(callbacks: SearchCallbacks) {
    this.input = h('input', {
      className: 'search',
      attrs: {
        type: 'search',
        id: 'search',
        maxlength: String(MAX_QUERY_CHARS),
        placeholder: 'Search id (any case) or data (exact)',
        'aria-label': 'Search messages by id or data',
      },
    });
    this.input.addEventListener('input', () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => callbacks.onSearch(this.input.value), SEARCH_DELAY_MS);
    });
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        clearTimeout(this.timer);
        callbacks.onSearch(this.input.value);
      }
    });
    this.matches = h('span', { className: 'matches', attrs: { role: 'status', 'aria-live': 'polite' } });
    const select = h(
      'select',
      { className: 'view-mode', attrs: { id: 'view-mode', 'aria-describedby': 'decoded-note' } },
      h('option', { text: 'Raw (as stored)', attrs: { value: 'raw' } }),
      h('option', { text: 'Base64 → UTF-8 text', attrs: { value: 'text' } }),
      h('option', { text: 'Hex dump', attrs: { value: 'hex' } }),
    );
    this.decodedNote = h('span', { className: 'decoded-note', text: 'decoded, not decrypted', attrs: { id: 'decoded-note' } });
    this.decodedNote.hidden = true;
    select.addEventListener('change', () => {
      const mode = select.value as ViewMode;
      this.decodedNote.hidden = mode === 'raw';
      callbacks.onViewMode(mode);
    });
    const modeLabel = h('label', { className: 'view-mode-label', text: 'Show salt and data as', attrs: { for: 'view-mode' } });
    this.element = h('div', { className: 'search-bar' }, this.input, this.matches, modeLabel, select, this.decodedNote);
  }

  /** `roomSize` is null while a big room is still loading: the matches so far are among its first messages. */
  update(query: string, total: number, roomSize: number | null): void {
    if (this.input.value !== query && document.activeElement !== this.input) {
      this.input.value = query;
    }
    const among = roomSize === null ? 'so far' : `of ${roomSize.toLocaleString('en-US')}`;
    setText(this.matches, query ? `${formatCount(total, 'match', 'matches')} ${among}` : '');
  }
}
