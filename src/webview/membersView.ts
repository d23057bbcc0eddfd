import { button, h, setText } from './dom';

/** Members shown before "Show all": enough to recognise the room, one or two lines. */
const COLLAPSED_COUNT = 5;

/**
 * The room's members, one element each (never cut mid-name): the first few, and a button that
 * shows all of them and back. Every name is text; the list is as long as the header value the
 * protocol allows (it is cut with "…" beyond that).
 */
export class MembersView {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;
  private readonly toggle: HTMLButtonElement;
  private members: string[] = [];
  private raw: string | undefined;
  private expanded = false;

  constructor() {
    this.list = h('span', { className: 'member-list' });
    this.toggle = button('', {
      className: 'members-toggle secondary',
      attrs: { 'aria-expanded': 'false' },
      onClick: () => {
        this.expanded = !this.expanded;
        this.render();
      },
    });
    this.element = h('dd', { className: 'fact-members' }, this.list, this.toggle);
  }

  update(members: string | undefined): void {
    if (members === this.raw) {
      return;
    }
    this.raw = members;
    this.members = members
      ? members
          .split(',')
          .map((member) => member.trim())
          .filter(Boolean)
      : [];
    this.render();
  }

  private render(): void {
    const shown = this.expanded ? this.members : this.members.slice(0, COLLAPSED_COUNT);
    const parts: Node[] = [];
    shown.forEach((member, index) => {
      if (index > 0) {
        parts.push(document.createTextNode(', '));
      }
      parts.push(h('span', { className: 'member mono', text: member }));
    });
    if (this.raw !== undefined && this.members.length === 0) {
      parts.push(document.createTextNode('none'));
    }
    this.list.replaceChildren(...parts);
    this.toggle.hidden = this.members.length <= COLLAPSED_COUNT;
    this.toggle.setAttribute('aria-expanded', String(this.expanded));
    setText(this.toggle, this.expanded ? 'Show fewer' : `Show all ${this.members.length.toLocaleString('en-US')}`);
  }
}
