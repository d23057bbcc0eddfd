import type { ProblemsMessage } from '../shared/protocol';
import { formatCount, h, setText } from './dom';

/**
 * The room's contract problems: a list under the header (hidden when there are none) and a
 * mark on each message with a problem. Server text only ever lands in textContent and title.
 */
export class ProblemsView {
  readonly element: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly list: HTMLElement;
  private byMessage = new Map<number, string>();

  constructor() {
    this.summary = h('p', { className: 'problems-summary' });
    this.list = h('ul', { className: 'problems-list' });
    this.element = h('section', { className: 'problems', attrs: { 'aria-label': 'Contract problems' } }, this.summary, this.list);
    this.element.hidden = true;
  }

  update(problems: ProblemsMessage): void {
    this.byMessage = new Map();
    for (const { index, ruleId, message } of problems.messages) {
      const earlier = this.byMessage.get(index);
      this.byMessage.set(index, earlier ? `${earlier}\n${ruleId}: ${message}` : `${ruleId}: ${message}`);
    }
    const total = problems.room.length + problems.messages.length;
    this.element.hidden = total === 0;
    const marked = this.byMessage.size;
    setText(
      this.summary,
      total === 0
        ? ''
        : `${formatCount(total, 'contract problem')}${marked ? ` (${formatCount(marked, 'message')} marked ⚠ in the list)` : ''}`,
    );
    this.list.replaceChildren(...problems.room.map(({ ruleId, message }) => h('li', { text: `${ruleId}: ${message}` })));
  }

  /** Marks (or unmarks) a row for the message at `index` in the room. */
  markRow(element: HTMLElement, index: number | undefined): void {
    const problem = index === undefined ? undefined : this.byMessage.get(index);
    element.classList.toggle('has-problem', problem !== undefined);
    if (problem !== undefined) {
      element.title = problem;
    } else {
      element.removeAttribute('title');
    }
  }
}
