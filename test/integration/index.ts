import { runMochaFolder } from '../support/mochaSuite';
import { checkScriptedUis } from './support/scriptedUi';

/** Entry point VS Code calls inside the extension host (extensionTestsPath). */
export function run(): Promise<void> {
  // After every test: no prompt went unanswered and no scripted answer was left over.
  return runMochaFolder(__dirname, { afterEach: checkScriptedUis });
}
