import { isMessageLine } from './roomDocument';

/**
 * Two room documents made small enough for a diff editor to open at once: each long stretch of
 * messages that is the same, at the same place, on both sides becomes one line, so a
 * 100,000-message room against a copy with a few changes opens as a few hundred lines. Without
 * it the editor must move and diff both whole documents (two 18 MB texts for 100,000 messages,
 * several seconds in VS Code for the web), only to hide the same stretches itself.
 *
 * Unchanged stretches are found as the patience diff finds its anchors: lines that occur
 * once on each side, kept in order (the longest increasing run of their places), then grown
 * line by line over equal neighbours. Messages carry unique ids, so almost every message line
 * is such an anchor. Only message lines are folded: the room's fields always show.
 */
export interface FoldOptions {
  /** Unchanged messages kept on each side of a change, as `diff -U` keeps context. */
  context: number;
  /** The line that stands for a folded stretch; the same on both sides, so the diff pairs them. */
  describeFold(fold: FoldedStretch): string;
}

export interface FoldedStretch {
  /** How many message lines the fold stands for. */
  lines: number;
  /** The first folded line's number (one-based) on each side. */
  leftLine: number;
  rightLine: number;
}

export interface FoldedTexts {
  left: string;
  right: string;
  /** Message lines folded away on each side. */
  foldedLines: number;
}

/** Folds only when a stretch hides more lines than this: a fold line for a handful of messages hides nothing worth it. */
const MIN_FOLDED_LINES = 8;

export function foldUnchangedMessages(left: string, right: string, options: FoldOptions): FoldedTexts {
  const leftLines = left.split('\n');
  const rightLines = right.split('\n');
  const leftOut: string[] = [];
  const rightOut: string[] = [];
  let foldedLines = 0;
  let leftNext = 0;
  let rightNext = 0;
  const copyUpTo = (leftEnd: number, rightEnd: number): void => {
    for (; leftNext < leftEnd; leftNext++) leftOut.push(leftLines[leftNext]);
    for (; rightNext < rightEnd; rightNext++) rightOut.push(rightLines[rightNext]);
  };
  for (const stretch of unchangedStretches(leftLines, rightLines)) {
    for (const run of messageRuns(leftLines, stretch)) {
      const hidden = run.length - 2 * options.context;
      if (hidden <= MIN_FOLDED_LINES) {
        continue;
      }
      const leftStart = run.left + options.context;
      const rightStart = run.right + options.context;
      copyUpTo(leftStart, rightStart);
      const fold = options.describeFold({ lines: hidden, leftLine: leftStart + 1, rightLine: rightStart + 1 });
      leftOut.push(fold);
      rightOut.push(fold);
      leftNext += hidden;
      rightNext += hidden;
      foldedLines += hidden;
    }
  }
  copyUpTo(leftLines.length, rightLines.length);
  return { left: leftOut.join('\n'), right: rightOut.join('\n'), foldedLines };
}

/** A stretch of lines equal on both sides: `length` lines from `left` and from `right`. */
interface Stretch {
  left: number;
  right: number;
  length: number;
}

/** Unchanged stretches in document order, none overlapping on either side. */
function unchangedStretches(leftLines: readonly string[], rightLines: readonly string[]): Stretch[] {
  const stretches: Stretch[] = [];
  let leftEnd = 0;
  let rightEnd = 0;
  for (const [anchorLeft, anchorRight] of orderedUniquePairs(leftLines, rightLines)) {
    if (anchorLeft < leftEnd) {
      continue; // already inside the stretch grown from an earlier anchor
    }
    let start = 0;
    while (
      anchorLeft - start - 1 >= leftEnd &&
      anchorRight - start - 1 >= rightEnd &&
      leftLines[anchorLeft - start - 1] === rightLines[anchorRight - start - 1]
    ) {
      start++;
    }
    let length = start + 1;
    while (
      anchorLeft - start + length < leftLines.length &&
      anchorRight - start + length < rightLines.length &&
      leftLines[anchorLeft - start + length] === rightLines[anchorRight - start + length]
    ) {
      length++;
    }
    stretches.push({ left: anchorLeft - start, right: anchorRight - start, length });
    leftEnd = anchorLeft - start + length;
    rightEnd = anchorRight - start + length;
  }
  return stretches;
}

/** Places of the lines that occur exactly once on each side, the longest run kept in order on both. */
function orderedUniquePairs(leftLines: readonly string[], rightLines: readonly string[]): [number, number][] {
  const rightPlace = uniquePlaces(rightLines);
  const leftPlace = uniquePlaces(leftLines);
  const pairs: [number, number][] = [];
  leftLines.forEach((line, index) => {
    const right = rightPlace.get(line);
    if (right !== undefined && leftPlace.get(line) === index) {
      pairs.push([index, right]);
    }
  });
  return longestIncreasingByRight(pairs);
}

/** Line → its index, for lines that occur once; -1 marks a line seen twice. */
function uniquePlaces(lines: readonly string[]): Map<string, number> {
  const places = new Map<string, number>();
  lines.forEach((line, index) => places.set(line, places.has(line) ? -1 : index));
  for (const [line, index] of places) {
    if (index < 0) places.delete(line);
  }
  return places;
}

/** The longest subsequence whose right places increase (patience sorting, n log n). */
function longestIncreasingByRight(pairs: readonly [number, number][]): [number, number][] {
  const tails: number[] = []; // tails[k]: index in pairs of the smallest tail of an increasing run of length k + 1
  const previous = new Int32Array(pairs.length).fill(-1);
  pairs.forEach(([, right], index) => {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (pairs[tails[middle]][1] < right) low = middle + 1;
      else high = middle;
    }
    previous[index] = low > 0 ? tails[low - 1] : -1;
    tails[low] = index;
  });
  const kept: [number, number][] = [];
  for (let index = tails.length > 0 ? tails[tails.length - 1] : -1; index >= 0; index = previous[index]) {
    kept.push(pairs[index]);
  }
  return kept.reverse();
}

/** The parts of an unchanged stretch that are message lines, as stretches of their own. */
function messageRuns(leftLines: readonly string[], stretch: Stretch): Stretch[] {
  const runs: Stretch[] = [];
  let runStart = -1;
  for (let offset = 0; offset <= stretch.length; offset++) {
    const isMessage = offset < stretch.length && isMessageLine(leftLines[stretch.left + offset]);
    if (isMessage && runStart < 0) {
      runStart = offset;
    } else if (!isMessage && runStart >= 0) {
      runs.push({ left: stretch.left + runStart, right: stretch.right + runStart, length: offset - runStart });
      runStart = -1;
    }
  }
  return runs;
}
