import type { PanelAction, StateMessage } from '../shared/protocol';
import { button, formatCount, h, setText } from './dom';

export interface HeaderCallbacks {
  onAction(action: PanelAction): void;
  onWatch(enabled: boolean): void;
}

/**
 * The room's facts (id, started, ended, members, count), the panel's actions and the status
 * line (last update, new messages, errors). Rebuilt from each `state` message; server values
 * only ever land in textContent.
 */
export class HeaderView {
  readonly element: HTMLElement;
  private readonly values = new Map<string, HTMLElement>();
  private readonly watchButton: HTMLButtonElement;
  private readonly updated: HTMLElement;
  private readonly banner: HTMLElement;
  private watching = false;

  constructor(callbacks: HeaderCallbacks) {
    const facts = h('dl', { className: 'facts' });
    for (const [key, label] of [
      ['id', 'Room'],
      ['started', 'Started'],
      ['ended', 'Ended'],
      ['members', 'Members'],
      ['count', 'Messages'],
    ] as const) {
      const value = h('dd', { className: `fact-${key}${key === 'id' || key === 'members' ? ' mono' : ''}` });
      this.values.set(key, value);
      facts.append(h('div', { className: 'fact' }, h('dt', { text: label }), value));
    }
    const action = (label: string, name: PanelAction, hint: string): HTMLButtonElement =>
      button(label, { className: `action action-${name}`, attrs: { title: hint }, onClick: () => callbacks.onAction(name) });
    this.watchButton = button('Watch', {
      className: 'action action-watch',
      attrs: { 'aria-pressed': 'false' },
      onClick: () => callbacks.onWatch(!this.watching),
    });
    const toolbar = h(
      'div',
      { className: 'toolbar', attrs: { role: 'toolbar', 'aria-label': 'Room actions' } },
      action('Refresh', 'refresh', 'Load the room again from the server'),
      action('Add messages…', 'addMessages', 'Add one message, or many from a JSON file or the clipboard'),
      action('Delete all messages…', 'deleteMessages', 'Asks first; a snapshot allows Undo'),
      action('Export JSON…', 'exportJson', 'Save the room with all messages as a JSON file'),
      action('Open JSON', 'openJson', 'Open the room as a read-only JSON document'),
      action('Compare with…', 'compare', 'This room against how the panel first loaded it, a snapshot, another room or a file'),
      this.watchButton,
    );
    this.updated = h('p', { className: 'updated', attrs: { 'aria-live': 'polite' } });
    this.banner = h('div', { className: 'banner', attrs: { role: 'alert' } });
    this.banner.hidden = true;
    this.element = h('header', { className: 'header' }, facts, toolbar, this.updated, this.banner);
  }

  update(state: StateMessage): void {
    const header = state.header;
    setText(this.value('id'), header?.id ?? '');
    setText(this.value('started'), header ? header.started || '—' : '');
    setText(this.value('ended'), header ? header.ended || '— (still active)' : '');
    const members = header?.members ? header.members.split(',').map((member) => member.trim()).filter(Boolean) : [];
    setText(this.value('members'), header ? (members.length ? `${members.length}: ${members.join(', ')}` : 'none') : '');
    setText(this.value('count'), header ? countText(header.messageCount, state.view.query ? undefined : state.view.total) : '');

    this.watching = state.watching;
    this.watchButton.setAttribute('aria-pressed', String(state.watching));
    setText(this.watchButton, state.watching ? `Watching (every ${state.watchIntervalSeconds} s)` : 'Watch');
    this.watchButton.disabled = state.status === 'deleted' || !header;

    const parts: string[] = [];
    if (state.status === 'loading') {
      parts.push(header?.messageCount === null ? 'Loading the rest of the room…' : 'Loading…');
    }
    if (state.updatedAt) {
      parts.push(`Updated ${new Date(state.updatedAt).toLocaleTimeString()}`);
    }
    if (state.newCount > 0) {
      parts.push(`${formatCount(state.newCount, 'new message')} (highlighted) since the last Refresh`);
    }
    setText(this.updated, parts.join(' · '));

    const showBanner = state.status === 'error' || state.status === 'deleted';
    this.banner.hidden = !showBanner;
    this.banner.classList.toggle('deleted', state.status === 'deleted');
    setText(this.banner, showBanner ? state.statusText : '');
  }

  private value(key: string): HTMLElement {
    return this.values.get(key) as HTMLElement;
  }
}

/** A big room shows its first messages before its size is known. */
function countText(messageCount: number | null, shown: number | undefined): string {
  if (messageCount !== null) {
    return messageCount.toLocaleString('en-US');
  }
  return shown === undefined ? 'counting…' : `counting… (first ${shown.toLocaleString('en-US')} shown)`;
}
