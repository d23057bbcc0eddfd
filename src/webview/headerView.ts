import type { BlockedKind, PanelAction, PanelRemedy, StateMessage } from '../shared/protocol';
import { button, formatCount, h, setText } from './dom';
import { MembersView } from './membersView';

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
  private readonly actions = new Map<PanelAction | 'watch', { button: HTMLButtonElement; hint: string }>();
  private readonly unavailable: HTMLElement;
  private readonly members = new MembersView();
  private readonly updated: HTMLElement;
  private readonly banner: HTMLElement;
  private readonly bannerText: HTMLElement;
  private readonly remedies: Record<Exclude<PanelRemedy, 'none'>, HTMLElement>;
  private watching = false;

  constructor(callbacks: HeaderCallbacks) {
    const facts = h('dl', { className: 'facts' });
    for (const [key, label] of [
      ['id', 'Room'],
      ['started', 'Started'],
      ['ended', 'Ended'],
      ['members', 'Members'],
      ['count', 'Messages'],
      ['server', 'Server'],
    ] as const) {
      const value = key === 'members' ? this.members.element : h('dd', { className: `fact-${key}${key === 'id' ? ' mono' : ''}` });
      this.values.set(key, value);
      facts.append(h('div', { className: 'fact' }, h('dt', { text: label }), value));
    }
    // Unavailable actions stay focusable (aria-disabled, not disabled) so their tooltip and the reason below reach everyone.
    const action = (label: string, name: PanelAction | 'watch', hint: string, run: () => void): HTMLButtonElement => {
      const element = button(label, {
        className: `action action-${name}`,
        attrs: { title: hint, 'aria-disabled': 'false' },
        onClick: () => element.getAttribute('aria-disabled') !== 'true' && run(),
      });
      this.actions.set(name, { button: element, hint });
      return element;
    };
    const panelAction = (label: string, name: PanelAction, hint: string): HTMLButtonElement =>
      action(label, name, hint, () => callbacks.onAction(name));
    this.watchButton = action('Watch', 'watch', '', () => callbacks.onWatch(!this.watching));
    this.watchButton.setAttribute('aria-pressed', 'false');
    const toolbar = h(
      'div',
      { className: 'toolbar', attrs: { role: 'toolbar', 'aria-label': 'Room actions' } },
      panelAction('Refresh', 'refresh', 'Load the room again from the server'),
      panelAction('Add messages…', 'addMessages', 'Add one message, or many from a JSON file or the clipboard'),
      panelAction('Delete all messages…', 'deleteMessages', 'Asks first; a snapshot allows Undo'),
      panelAction('Export JSON…', 'exportJson', 'Save the room with all messages as a JSON file'),
      panelAction('Open JSON', 'openJson', 'Open the room as a read-only JSON document'),
      panelAction('Compare with…', 'compare', 'This room against how the panel first loaded it, a snapshot, another room or a file'),
      panelAction('Copy request as…', 'copyRequest', "This room's recent requests as curl, TypeScript fetch, Python, C# or PowerShell"),
      this.watchButton,
    );
    this.unavailable = h('p', { className: 'unavailable', attrs: { id: 'actions-unavailable', role: 'status' } });
    this.updated = h('p', { className: 'updated', attrs: { 'aria-live': 'polite' } });
    // The banner's own buttons: back to the room's server (or close the panel), or Undo while a saved copy lasts.
    const remedy = (label: string, name: PanelAction): HTMLButtonElement =>
      button(label, { className: `remedy remedy-${name}`, onClick: () => callbacks.onAction(name) });
    this.remedies = {
      switchBack: h('div', { className: 'remedies' }, remedy('Switch back', 'switchBack'), remedy('Close', 'close')),
      undo: h('div', { className: 'remedies' }, remedy('Undo', 'undoDelete')),
    };
    this.bannerText = h('p', { className: 'banner-text' });
    this.banner = h(
      'div',
      { className: 'banner', attrs: { role: 'alert' } },
      this.bannerText,
      this.remedies.switchBack,
      this.remedies.undo,
    );
    this.banner.hidden = true;
    this.element = h('header', { className: 'header' }, facts, toolbar, this.unavailable, this.updated, this.banner);
  }

  update(state: StateMessage): void {
    const header = state.header;
    setText(this.value('id'), header?.id ?? '');
    showDate(this.value('started'), header ? header.started : undefined, '—');
    showDate(this.value('ended'), header ? header.ended : undefined, '— (still active)');
    this.members.update(header ? header.members : undefined);
    // Every state names the server, as configured: a room of the same id on another server is another room.
    setText(this.value('server'), state.server);
    setText(this.value('count'), header ? countText(header.messageCount, state.view.query ? undefined : state.view.total) : '');

    this.watching = state.watching;
    this.watchButton.setAttribute('aria-pressed', String(state.watching));
    setText(this.watchButton, state.watching ? `Stop watching (every ${state.watchIntervalSeconds} s)` : 'Watch');
    this.actions.set('watch', {
      button: this.watchButton,
      hint: state.watching
        ? `Checking the room for new messages every ${state.watchIntervalSeconds} s while this panel is visible. Click to stop.`
        : `Check the room for new messages every ${state.watchIntervalSeconds} s while this panel is visible`,
    });
    this.showBlocked(header ? state.blocked : { kind: 'gone', reason: 'The room is not loaded yet.' });

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

    const showBanner = state.status === 'error' || state.status === 'deleted' || state.status === 'elsewhere';
    this.banner.hidden = !showBanner;
    this.banner.classList.toggle('deleted', state.status === 'deleted' || state.status === 'elsewhere');
    setText(this.bannerText, showBanner ? state.statusText : '');
    this.remedies.switchBack.hidden = !showBanner || state.remedy !== 'switchBack';
    this.remedies.undo.hidden = !showBanner || state.remedy !== 'undo';
  }

  /** Disables the actions that need the server (the kind says which), each with the reason as its tooltip. */
  private showBlocked(blocked: { kind: BlockedKind; reason: string }): void {
    for (const [name, { button: element, hint }] of this.actions) {
      const off = blocked.kind !== 'none' && !(ALWAYS_AVAILABLE[blocked.kind] as readonly string[]).includes(name);
      element.setAttribute('aria-disabled', String(off));
      element.title = off ? blocked.reason : hint;
      if (off) {
        element.setAttribute('aria-describedby', 'actions-unavailable');
      } else {
        element.removeAttribute('aria-describedby');
      }
    }
    setText(this.unavailable, blocked.kind === 'none' ? '' : blocked.reason);
    this.unavailable.hidden = blocked.kind === 'none';
  }

  private value(key: string): HTMLElement {
    return this.values.get(key) as HTMLElement;
  }
}

/** What stays usable without the server: the copy on screen can be exported; a deleted room may be found again by Refresh. */
const ALWAYS_AVAILABLE: Record<Exclude<BlockedKind, 'none'>, readonly (PanelAction | 'watch')[]> = {
  signedOut: ['exportJson', 'copyRequest'],
  gone: ['exportJson', 'refresh', 'copyRequest'],
};

const ISO_START = /^\d{4}-\d\d-\d\dT\d\d:\d\d/;

/** A server date in the user's locale, on one line, with the value exactly as sent in the tooltip; anything unparsable as sent. */
function showDate(element: HTMLElement, value: string | undefined, whenEmpty: string): void {
  if (value === undefined || value === '') {
    setText(element, value === undefined ? '' : whenEmpty);
    return;
  }
  // Only ISO-looking values: the browser's lenient parser would turn "1" into a date in 2001.
  const time = ISO_START.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(time)) {
    setText(element, value);
    return;
  }
  const shown = new Date(time).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  const existing = element.querySelector('time');
  if (existing?.title === value && existing.textContent === shown) {
    return;
  }
  element.replaceChildren(h('time', { text: shown, attrs: { datetime: new Date(time).toISOString(), title: value } }));
}

/** A big room shows its first messages before its size is known. */
function countText(messageCount: number | null, shown: number | undefined): string {
  if (messageCount !== null) {
    return messageCount.toLocaleString('en-US');
  }
  return shown === undefined ? 'counting…' : `counting… (first ${shown.toLocaleString('en-US')} shown)`;
}
