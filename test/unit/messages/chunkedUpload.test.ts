import * as assert from 'node:assert/strict';
import type { RtcMessage } from '../../../src/api/types';
import { WorldClientError } from '../../../src/api/errors';
import { splitIntoChunks, uploadInChunks } from '../../../src/messages/chunkedUpload';
import { describeUpload } from '../../../src/messages/uploadReport';
import { UnsentMessages } from '../../../src/messages/unsentMessages';

function messages(count: number): RtcMessage[] {
  return Array.from({ length: count }, (_, i) => ({ id: `m${i + 1}`, salt: 'c2FsdA==', data: 'ZGF0YQ==' }));
}

describe('chunked upload', () => {
  it('splits into chunks of the given size, the last one shorter', () => {
    assert.deepEqual(splitIntoChunks([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]);
    assert.deepEqual(splitIntoChunks([], 2), []);
    assert.throws(() => splitIntoChunks([1], 0), RangeError);
  });

  it('sends every chunk in order and reports progress', async () => {
    const sent: string[][] = [];
    const progress: number[] = [];
    const outcome = await uploadInChunks(messages(2500), async (chunk) => void sent.push(chunk.map((m) => m.id)), {
      chunkSize: 1000,
      onProgress: (p) => progress.push(p.sent),
    });
    assert.equal(outcome.end, 'done');
    assert.equal(outcome.chunkCount, 3);
    assert.deepEqual(
      sent.map((chunk) => chunk.length),
      [1000, 1000, 500],
    );
    assert.equal(sent[2][499], 'm2500');
    assert.deepEqual(progress, [1000, 2000, 2500]);
    assert.deepEqual(outcome.unsent, []);
    assert.deepEqual(describeUpload(outcome, 'r1', 'Added'), { severity: 'info', message: 'Added 2,500 messages in room "r1".' });
  });

  it('stops at a failing chunk and keeps the failed chunk and the rest, in order, for Retry', async () => {
    const all = messages(2500);
    let calls = 0;
    const failure = new WorldClientError('serverError', 'The server failed (HTTP 500). Try again later.', { status: 500 });
    const outcome = await uploadInChunks(
      all,
      async () => {
        calls++;
        if (calls === 2) {
          throw failure;
        }
      },
      { chunkSize: 1000 },
    );
    assert.equal(calls, 2, 'nothing is sent after a failure');
    assert.equal(outcome.end, 'failed');
    assert.equal(outcome.failedChunk, 2);
    assert.equal(outcome.error, failure);
    assert.deepEqual(outcome.sent, all.slice(0, 1000));
    assert.deepEqual(outcome.unsent, all.slice(1000));
    const report = describeUpload(outcome, 'r1', 'Added');
    assert.equal(report.severity, 'error');
    assert.equal(
      report.message,
      'Added 1,000 of 2,500 messages in room "r1". Messages 1–1,000 went in; messages 1,001–2,500 did not. ' +
        'Chunk 2 of 3 failed: The server failed (HTTP 500). Try again later. ' +
        'Retry sends only the 1,500 messages that did not go in; nothing you loaded or typed is lost.',
    );

    const retried: RtcMessage[] = [];
    const second = await uploadInChunks(outcome.unsent, async (chunk) => void retried.push(...chunk), { chunkSize: 1000 });
    assert.equal(second.end, 'done');
    assert.deepEqual([...outcome.sent, ...retried], all, 'retry completes the batch exactly once');
  });

  it('warns that a timed-out chunk may have been stored after all', async () => {
    const outcome = await uploadInChunks(
      messages(3),
      async () => {
        throw new WorldClientError('timeout', 'The server did not answer within 30 s.');
      },
      { chunkSize: 2 },
    );
    const report = describeUpload(outcome, 'r1', 'Added');
    assert.match(report.message, /^Added 0 of 3 messages in room "r1"\. Nothing went in; messages 1–3 did not\./);
    assert.match(report.message, /may have stored chunk 1 anyway: check the room \(Refresh\) before retrying/);
  });

  it('honours cancellation between chunks, never in the middle of one', async () => {
    let cancelled = false;
    let calls = 0;
    const outcome = await uploadInChunks(
      messages(5),
      async () => {
        calls++;
        cancelled = true;
      },
      { chunkSize: 2, isCancelled: () => cancelled },
    );
    assert.equal(calls, 1);
    assert.equal(outcome.end, 'cancelled');
    assert.equal(outcome.sent.length, 2);
    assert.deepEqual(
      outcome.unsent.map((m) => m.id),
      ['m3', 'm4', 'm5'],
    );
    const report = describeUpload(outcome, 'r1', 'Restored');
    assert.equal(report.severity, 'warning');
    assert.equal(
      report.message,
      'Stopped: restored 2 of 5 messages in room "r1". Messages 1–2 went in; messages 3–5 did not. ' +
        'The 3 messages not sent are kept: Retry sends them.',
    );
  });
});

describe('UnsentMessages', () => {
  it('keeps remainders and drafts per server and room', () => {
    const unsent = new UnsentMessages();
    unsent.keepRemainder('https://a', 'r1', messages(2));
    assert.equal(unsent.remainder('https://a', 'r1')?.length, 2);
    assert.equal(unsent.remainder('https://b', 'r1'), undefined);
    assert.equal(unsent.remainder('https://a', 'r2'), undefined);
    unsent.keepRemainder('https://a', 'r1', []);
    assert.equal(unsent.remainder('https://a', 'r1'), undefined, 'an empty remainder is no remainder');
    unsent.keepDraft('https://a', 'r1', { id: 'x', salt: 'y', data: '' });
    assert.deepEqual(unsent.draft('https://a', 'r1'), { id: 'x', salt: 'y', data: '' });
    unsent.keepDraft('https://a', 'r1', undefined);
    assert.equal(unsent.draft('https://a', 'r1'), undefined);
  });
});
