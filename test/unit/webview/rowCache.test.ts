import * as assert from 'node:assert/strict';
import type { MessageRow } from '../../../src/shared/protocol';
import { PAGE_SIZE, RowCache } from '../../../src/webview/rowCache';

function page(start: number, count = PAGE_SIZE): { start: number; rows: MessageRow[] } {
  const rows = Array.from({ length: count }, (_, i) => ({
    position: start + i,
    index: start + i,
    id: `m${start + i}`,
    salt: '',
    data: '',
    idLength: 0,
    saltLength: 0,
    dataLength: 0,
    saltBytes: 0,
    dataBytes: 0,
    isNew: false,
    history: null,
  }));
  return { start, rows };
}

describe('webview RowCache', () => {
  it('asks for each missing page once, and again only after a timeout', () => {
    const cache = new RowCache();
    assert.deepEqual(cache.takeMissingPages(150, 320, 0), [100, 200, 300]);
    assert.deepEqual(cache.takeMissingPages(150, 320, 100), [], 'already asked for');
    cache.put(page(100), 150);
    assert.deepEqual(cache.takeMissingPages(150, 320, 5000), [200, 300], 'unanswered pages are asked for again');
  });

  it('stays bounded while scrolling through 100,000 rows, keeping the rows near the focus', () => {
    const cache = new RowCache(1000);
    for (let start = 0; start < 100_000; start += PAGE_SIZE) {
      cache.put(page(start), start);
      assert.ok(cache.size <= 1000);
    }
    assert.ok(cache.get(99_999));
    assert.equal(cache.get(0), undefined);
    cache.reset();
    assert.equal(cache.size, 0);
  });
});
