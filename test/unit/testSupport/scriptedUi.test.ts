import * as assert from 'node:assert/strict';
import { ScriptedUi, UnexpectedPromptError } from '../../integration/support/scriptedUi';

/** Whether a promise has settled by the time already-queued callbacks ran. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

// The integration tests' scripted prompts run without VS Code: these check that they answer
// nothing by default, so a test that meets a prompt it did not script fails.
describe("ScriptedUi (the integration tests' prompts)", () => {
  it('throws into the flow when an input box, quick pick or dialog has nothing queued, and records it', async () => {
    const ui = new ScriptedUi();
    await assert.rejects(ui.showInputBox({ title: 'Filter rooms' }), UnexpectedPromptError);
    await assert.rejects(ui.showQuickPick([{ label: 'a' }], { title: 'Pick' }), UnexpectedPromptError);
    await assert.rejects(ui.showOpenDialog({ title: 'Import rooms' }), UnexpectedPromptError);
    await assert.rejects(ui.showSaveDialog({ title: 'Export rooms' }), UnexpectedPromptError);
    ui.pick('missing');
    await assert.rejects(ui.showQuickPick([{ label: 'a' }], { title: 'Pick' }), /has no item "missing"/);
    assert.equal(ui.unexpected.length, 5);
    assert.equal(ui.takeProblems().length, 5);
    assert.deepEqual(ui.takeProblems(), [], 'checking clears the script');
  });

  it('fails a modal or an awaited message that no rule answers, and lets a notification nobody clicks wait', async () => {
    const ui = new ScriptedUi();
    await assert.rejects(ui.showMessage('warning', 'Delete the room?', { modal: true }, 'Delete'), UnexpectedPromptError);
    await assert.rejects(ui.showMessage('warning', 'Session expired', { awaitsAnswer: true }, 'Sign In'), UnexpectedPromptError);
    assert.equal(await settled(ui.showMessage('info', 'Deleted room.', {}, 'Undo')), false, 'an unanswered Undo never answers');
    assert.equal(await ui.showMessage('info', 'Signed in.', {}), undefined);
    assert.equal(ui.shown.length, 4, 'every message is recorded');
    assert.deepEqual(
      ui.takeProblems().map((problem) => problem.split(' "')[0]),
      ['unexpected modal warning message', 'unexpected awaited warning message'],
    );
  });

  it('answers only what was scripted, a dismissal included', async () => {
    const ui = new ScriptedUi();
    ui.typeInputs('standup', undefined)
      .pick(undefined)
      .respond(/^Delete/, undefined)
      .respond(/^Deleted/, 'Undo');
    assert.equal(await ui.showInputBox({}), 'standup');
    assert.equal(await ui.showInputBox({}), undefined);
    assert.equal(await ui.showQuickPick([{ label: 'a' }], {}), undefined);
    assert.equal(await ui.showMessage('warning', 'Delete the room?', { modal: true }, 'Delete'), undefined);
    assert.equal(await ui.showMessage('info', 'Deleted room.', {}, 'Undo'), 'Undo');
    assert.deepEqual(ui.takeProblems(), []);
  });

  it('reports answers and rules that no prompt used', () => {
    const ui = new ScriptedUi();
    ui.typeInputs('left over')
      .pick('Paste a session token')
      .respond(/never shown/, 'OK');
    ui.nextUri.push(undefined);
    assert.deepEqual(ui.takeProblems(), [
      'typed input never asked for: "left over"',
      'quick pick answer never asked for: Paste a session token',
      'dialog answer never asked for: cancel',
      'respond(/never shown/) matched no message',
    ]);
  });
});
