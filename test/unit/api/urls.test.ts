import * as assert from 'node:assert/strict';
import { encodeId, parseBaseUrl, redactUrl, RTC_ROUTES, rtcPath, withSessionParam, type RtcCall } from '../../../src/api/urls';

const ODD_IDS = ['a/b', 'x#y', 'q?r=1', '100%', 'a&b', 'a+b', '<b>x</b>', 'with space', '%2F', 'ünïcødé ☕', `it's "quoted"`];

describe('api/urls', () => {
  describe('rtcPath', () => {
    const expected: Record<RtcCall, [path: string, query: string]> = {
      listRooms: ['/WorldClientAPI/rtc/rooms', '/WorldClientAPI?route=rtc&rooms=1'],
      getRoom: ['/WorldClientAPI/rtc/rooms/r1', '/WorldClientAPI?route=rtc&rooms=1&id=r1'],
      getRoomMessages: ['/WorldClientAPI/rtc/messages/r1', '/WorldClientAPI?route=rtc&messages=1&id=r1'],
      addRoom: ['/WorldClientAPI/rtc/rooms', '/WorldClientAPI?route=rtc&rooms=1'],
      addMessages: ['/WorldClientAPI/rtc/messages/r1', '/WorldClientAPI?route=rtc&messages=1&id=r1'],
      deleteRoom: ['/WorldClientAPI/rtc/rooms/r1', '/WorldClientAPI?route=rtc&rooms=1&id=r1'],
      deleteRoomMessages: ['/WorldClientAPI/rtc/messages/r1', '/WorldClientAPI?route=rtc&messages=1&room_id=r1'],
    };
    for (const [call, [pathStyle, queryStyle]] of Object.entries(expected) as [RtcCall, [string, string]][]) {
      const id = RTC_ROUTES[call].idParam ? 'r1' : undefined;
      it(`${call} in both styles, exactly as the spec's examples`, () => {
        assert.equal(rtcPath('', call, 'path', id), pathStyle);
        assert.equal(rtcPath('', call, 'query', id), queryStyle);
      });
    }

    it('keeps a server path prefix', () => {
      assert.equal(rtcPath('/mail', 'getRoom', 'path', 'x'), '/mail/WorldClientAPI/rtc/rooms/x');
      assert.equal(rtcPath('/mail', 'listRooms', 'query'), '/mail/WorldClientAPI?route=rtc&rooms=1');
    });

    it('sends every odd id as ONE path segment and ONE query value', () => {
      for (const id of ODD_IDS.filter((odd) => !odd.includes('/'))) {
        const path = rtcPath('', 'getRoom', 'path', id);
        const segment = path.slice('/WorldClientAPI/rtc/rooms/'.length);
        assert.ok(!/[/?#&+ <>]/.test(segment), `${id} -> ${segment}`);
        assert.equal(decodeURIComponent(segment), id);
        const query = new URLSearchParams(rtcPath('', 'deleteRoomMessages', 'query', id).split('?')[1]);
        assert.equal(query.get('room_id'), id);
        assert.deepEqual([...query.keys()], ['route', 'messages', 'room_id']);
      }
    });

    it('sends ids with / or \\ (and dot segments) in query style even when path style is asked (issue 21 §6)', () => {
      assert.equal(rtcPath('', 'deleteRoom', 'path', 'a/../victim'), '/WorldClientAPI?route=rtc&rooms=1&id=a%2F..%2Fvictim');
      assert.equal(rtcPath('', 'deleteRoom', 'path', 'a\\..\\victim'), '/WorldClientAPI?route=rtc&rooms=1&id=a%5C..%5Cvictim');
      assert.equal(rtcPath('', 'getRoomMessages', 'path', '..'), '/WorldClientAPI?route=rtc&messages=1&id=..');
    });

    it('encodes / as %2F and + as %2B (never as a separator or a space)', () => {
      assert.equal(rtcPath('', 'getRoom', 'query', 'a/b'), '/WorldClientAPI?route=rtc&rooms=1&id=a%2Fb');
      assert.equal(rtcPath('', 'getRoom', 'query', 'a+b c'), '/WorldClientAPI?route=rtc&rooms=1&id=a%2Bb%20c');
      assert.equal(encodeId('100%'), '100%25');
    });

    it('refuses a missing id, an id where none belongs, and invalid Unicode', () => {
      assert.throws(() => rtcPath('', 'getRoom', 'path'), TypeError);
      assert.throws(() => rtcPath('', 'listRooms', 'path', 'x'), TypeError);
      assert.throws(() => encodeId('\ud800'), /invalid Unicode/);
    });
  });

  describe('withSessionParam', () => {
    it('puts the session first, encoded', () => {
      assert.equal(withSessionParam('/WorldClientAPI/rtc/rooms', 'a b'), '/WorldClientAPI/rtc/rooms?session=a%20b');
      assert.equal(withSessionParam('/WorldClientAPI?route=rtc&rooms=1', 's1'), '/WorldClientAPI?session=s1&route=rtc&rooms=1');
    });
  });

  describe('redactUrl', () => {
    it('replaces secret parameter values and leaves the rest byte for byte', () => {
      assert.equal(
        redactUrl('https://h/WorldClientAPI?session=abc123&route=rtc&rooms=1&id=a%2Fb'),
        'https://h/WorldClientAPI?session=REDACTED&route=rtc&rooms=1&id=a%2Fb',
      );
      assert.equal(
        redactUrl('https://h/WorldClientAPI/authenticate/2fa?user=u&token=t0k&send_code=1'),
        'https://h/WorldClientAPI/authenticate/2fa?user=u&token=REDACTED&send_code=1',
      );
      assert.equal(redactUrl('https://h/WorldClientAPI/rtc/rooms'), 'https://h/WorldClientAPI/rtc/rooms');
      assert.equal(redactUrl('https://h/x?id=session&sessionx=1'), 'https://h/x?id=session&sessionx=1');
    });
  });

  describe('parseBaseUrl', () => {
    it('accepts trailing slashes, a prefix and a pasted /WorldClientAPI', () => {
      assert.deepEqual(parseBaseUrl('https://mail.example.com/'), {
        origin: 'https://mail.example.com',
        prefix: '',
        hostname: 'mail.example.com',
        port: '',
        protocol: 'https:',
      });
      assert.equal(parseBaseUrl('http://h:8080/webmail/WorldClientAPI/').prefix, '/webmail');
      assert.equal(parseBaseUrl('http://h:8080/webmail/WorldClientAPI/').origin, 'http://h:8080');
    });

    it('refuses what is not an http(s) URL', () => {
      assert.throws(() => parseBaseUrl('mail.example.com'), /not a valid server URL/);
      assert.throws(() => parseBaseUrl('ftp://h'), /https:\/\/ or http:\/\//);
    });
  });
});
