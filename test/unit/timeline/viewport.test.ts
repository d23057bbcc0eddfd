import * as assert from 'node:assert/strict';
import { MIN_SPAN_MS, clampFirstRow, keyAction, panBy, rowAtY, scrollToShow, zoomAt } from '../../../src/webview/timeline/viewport';

const view = { from: 1000, to: 11_000, firstRow: 0 };
const context = { view, focused: 5, rowCount: 100, visibleRows: 10 };

describe('timeline viewport', () => {
  it('zooms about the anchor and never closer than a second', () => {
    assert.deepEqual(zoomAt(view, 0.5, 1000), { from: 1000, to: 6000, firstRow: 0 });
    assert.deepEqual(zoomAt(view, 2, 6000), { from: -4000, to: 16_000, firstRow: 0 });
    const close = zoomAt(view, 0.0001, 6000);
    assert.equal(close.to - close.from, MIN_SPAN_MS);
  });

  it('pans by a share of the span and keeps rows in range', () => {
    assert.deepEqual(panBy(view, -0.1), { from: 0, to: 10_000, firstRow: 0 });
    assert.equal(clampFirstRow(-3, 100, 10), 0);
    assert.equal(clampFirstRow(95, 100, 10), 90);
    assert.equal(scrollToShow(0, 12, 10), 3);
    assert.equal(scrollToShow(20, 12, 10), 12);
    assert.equal(scrollToShow(5, 8, 10), 5);
    // 28 px of axis, then rows of 22 px.
    assert.deepEqual([rowAtY(10, 4, 100), rowAtY(28, 4, 100), rowAtY(49, 4, 100), rowAtY(50, 4, 100), rowAtY(50, 4, 5)], [-1, 4, 4, 5, -1]);
  });

  it('maps the keys: arrows move between bars or pan, +/- zoom, 0 fits, Enter opens', () => {
    assert.deepEqual(keyAction('ArrowDown', false, context), { kind: 'focus', row: 6 });
    assert.deepEqual(keyAction('ArrowUp', false, { ...context, focused: 0 }), { kind: 'focus', row: 0 });
    assert.deepEqual(keyAction('End', false, context), { kind: 'focus', row: 99 });
    assert.deepEqual(keyAction('PageDown', false, context), { kind: 'focus', row: 14 });
    assert.deepEqual(keyAction('ArrowRight', false, context), { kind: 'view', view: { from: 2000, to: 12_000, firstRow: 0 } });
    assert.deepEqual(keyAction('ArrowLeft', true, context), { kind: 'view', view: { from: -4000, to: 6000, firstRow: 0 } });
    const zoomed = keyAction('+', false, context);
    assert.ok(zoomed.kind === 'view' && zoomed.view.to - zoomed.view.from < 10_000);
    const out = keyAction('-', false, context);
    assert.ok(out.kind === 'view' && out.view.to - out.view.from > 10_000);
    assert.deepEqual(keyAction('0', false, context), { kind: 'fit' });
    assert.deepEqual(keyAction('Enter', false, context), { kind: 'open' });
    assert.deepEqual(keyAction('Enter', false, { ...context, rowCount: 0 }), { kind: 'none' });
    assert.deepEqual(keyAction('x', false, context), { kind: 'none' });
  });
});
