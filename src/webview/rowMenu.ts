import type { MessageField } from '../shared/protocol';
import { h } from './dom';

export type RowMenuChoice = MessageField | 'details';

const CHOICES: readonly [RowMenuChoice, string][] = [
  ['id', 'Copy id'],
  ['salt', 'Copy salt'],
  ['data', 'Copy data'],
  ['details', 'Show details'],
];

/**
 * The one menu behind every row's "⋯" button (also Shift+F10 or the context-menu key on the
 * active row): copy a raw value or show the whole message. One small button per row instead of
 * four copy chips leaves the row's width to the data. Up/Down move, Enter chooses, Escape closes.
 */
export class RowMenu {
  readonly element: HTMLElement;
  private readonly items: HTMLButtonElement[];
  private position: number | undefined;
  private returnFocus: HTMLElement | undefined;

  constructor(onChoose: (position: number, choice: RowMenuChoice) => void) {
    this.items = CHOICES.map(([choice, label]) =>
      h('button', {
        className: 'row-menu-item',
        text: label,
        attrs: { type: 'button', role: 'menuitem', tabindex: '-1', 'data-choice': choice },
      }),
    );
    this.element = h('div', { className: 'row-menu-popup', attrs: { role: 'menu', 'aria-label': 'Message actions' } }, ...this.items);
    this.element.hidden = true;
    this.element.addEventListener('click', (event) => {
      const item = (event.target as Element | null)?.closest<HTMLElement>('[data-choice]');
      const position = this.position;
      if (item && position !== undefined) {
        this.close();
        onChoose(position, item.dataset.choice as RowMenuChoice);
      }
    });
    this.element.addEventListener('keydown', (event) => this.onKey(event));
    this.element.addEventListener('focusout', (event) => {
      if (!this.element.contains(event.relatedTarget as Node | null)) {
        this.close(false);
      }
    });
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  /** Opens below `anchor` (the row's button, or the row itself) for the message at `position`. */
  open(anchor: HTMLElement, position: number, returnFocus: HTMLElement): void {
    this.position = position;
    this.returnFocus = returnFocus;
    this.element.hidden = false;
    const box = anchor.getBoundingClientRect();
    const menu = this.element.getBoundingClientRect();
    const top = box.bottom + menu.height > window.innerHeight ? Math.max(0, box.top - menu.height) : box.bottom;
    this.element.style.top = `${Math.round(top)}px`;
    this.element.style.left = `${Math.round(Math.max(0, Math.min(box.right - menu.width, window.innerWidth - menu.width)))}px`;
    this.items[0].focus();
  }

  close(restoreFocus = true): void {
    if (this.element.hidden) {
      return;
    }
    this.element.hidden = true;
    this.position = undefined;
    if (restoreFocus) {
      this.returnFocus?.focus();
    }
  }

  private onKey(event: KeyboardEvent): void {
    const at = this.items.indexOf(document.activeElement as HTMLButtonElement);
    const moves: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: this.items.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      this.items[(moves[event.key] + this.items.length) % this.items.length].focus();
    } else if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      this.close();
    }
  }
}
