import { runMochaFolder } from '../support/mochaSuite';

/** Entry point of the packaged-extension smoke test (`npm run test:vsix`). */
export function run(): Promise<void> {
  return runMochaFolder(__dirname);
}
