import * as assert from 'node:assert/strict';
import { WorldClientError } from '../../../src/api/errors';
import { describePanelFailure } from '../../../src/panel/panelFailure';

const context = { roomId: 'r1', during: 'load' as const, hasCopy: false, watchIntervalSeconds: 5, server: 'http://a.example' };

describe('panel failure texts', () => {
  it('reports a room deleted elsewhere and stops watching', () => {
    const gone = new WorldClientError('notFound', 'Room not found.', { status: 404 });
    assert.deepEqual(describePanelFailure(gone, { ...context, during: 'watch', hasCopy: true }), {
      status: 'deleted',
      text:
        'Room "r1" no longer exists on http://a.example (it was deleted, possibly elsewhere). ' +
        'The messages shown are the last copy loaded; Export JSON still saves them.',
      stopWatching: true,
    });
    assert.match(describePanelFailure(gone, context).text, /Check the id, or close this panel\.$/);
  });

  it('says a room deleted in this window was deleted, and offers Undo while its saved copy lasts', () => {
    const gone = new WorldClientError('notFound', 'Room not found.', { status: 404 });
    assert.deepEqual(describePanelFailure(gone, { ...context, hasCopy: true, deletedHere: true, undoable: true }), {
      status: 'deleted',
      text:
        'Room "r1" was deleted from http://a.example. Undo puts it back with all its messages and reloads this panel. ' +
        'The messages shown are the last copy loaded; Export JSON still saves them.',
      stopWatching: true,
    });
    assert.equal(
      describePanelFailure(gone, { ...context, deletedHere: true }).text,
      'Room "r1" was deleted from http://a.example. Check the id, or close this panel.',
      'no Undo is promised once the saved copy is gone',
    );
  });

  it('after a server switch, says the room is on the other server, not that it was deleted', () => {
    const gone = new WorldClientError('notFound', 'Room not found.', { status: 404 });
    assert.deepEqual(describePanelFailure(gone, { ...context, hasCopy: true, copyFrom: 'http://b.example' }), {
      status: 'elsewhere',
      text:
        'Room "r1" is on http://b.example; you are now connected to http://a.example, which has no such room. ' +
        'The messages shown are the copy loaded from http://b.example; Export JSON still saves them.',
      stopWatching: true,
    });
  });

  it('a room too big to load says so, shows the listed fields, and offers Export JSON; Watch stops', () => {
    const reason = 'Could not open the room "r1": the reply from h is too big: 60 MB, over the 500 MB limit.';
    const tooBig = new WorldClientError('tooBig', reason);
    assert.deepEqual(describePanelFailure(tooBig, context), {
      status: 'error',
      text:
        `${reason} The header shows the room's fields from the room list. ` +
        'Export JSON… still saves the room to a file, as the server sends it, without loading it here.',
      stopWatching: true,
    });
  });

  it('stops watching when the session ended, and says the panel comes back after sign-in', () => {
    const expired = new WorldClientError('sessionExpired', 'Your session expired. Sign in again.');
    const failure = describePanelFailure(expired, { ...context, during: 'watch' });
    assert.equal(failure.stopWatching, true);
    assert.equal(failure.text, 'Your session expired. Sign in again. The panel reloads by itself after you sign in.');
  });

  it('keeps watching through passing trouble, and offers Refresh after a failed load', () => {
    const timeout = new WorldClientError('timeout', 'The server did not answer within 30 s.');
    assert.deepEqual(describePanelFailure(timeout, { ...context, during: 'watch' }), {
      status: 'error',
      text: 'Watch: the last check failed. The server did not answer within 30 s. Watch tries again every 5 s.',
      stopWatching: false,
    });
    assert.equal(describePanelFailure(new Error('boom.'), context).text, 'boom. Then use Refresh to try again.');
  });
});
