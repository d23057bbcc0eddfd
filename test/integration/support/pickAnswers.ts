import type * as vscode from 'vscode';
import type { PickedWithButton } from '../../../src/core/prompts';

/** The scripted double's quick pick answers, and how they are matched against the items shown. */
export type LabelMatch = string | ((label: string) => boolean);
/** An item ticked (or picked), the item highlighted when Enter is pressed with nothing ticked, or an item's button pressed. */
export type PickAnswer = LabelMatch | undefined | { highlighted: LabelMatch } | { item: LabelMatch; button: string };

/** For `pick()`: Enter pressed on this highlighted item with nothing ticked. */
export function highlighted(item: LabelMatch): PickAnswer {
  return { highlighted: item };
}

/** For `pick()`: the button with this tooltip pressed on this item. */
export function itemButton(item: LabelMatch, button: string): PickAnswer {
  return { item, button };
}

/** The items the answers name: ticked, highlighted, or with a button pressed; `fail` makes the error for a missing one. */
export function resolveAnswers<T extends vscode.QuickPickItem>(
  items: readonly T[],
  answers: readonly PickAnswer[],
  fail: (problem: string) => Error,
): { ticked: T[]; highlighted?: T; pressed?: PickedWithButton<T> } {
  const find = (answer: LabelMatch): T => {
    const matches = typeof answer === 'string' ? (label: string) => label.includes(answer) : answer;
    const item = items.find((candidate) => matches(candidate.label));
    if (!item) {
      throw fail(`it has no item "${String(answer)}"`);
    }
    return item;
  };
  const ticked: T[] = [];
  let highlighted: T | undefined;
  let pressed: PickedWithButton<T> | undefined;
  for (const answer of answers) {
    if (answer === undefined) {
      continue;
    }
    if (typeof answer === 'object' && 'highlighted' in answer) {
      highlighted = find(answer.highlighted);
    } else if (typeof answer === 'object') {
      const item = find(answer.item);
      const button = item.buttons?.find((candidate) => candidate.tooltip === answer.button);
      if (!button) {
        throw fail(`item "${item.label}" has no button "${answer.button}"`);
      }
      pressed = { item, button };
    } else {
      ticked.push(find(answer));
    }
  }
  return { ticked, highlighted, pressed };
}
