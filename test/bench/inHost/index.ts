import { runMochaFolder } from '../../support/mochaSuite';

/** Suite entry for the benchmarks that must run inside VS Code; `npm run bench` launches it through the test runner. */
export function run(): Promise<void> {
  return runMochaFolder(__dirname);
}
