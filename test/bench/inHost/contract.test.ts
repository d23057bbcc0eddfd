import { benchBigDiff, benchCheckRooms, benchListChecks } from './contractBench';

// Mocha "tests" only so the runner can tell a finished benchmark from one that never ran;
// they print figures and assert nothing about time.
describe('benchmark: contract and compare', function () {
  this.timeout(600_000);
  it('contract: list checks on refresh, 10,000 rooms', benchListChecks);
  it('contract: Check Rooms, 1,000 rooms × 100 messages', benchCheckRooms);
  it('compare: 100,000-message room diff', benchBigDiff);
});
