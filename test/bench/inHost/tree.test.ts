import { benchTree } from './treeBench';

// A mocha "test" only so the runner can tell a finished benchmark from one that never ran;
// it prints figures and asserts nothing about time.
describe('benchmark', function () {
  this.timeout(300_000);
  it('tree: refresh to first page, 10,000 rooms', benchTree);
});
