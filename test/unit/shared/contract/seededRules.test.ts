import * as assert from 'node:assert/strict';
import { sentValue } from '../../../../src/api/shapes';
import type { RoomSummary } from '../../../../src/api/types';
import { checkRoomList, roomIdOf } from '../../../../src/shared/contract/roomChecks';
import { checkRoomReply } from '../../../../src/shared/contract/replyChecks';
import { RULE_IDS, type Problem } from '../../../../src/shared/contract/rules';
import { breakingRoomId, CONTRACT_BREAKS } from '../../../sandbox/contractBreakingSeed';
import { Harness } from '../../api/harness';

const NOW = Date.parse('2026-01-01T00:00:00Z');

/** Every problem the extension would find for a server: the list's, then each room's reply's. */
async function allProblems(harness: Harness, onlyRoom?: string): Promise<{ list: RoomSummary[]; problems: Problem[] }> {
  const { api } = harness.client();
  const list = await api.listRooms();
  const problems = checkRoomList(list, { now: NOW, read: sentValue });
  const byId = new Map(list.map((room) => [roomIdOf(room, sentValue), room]));
  const storedIds = onlyRoom ? [onlyRoom] : harness.sandbox.store.list().map((room) => room.id);
  for (const id of storedIds) {
    const reply = await api.getRoom(id);
    problems.push(...checkRoomReply(id, reply, { now: NOW, read: sentValue, listed: byId.get(id) }));
  }
  return { list, problems };
}

describe('contract rules against the sandbox, through the real client', () => {
  const harness = new Harness();
  afterEach(() => harness.stop());

  it('the clean sample seed yields no problem at all', async () => {
    await harness.start({ seed: { sample: true } });
    const { problems } = await allProblems(harness);
    assert.deepEqual(problems, []);
  });

  it('bulk rooms with messages yield no problem either', async () => {
    await harness.start({ seed: { rooms: 30, messagesPerRoom: 5 } });
    assert.deepEqual((await allProblems(harness)).problems, []);
  });

  it('the contract-breaking seed has one room per rule', () => {
    assert.deepEqual(Object.keys(CONTRACT_BREAKS).sort(), [...RULE_IDS].sort());
  });

  for (const ruleId of RULE_IDS) {
    it(`${ruleId}: its seeded room breaks it, and only it`, async () => {
      await harness.start({ seed: { contractBreaking: true } });
      const roomId = breakingRoomId(ruleId);
      const { problems } = await allProblems(harness, roomId);
      // The empty-id room is listed under '' (the break itself); every other room under its own id.
      const listedAs = ruleId === 'room/empty-id' ? '' : roomId;
      const found = problems.filter((problem) => problem.roomId === roomId || problem.roomId === listedAs);
      assert.deepEqual([...new Set(found.map((problem) => problem.ruleId))], [ruleId], JSON.stringify(found, null, 2));
      for (const problem of found) {
        assert.match(problem.message, /expects/, `says what the contract expects: ${problem.message}`);
      }
    });
  }

  it('no room but its own breaks a rule in the contract-breaking seed', async () => {
    await harness.start({ seed: { contractBreaking: true } });
    const { problems } = await allProblems(harness);
    const ids = new Set(RULE_IDS.map(breakingRoomId));
    assert.deepEqual(
      problems.filter((problem) => problem.roomId !== '' && !ids.has(problem.roomId)),
      [],
    );
    for (const problem of problems) {
      if (problem.roomId !== '') {
        assert.equal(breakingRoomId(problem.ruleId), problem.roomId, `${problem.ruleId} fired on ${problem.roomId}`);
      }
    }
  });
});
