import * as assert from 'node:assert/strict';
import type { Room, RtcMessage } from '../../../src/api/types';
import { RoomPanelData } from '../../../src/panel/roomPanelData';
import { HEADER_MAX_CHARS, ROW_PREVIEW_CHARS, checkHostMessage } from '../../../src/shared/protocol';

function messages(count: number, prefix = 'm'): RtcMessage[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}-${i}`,
    salt: 'c2FsdHNhbHQ=',
    data: Buffer.from(`message ${i}`).toString('base64'),
  }));
}

function room(list: RtcMessage[]): Room {
  return {
    id: 'r1',
    started: '2025-01-01T00:00:00Z',
    ended: '',
    members: 'a@example.com,b@example.com',
    hasMessages: list.length > 0,
    messages: list,
  };
}

describe('RoomPanelData', () => {
  it('pages any window of 100,000 messages without copying the room', () => {
    const model = new RoomPanelData();
    const all = messages(100_000);
    model.setRoom(room(all));
    assert.equal(model.total, 100_000);
    const page = model.page(99_950, 100);
    assert.equal(page.rows.length, 50);
    assert.equal(page.rows[49].id, 'm-99999');
    assert.equal(page.rows[49].position, 99_999);
    assert.equal(page.rows[0].dataBytes, Buffer.from('message 99950').length);
    assert.equal(model.loaded?.messages, all, 'messages are kept as received');
    assert.ok(checkHostMessage({ type: 'rows', viewVersion: model.viewVersion, page }).ok, 'pages fit the protocol');
  });

  it('cuts long values in rows (with their full length) but keeps them whole for details and copy', () => {
    const long = 'A'.repeat(4000);
    const model = new RoomPanelData();
    model.setRoom(room([{ id: 'x', salt: 'not base64!', data: long }]));
    const [row] = model.page(0, 1).rows;
    assert.equal(row.data.length, ROW_PREVIEW_CHARS);
    assert.equal(row.dataLength, 4000);
    assert.equal(row.saltBytes, null);
    assert.equal(model.detail(0)?.data, long);
    assert.equal(model.messageAt(0)?.data, long);
    assert.equal(model.messageAt(1), undefined);
    assert.equal(model.messageAt(-1), undefined);
  });

  it('searches ids ignoring case and data exactly, and pages the matches', () => {
    const model = new RoomPanelData();
    const list = messages(1000);
    list[500] = { id: 'Special-ID', salt: 'c2FsdA==', data: 'ZGF0YQ==' };
    model.setRoom(room(list));
    const before = model.viewVersion;
    model.search('special-id');
    assert.equal(model.total, 1);
    assert.ok(model.viewVersion > before);
    assert.equal(model.page(0, 10).rows[0].index, 500);
    model.search('ZGF0YQ');
    assert.equal(model.total, 1);
    model.search('zgf0yq');
    assert.equal(model.total, 0, 'data matches exactly (base64 is case-sensitive)');
    model.search('m-99');
    assert.equal(model.total, 11);
    model.search('');
    assert.equal(model.total, 1000);
  });

  it('marks messages that arrive through Watch as new, and keeps the view when nothing changed', () => {
    const model = new RoomPanelData();
    model.setRoom(room(messages(3)));
    const version = model.viewVersion;
    assert.deepEqual(model.updateMessages(messages(3)), { arrived: 0, changed: false });
    assert.equal(model.viewVersion, version, 'an unchanged poll does not invalidate the webview cache');
    const grown = [...messages(3), { id: 'fresh', salt: 'c2FsdA==', data: 'ZGF0YQ==' }];
    assert.deepEqual(model.updateMessages(grown), { arrived: 1, changed: true });
    assert.equal(model.newCount, 1);
    assert.equal(model.header()?.messageCount, 4);
    assert.deepEqual(
      model.page(0, 10).rows.map((row) => row.isNew),
      [false, false, false, true],
    );
    model.setRoom(room(grown));
    assert.equal(model.newCount, 0, 'a full load forgets the marks');
  });

  it('clips huge header values for display', () => {
    const model = new RoomPanelData();
    model.setRoom({ ...room([]), members: 'x'.repeat(HEADER_MAX_CHARS + 50) });
    const header = model.header();
    assert.equal(header?.members.length, HEADER_MAX_CHARS);
    assert.ok(header?.members.endsWith('…'));
  });

  it('shows the first messages of a room still loading, without taking them for the room', () => {
    const model = new RoomPanelData();
    const all = messages(1000);
    model.setPreview('r/1', { fields: { started: '2025-01-01T00:00:00Z' }, messages: all.slice(0, 80) });
    assert.deepEqual(model.header(), { id: 'r/1', started: '2025-01-01T00:00:00Z', ended: '', members: '', messageCount: null });
    assert.equal(model.total, 80);
    assert.equal(model.loaded, undefined, 'export, Open JSON and Watch still wait for the whole room');
    assert.equal(model.messageAt(79), all[79]);
    const versionBefore = model.viewVersion;
    assert.ok(checkHostMessage({ type: 'rows', viewVersion: versionBefore, page: model.page(0, 80) }).ok);

    model.setRoom(room(all));
    assert.equal(model.total, 1000);
    assert.equal(model.header()?.messageCount, 1000);
    assert.ok(model.viewVersion > versionBefore, 'the webview drops the preview rows it holds');

    model.setPreview('r1', { fields: {}, messages: all.slice(0, 2) });
    assert.equal(model.total, 1000, 'a Refresh keeps showing the last full copy');
  });

  it('drops a preview whose load failed', () => {
    const model = new RoomPanelData();
    model.setPreview('r1', { fields: {}, messages: messages(80) });
    model.dropPreview();
    assert.equal(model.total, 0);
    assert.equal(model.header(), null);
  });

  it('carries the recorded history of each message and orders the list by First seen, a search included', () => {
    const seen: Record<string, number> = { 'm-0': 3_000, 'm-1': 1_000, 'm-2': 2_000, 'm-3': 1_000 };
    const model = new RoomPanelData((id) =>
      seen[id] === undefined ? null : { firstSeen: seen[id], before: seen[id] === 1_000, changedAt: null, previousHash: null },
    );
    model.setRoom(room(messages(5)));
    assert.deepEqual(model.page(0, 1).rows[0].history, { firstSeen: 3_000, before: false, changedAt: null, previousHash: null });
    assert.equal(model.page(4, 1).rows[0].history, null);

    model.sort({ by: 'firstSeen', descending: false });
    // Oldest first, server order within one sighting, messages without a record last.
    assert.deepEqual(
      model.page(0, 5).rows.map((row) => row.id),
      ['m-1', 'm-3', 'm-2', 'm-0', 'm-4'],
    );
    model.sort({ by: 'firstSeen', descending: true });
    model.search('m-');
    assert.deepEqual(
      model.page(0, 5).rows.map((row) => row.id),
      ['m-0', 'm-2', 'm-1', 'm-3', 'm-4'],
    );
    model.sort({ by: 'position', descending: false });
    assert.deepEqual(
      model.page(0, 5).rows.map((row) => row.index),
      [0, 1, 2, 3, 4],
    );
  });
});
