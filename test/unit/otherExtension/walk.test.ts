import * as assert from 'node:assert/strict';
import * as path from 'node:path';

interface WalkReport {
  strings: string[];
  called: string[];
  standInCalls: string[];
}
// The probe extension is plain CommonJS (VS Code loads it as it is); this runs its walker directly.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { walkExports } = require(path.join(__dirname, '..', '..', '..', '..', 'test', 'otherExtension', 'walk.cjs')) as {
  walkExports(root: unknown, options?: { callTimeoutMs?: number }): Promise<WalkReport>;
};

/** The shape activate() returned before the fix: a connection that hands out credentials, prompts that can be replaced. */
class OldConnection {
  credentials() {
    return { session: 'SESSION-SECRET', csrfToken: 'CSRF-SECRET' };
  }
}
class OldUi {
  replacement: unknown;
  use(ui: unknown) {
    this.replacement = ui;
  }
  showInputBox() {
    return (this.replacement as { showInputBox(): Promise<string> } | undefined)?.showInputBox();
  }
}

describe('the exports probe (test/otherExtension)', () => {
  it('finds a secret behind a method and replaces prompts when the exports allow it', async () => {
    const ui = new OldUi();
    const report = await walkExports({ ui, connection: new OldConnection() }, { callTimeoutMs: 200 });
    assert.ok(report.strings.includes('SESSION-SECRET'));
    assert.ok(report.strings.includes('CSRF-SECRET'));
    assert.ok(ui.replacement, 'ui.use() was called with the stand-in');
    assert.ok(report.called.includes('exports.ui.use(standIn)'));
  });

  it('gets nothing from exports that are undefined', async () => {
    assert.deepEqual(await walkExports(undefined), { strings: [], called: [], errors: [], standInCalls: [] });
  });
});
