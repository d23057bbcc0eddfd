import * as assert from 'node:assert/strict';
import {
  MAX_ROWS_PER_PAGE,
  checkHostMessage,
  checkPanelState,
  checkWebviewMessage,
  summarizeForLog,
  type HostMessage,
  type MessageRow,
} from '../../../src/shared/protocol';

const row: MessageRow = {
  position: 0,
  index: 0,
  id: 'm1',
  salt: 'c2FsdA==',
  data: 'ZGF0YQ==',
  idLength: 2,
  saltLength: 8,
  dataLength: 8,
  saltBytes: 4,
  dataBytes: 4,
  isNew: false,
  history: null,
};

const state: HostMessage = {
  type: 'state',
  header: { id: 'r', started: '2025-01-01T00:00:00Z', ended: '', members: 'a@example.com', messageCount: 1 },
  status: 'ready',
  statusText: '',
  server: 'http://a.example',
  remedy: 'none',
  blocked: { kind: 'none', reason: '' },
  watching: false,
  watchIntervalSeconds: 5,
  updatedAt: '2025-01-01T00:00:00.000Z',
  newCount: 0,
  view: { version: 1, total: 1, query: '', order: { by: 'position', descending: false } },
  page: { start: 0, rows: [row] },
  scrollTo: null,
};

describe('protocol guards', () => {
  describe('webview → host', () => {
    it('accepts every well-formed message type', () => {
      const messages: unknown[] = [
        { type: 'ready' },
        { type: 'requestRows', viewVersion: 3, start: 200, count: 100 },
        { type: 'requestDetail', viewVersion: 3, position: 7 },
        { type: 'search', query: 'abc' },
        { type: 'copy', viewVersion: 3, position: 7, field: 'data' },
        { type: 'action', action: 'deleteMessages' },
        { type: 'setWatch', enabled: true },
        { type: 'rendered', viewVersion: 3, firstPosition: 0, rowCount: 30, domRowCount: 50 },
        { type: 'log', level: 'warn', message: 'hello' },
      ];
      for (const message of messages) {
        const checked = checkWebviewMessage(message);
        assert.ok(checked.ok, `${JSON.stringify(message)}: ${checked.ok ? '' : checked.problem}`);
      }
    });

    it('rejects unknown types, wrong field types, extra keys and out-of-range numbers, saying why', () => {
      const cases: [unknown, RegExp][] = [
        [null, /unknown message type/],
        ['ready', /unknown message type/],
        [{ type: 'runCommand', command: 'rm -rf' }, /unknown message type "runCommand"/],
        [{ type: 'requestRows', viewVersion: 1, start: -1, count: 10 }, /start: -1 is outside/],
        [{ type: 'requestRows', viewVersion: 1, start: 0, count: MAX_ROWS_PER_PAGE + 1 }, /count/],
        [{ type: 'requestRows', viewVersion: 1, start: 0.5, count: 10 }, /start: expected an integer/],
        [{ type: 'copy', viewVersion: 1, position: 0, field: 'password' }, /field: expected one of id, salt, data/],
        [{ type: 'action', action: 'openExternal' }, /action: expected one of/],
        [{ type: 'setWatch', enabled: 'yes' }, /enabled: expected a boolean/],
        [{ type: 'search', query: 'x'.repeat(1001) }, /query: longer than 1000/],
        [{ type: 'ready', extra: 1 }, /unexpected key "extra"/],
        [{ type: 'log', level: 'debug', message: 'x' }, /level/],
        [{ type: 'search' }, /query: expected a string, got a undefined/],
      ];
      for (const [message, pattern] of cases) {
        const checked = checkWebviewMessage(message);
        assert.equal(checked.ok, false, JSON.stringify(message));
        assert.match(checked.ok ? '' : checked.problem, pattern);
      }
    });
  });

  describe('host → webview', () => {
    it('accepts a state, a rows page and a detail', () => {
      assert.ok(checkHostMessage(state).ok);
      assert.ok(checkHostMessage({ type: 'rows', viewVersion: 1, page: { start: 0, rows: [row] } }).ok);
      assert.ok(checkHostMessage({ type: 'detail', viewVersion: 1, row: { ...row, data: 'x'.repeat(5000), dataLength: 5000 } }).ok);
      assert.ok(checkHostMessage({ ...state, header: null, status: 'loading' }).ok);
    });

    it('rejects rows with a wrong field, an over-long preview or too many rows', () => {
      assert.equal(checkHostMessage({ type: 'rows', viewVersion: 1, page: { start: 0, rows: [{ ...row, id: 42 }] } }).ok, false);
      assert.equal(
        checkHostMessage({ type: 'rows', viewVersion: 1, page: { start: 0, rows: [{ ...row, data: 'x'.repeat(301) }] } }).ok,
        false,
      );
      const many = Array.from({ length: MAX_ROWS_PER_PAGE + 1 }, (_, i) => ({ ...row, position: i }));
      const checked = checkHostMessage({ type: 'rows', viewVersion: 1, page: { start: 0, rows: many } });
      assert.equal(checked.ok, false);
      assert.match(checked.ok ? '' : checked.problem, /page\.rows: more than 500 items/);
      assert.equal(checkHostMessage({ ...state, status: 'exploded' }).ok, false);
      assert.match(
        (checkHostMessage({ ...state, page: { start: 0, rows: [{ ...row, saltBytes: 'x' }] } }) as { problem: string }).problem,
        /page\.rows\[0\]\.saltBytes/,
      );
    });

    it('treats hostile strings as plain data (the guard checks shape, the DOM code uses textContent)', () => {
      const hostile = '<img src=x onerror=alert(1)>';
      assert.ok(checkHostMessage({ ...state, header: { ...state.header, id: hostile, members: '<script>alert(1)</script>' } }).ok);
    });
  });

  describe('saved panel state', () => {
    it('holds the room id only', () => {
      assert.ok(checkPanelState({ roomId: 'weekly-standup' }).ok);
      assert.ok(checkPanelState({ roomId: 'r', columns: { id: 300, salt: null, size: 80 } }).ok, 'column widths are kept');
      assert.equal(checkPanelState({ roomId: 'r', columns: { id: '300px', salt: null, size: null } }).ok, false);
      assert.equal(checkPanelState({ roomId: 'r', columns: { id: 10 ** 6, salt: null, size: null } }).ok, false);
      assert.equal(checkPanelState({ roomId: 'r', columns: { id: 300, salt: null, size: null, data: 'x' } }).ok, false);
      assert.equal(checkPanelState({ roomId: 'x', session: 'secret' }).ok, false);
      assert.equal(checkPanelState(undefined).ok, false);
      assert.equal(checkPanelState({ roomId: 7 }).ok, false);
    });
  });

  it('summarizes rejected payloads for the log without dumping them whole', () => {
    const summary = summarizeForLog({ type: 'x', blob: 'y'.repeat(10_000) });
    assert.ok(summary.length <= 201);
    assert.match(summary, /^\{"type":"x"/);
    const cyclic: { self?: unknown } = {};
    cyclic.self = cyclic;
    assert.equal(summarizeForLog(cyclic), '[object Object]');
  });
});
