import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/**
 * Runs every compiled `*.test.js` in a folder with mocha inside the extension host and
 * rejects when any test fails, which is how both test hosts learn the outcome.
 */
export function runMochaFolder(folder: string): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  const grep = process.env.WORLDCLIENT_RTC_TEST_GREP;
  if (grep) {
    mocha.grep(grep);
  }
  for (const file of fs.readdirSync(folder).sort()) {
    if (file.endsWith('.test.js')) {
      mocha.addFile(path.join(folder, file));
    }
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed.`)) : resolve()));
  });
}
