import * as assert from 'node:assert/strict';
import { clipForPanel, fitForWebview } from '../../../src/panel/protocolGuard';
import { HEADER_MAX_CHARS, checkHostMessage, type StateMessage } from '../../../src/shared/protocol';

function state(overrides: Partial<StateMessage> = {}): StateMessage {
  return {
    type: 'state',
    header: { id: 'r', started: '2025-01-01T00:00:00Z', ended: '', members: 'a@example.com', messageCount: 0 },
    status: 'ready',
    statusText: '',
    server: '',
    remedy: 'none',
    blocked: { kind: 'none', reason: '' },
    watching: false,
    watchIntervalSeconds: 5,
    updatedAt: '',
    newCount: 0,
    view: { version: 1, total: 0, query: '', order: { by: 'position', descending: false } },
    page: { start: 0, rows: [] },
    scrollTo: null,
    ...overrides,
  };
}

describe('protocol guard (host messages checked before they reach the webview)', () => {
  it('passes a message that fits unchanged', () => {
    const message = state();
    assert.deepEqual(fitForWebview(message), { message });
  });

  it('replaces a state that breaks a limit with an error state that fits and says why', () => {
    const tooLong = 'x'.repeat(HEADER_MAX_CHARS + 5);
    const fitted = fitForWebview(
      state({ statusText: tooLong, header: { id: tooLong, started: '', ended: '', members: tooLong, messageCount: 1 } }),
    );
    assert.match(fitted.problem ?? '', /header.id: longer than 10001 characters/);
    assert.ok(fitted.message && checkHostMessage(fitted.message).ok, 'the replacement fits the protocol');
    assert.equal(fitted.message.type, 'state');
    if (fitted.message.type === 'state') {
      assert.equal(fitted.message.status, 'error');
      assert.match(fitted.message.statusText, /^This panel cannot show part of the room \(header.id: longer than 10001 characters\)/);
      assert.equal(fitted.message.header?.id.length, HEADER_MAX_CHARS);
      assert.ok(fitted.message.header?.id.endsWith('…'));
    }
  });

  it('reports a rows reply that breaks a limit instead of sending it', () => {
    const fitted = fitForWebview({ type: 'rows', viewVersion: -1, page: { start: 0, rows: [] } });
    assert.equal(fitted.message, undefined);
    assert.match(fitted.problem ?? '', /viewVersion/);
  });

  it('clips display text to the limit with a visible cut', () => {
    assert.equal(clipForPanel('abc', 5), 'abc');
    assert.equal(clipForPanel('abcdefgh', 5), 'abcd…');
  });
});
