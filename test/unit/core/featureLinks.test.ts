import * as assert from 'node:assert/strict';
import { FeatureLinks } from '../../../src/core/featureLinks';

describe('FeatureLinks', () => {
  it('runs what a feature provided, whichever registered first', async () => {
    const links = new FeatureLinks();
    const opened: string[] = [];
    const provided = links.provide('openRoomJson', async (roomId) => opened.push(roomId));
    assert.equal(await links.run('openRoomJson', 'r1'), 1);
    assert.deepEqual(opened, ['r1']);
    provided.dispose();
    await assert.rejects(links.run('openRoomJson', 'r2'), /"openRoomJson" is not available/);
  });

  it('refuses a second provider of the same action', () => {
    const links = new FeatureLinks();
    links.provide('signInAgain', async () => true);
    assert.throws(() => links.provide('signInAgain', async () => false), /provided twice/);
  });

  it('tells every listener which room changed, until disposed', () => {
    const links = new FeatureLinks();
    const heard: string[] = [];
    const listening = links.onDidChangeRoom(({ roomId, hasMessages }) => heard.push(`${roomId}:${hasMessages}`));
    links.changedRoom('a', true);
    listening.dispose();
    links.changedRoom('b', false);
    assert.deepEqual(heard, ['a:true']);
  });
});
