import * as assert from 'node:assert/strict';
import { apiLines, type ApiLevel, type ApiPhrases } from '../../../src/session/apiRoutes';

/** The English phrases of l10n/bundle.l10n.json's keys, as vscode.l10n.t gives them without a translation. */
const VERSION: Record<ApiLevel, string> = {
  atLeast35: '3.5 or later',
  is34: '3.4 (ping arrived in 3.5; everything else works)',
  atMost33: '3.3 or earlier: the rtc route needs 3.4 or later — update MDaemon',
  rtcOff: '3.5 or later, but the rtc route is not answered — check that RTC is enabled on the server',
};
const ENGLISH: ApiPhrases = {
  routesCheck: () => 'Routes',
  versionCheck: () => 'API version',
  answers: (answered) => `answers ${answered}`,
  answersNot: (answered, missing) => `answers ${answered}; not ${missing}`,
  version: (level) => VERSION[level],
};

const shown = (ping: boolean, rtc: boolean): string[] =>
  apiLines({ settings: true, ping, rtc }, ENGLISH).map((line) => `${line.ok ? '✓' : '✗'} ${line.check}: ${line.detail}`);

describe('Test Connection: routes and API version', () => {
  it('reads the API version from the routes the server answers', () => {
    assert.deepEqual(shown(true, true), ['✓ Routes: answers settings, ping, rtc', '✓ API version: 3.5 or later']);
    assert.deepEqual(shown(false, true), [
      '✓ Routes: answers settings, rtc; not ping',
      '✓ API version: 3.4 (ping arrived in 3.5; everything else works)',
    ]);
  });

  it('says plainly when the server is too old for the rtc route, and what to do', () => {
    assert.deepEqual(shown(false, false), [
      '✗ Routes: answers settings; not ping, rtc',
      '✗ API version: 3.3 or earlier: the rtc route needs 3.4 or later — update MDaemon',
    ]);
    assert.deepEqual(shown(true, false), [
      '✗ Routes: answers settings, ping; not rtc',
      '✗ API version: 3.5 or later, but the rtc route is not answered — check that RTC is enabled on the server',
    ]);
  });
});
