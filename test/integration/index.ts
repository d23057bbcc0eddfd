import { runMochaFolder } from '../support/mochaSuite';

/** Entry point VS Code calls inside the extension host (extensionTestsPath). */
export function run(): Promise<void> {
  return runMochaFolder(__dirname);
}
