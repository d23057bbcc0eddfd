import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { breakingRoomId } from '../../sandbox/contractBreakingSeed';
import { waitFor, withSandbox, type SandboxSession } from '../support/fixtures';
import { refreshRooms, renderChildren } from '../support/tree';

/** The Rooms view's first line and description say how many rooms the tree shows of how many there are. */
describe('Rooms view: what is shown of what', function () {
  this.timeout(120_000);
  let session: SandboxSession;
  const view = () => session.api.rooms.view.treeView;
  const on = () => ` on ${new URL(session.sandbox.url).host}`;
  const roomRows = () => renderChildren(session.api).filter((item) => item.label !== 'Load more…');

  afterEach(async () => {
    await vscode.commands.executeCommand('worldclientRtc.showAllRooms');
    await session?.dispose();
  });

  it('says "200 of 10,000 rooms" while "Load more…" holds the rest back', async () => {
    session = await withSandbox({ seed: { rooms: 10_000 } });
    await refreshRooms(session.api);
    assert.equal(roomRows().length, 200);
    assert.equal(view().message, `200 of 10,000 rooms${on()}`);
    assert.equal(view().description, `200 of 10,000 rooms${on()}`);
    await vscode.commands.executeCommand('worldclientRtc.loadMoreRooms', 'all');
    assert.equal(roomRows().length, 400);
    assert.equal(view().message, `400 of 10,000 rooms${on()}`);
  });

  it('says "N of M rooms" while "Only Rooms with Problems" shows N of the M rooms', async () => {
    session = await withSandbox({ seed: { sample: true, contractBreaking: true } });
    await refreshRooms(session.api);
    const total = session.api.rooms.model.total;
    await waitFor(
      () => session.api.rooms.provider.annotations?.decoration(breakingRoomId('room/members-separator')) !== undefined,
      'the checks',
    );
    assert.equal(view().message, `${total} rooms${on()}`);
    await vscode.commands.executeCommand('worldclientRtc.showOnlyRoomsWithProblems');
    const shown = roomRows().length;
    assert.ok(shown > 0 && shown < total, `${shown} of ${total}`);
    assert.equal(view().message, `${shown} of ${total} rooms${on()}`);
    assert.equal(view().description, `${shown} of ${total} rooms${on()}`);
    await vscode.commands.executeCommand('worldclientRtc.showAllRooms');
    assert.equal(view().message, `${total} rooms${on()}`);
  });
});
