import * as assert from 'node:assert/strict';
import { foldUnchangedMessages } from '../../../src/shared/foldUnchangedMessages';
import { layoutRoomDocument } from '../../../src/shared/roomDocument';

type Message = { id: string; salt: string; data: string };

const room = { id: 'big', started: '2025-05-05T09:00:00Z', ended: '', members: 'a@x.org', hasMessages: true };
const messagesOf = (count: number, from = 0): Message[] =>
  Array.from({ length: count }, (_, index) => ({ id: `m${from + index}`, salt: 'c2FsdA==', data: `ZGF0YQ${from + index}` }));
const documentOf = (messages: Message[], fields: object = room) =>
  layoutRoomDocument(fields, (field) => (fields as Record<string, unknown>)[field], messages).text;

/** A fold line that says exactly what it stands for, so a test can put the folded lines back. */
const describeFold = ({ lines, leftLine, rightLine }: { lines: number; leftLine: number; rightLine: number }) =>
  `    // FOLD ${lines} ${leftLine} ${rightLine}`;
const fold = (left: string, right: string) => foldUnchangedMessages(left, right, { context: 3, describeFold });

/** Each side with its fold lines replaced by the lines they stand for, taken from that side's original. */
function unfold(folded: string, original: string, side: 'left' | 'right'): string {
  const originalLines = original.split('\n');
  return folded
    .split('\n')
    .flatMap((line) => {
      const match = /^ {4}\/\/ FOLD (\d+) (\d+) (\d+)$/.exec(line);
      if (!match) {
        return [line];
      }
      const start = Number(side === 'left' ? match[2] : match[3]) - 1;
      return originalLines.slice(start, start + Number(match[1]));
    })
    .join('\n');
}

/** What a diff shows as changed: the lines of one side that the other side lacks. */
function changedLines(text: string, other: string): string[] {
  const otherLines = new Set(other.split('\n'));
  return text.split('\n').filter((line) => !otherLines.has(line) && !line.includes('FOLD'));
}

/** Asserts that folding lost nothing: each side unfolds to its original and the same lines stand out. */
function assertFaithful(left: string, right: string): ReturnType<typeof fold> {
  const folded = fold(left, right);
  assert.equal(unfold(folded.left, left, 'left'), left, 'the left side unfolds to itself');
  assert.equal(unfold(folded.right, right, 'right'), right, 'the right side unfolds to itself');
  // Every fold stands for the same lines on both sides, so it hides no difference.
  const leftFolds = folded.left.split('\n').filter((line) => line.includes('FOLD'));
  const rightFolds = folded.right.split('\n').filter((line) => line.includes('FOLD'));
  assert.deepEqual(leftFolds, rightFolds);
  for (const line of leftFolds) {
    const [, count, leftLine, rightLine] = /FOLD (\d+) (\d+) (\d+)/.exec(line)!.map(Number);
    assert.deepEqual(
      left.split('\n').slice(leftLine - 1, leftLine - 1 + count),
      right.split('\n').slice(rightLine - 1, rightLine - 1 + count),
    );
  }
  assert.deepEqual(changedLines(folded.left, folded.right), changedLines(left, right));
  assert.deepEqual(changedLines(folded.right, folded.left), changedLines(right, left));
  return folded;
}

describe('folding unchanged messages for a diff', () => {
  it("keeps the room's fields, the changes and three messages around each, and folds the rest", () => {
    const messages = messagesOf(1000);
    const left = documentOf(messages);
    const right = documentOf([...messages.slice(0, 500), ...messages.slice(501), { id: 'new', salt: 'c2FsdA==', data: 'bmV3' }]);
    const folded = assertFaithful(left, right);
    const rightLines = folded.right.split('\n');
    assert.deepEqual(rightLines.slice(0, 7), right.split('\n').slice(0, 7), "the room's fields and the messages line");
    // Folds: m0–m496 (497 minus 3 of context at each end), m504–m995; m999 gains a comma on the right.
    assert.equal(folded.foldedLines, 500 - 3 - 3 + (499 - 3 - 3 - 1));
    assert.ok(folded.right.split('\n').length < 40, `${folded.right.split('\n').length} lines`);
    assert.ok(folded.left.includes('"m500"') && !folded.right.includes('"m500"'), 'the removed message shows');
    assert.ok(folded.right.includes('"new"'), 'the added message shows');
  });

  it('folds nothing between sides with nothing in common, or in short unchanged stretches', () => {
    const left = documentOf(messagesOf(300));
    const right = documentOf(messagesOf(300, 1000));
    assert.equal(assertFaithful(left, right).foldedLines, 0);
    const alternating = messagesOf(300).map((message, index) => (index % 12 === 0 ? { ...message, data: 'Y2hhbmdlZA' } : message));
    assert.equal(
      assertFaithful(left, documentOf(alternating)).foldedLines,
      0,
      'eleven unchanged messages: 3 + 3 of context leave 5, too few to fold',
    );
  });

  it("never folds the room's fields, even where they are the same on both sides", () => {
    const odd = { ...room, extra: 'x', another: 'y' };
    const left = documentOf(messagesOf(100), odd);
    const folded = assertFaithful(left, documentOf(messagesOf(100), { ...odd, members: 'b@x.org' }));
    assert.match(folded.right, /"extra": "x"/);
    assert.match(folded.left, /"members": "a@x.org"/);
  });

  it('stays faithful with repeated messages, moved messages and arbitrary edits', () => {
    let seed = 7;
    const random = (below: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % below;
    };
    for (let round = 0; round < 40; round++) {
      const base = messagesOf(200 + random(300));
      const edited = [...base];
      for (let edit = random(12); edit > 0; edit--) {
        const at = random(edited.length);
        const kind = random(4);
        if (kind === 0) edited.splice(at, 1);
        else if (kind === 1) edited.splice(at, 0, { id: `new${round}-${edit}`, salt: '', data: '' });
        else if (kind === 2)
          edited.splice(at, 0, edited[random(edited.length)]); // a duplicate line
        else edited.push(...edited.splice(at, 1 + random(20))); // a block moved to the end
      }
      assertFaithful(documentOf(base), documentOf(edited));
      assertFaithful(documentOf(edited), documentOf(base));
    }
  });

  it('compares any text, not only room documents: a note on one side folds nothing', () => {
    const left = documentOf(messagesOf(50));
    const note = '// The server could not give this room: 404\n';
    assert.deepEqual(fold(left, note), { left, right: note, foldedLines: 0 });
  });
});
