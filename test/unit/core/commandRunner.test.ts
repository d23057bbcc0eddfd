import * as assert from 'node:assert/strict';
import { WorldClientError } from '../../../src/api/errors';
import { CommandRunner, type RunnerHost } from '../../../src/core/commandRunner';
import type { Ui } from '../../../src/core/prompts';

interface Shown {
  severity: string;
  message: string;
  actions: string[];
}

/** Records every notification and answers it with `answer` (or dismisses it). */
function recordingUi(answer?: string): { ui: Ui; shown: Shown[] } {
  const shown: Shown[] = [];
  const ui = {
    showMessage: async (severity: string, message: string, _options: unknown, ...actions: string[]) => {
      shown.push({ severity, message, actions });
      return answer;
    },
  } as unknown as Ui;
  return { ui, shown };
}

function setUp(options: { answer?: string; signsIn?: boolean } = {}) {
  const { ui, shown } = recordingUi(options.answer);
  const logged: string[] = [];
  const calls = { signInAgain: 0, signIn: 0, logShown: 0, settingsOpened: 0 };
  const registered = new Map<string, (...args: unknown[]) => unknown>();
  const host: RunnerHost = {
    registerCommand: (commandId, handler) => {
      registered.set(commandId, handler);
      return { dispose: () => registered.delete(commandId) };
    },
    labels: () => ({
      showLog: 'Show Log',
      signIn: 'Sign In',
      trustCertificate: 'Trust a Certificate…',
      showDetails: 'Show Details',
      moreInLog: (n) => `…and ${n} more`,
    }),
    openCertificateSettings: async () => void calls.settingsOpened++,
  };
  const log = {
    info: (line: string) => logged.push(`info ${line}`),
    warn: (line: string) => logged.push(`warn ${line}`),
    error: (line: string) => logged.push(`error ${line}`),
    show: () => void calls.logShown++,
  };
  const session = {
    signInAgain: async () => (calls.signInAgain++, options.signsIn ?? false),
    signIn: async () => void calls.signIn++,
  };
  const runner = new CommandRunner(ui, log, session, host);
  return { runner, shown, logged, calls, registered };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('CommandRunner', () => {
  it('registers commands whose handler runs through it, with the arguments it was given', async () => {
    const { runner, registered } = setUp();
    const seen: unknown[][] = [];
    const registration = runner.register('x.command', (...args) => (seen.push(args), 'done'));
    assert.equal(await registered.get('x.command')?.('a', 2), 'done');
    assert.deepEqual(seen, [['a', 2]]);
    registration.dispose();
    assert.equal(registered.size, 0);
  });

  it('ends a cancelled action silently, in the log only', async () => {
    const { runner, shown, logged } = setUp();
    assert.equal(await runner.run('Open', () => Promise.reject(new WorldClientError('cancelled', 'Cancelled'))), undefined);
    assert.deepEqual(shown, []);
    assert.deepEqual(logged, ['info Open: cancelled.']);
  });

  it('turns a failure into one error notification with Show Log, which opens the log', async () => {
    const { runner, shown, calls } = setUp({ answer: 'Show Log' });
    await runner.wrap('Delete', () => {
      throw new Error('HTTP 500 from the server');
    })();
    await settle();
    assert.deepEqual(shown, [{ severity: 'error', message: 'HTTP 500 from the server', actions: ['Show Log'] }]);
    assert.equal(calls.logShown, 1);
  });

  it('offers the fix of a failure that has one: Sign In, or Trust a Certificate', async () => {
    const signedOut = setUp({ answer: 'Sign In' });
    await signedOut.runner.run('List', () => Promise.reject(new WorldClientError('notSignedIn', 'Not signed in')));
    await settle();
    assert.deepEqual(signedOut.shown[0].actions, ['Sign In', 'Show Log']);
    assert.equal(signedOut.calls.signIn, 1);
    const untrusted = setUp({ answer: 'Trust a Certificate…' });
    await untrusted.runner.run('List', () => Promise.reject(new WorldClientError('tls', 'Self-signed')));
    await settle();
    assert.deepEqual(untrusted.shown[0].actions, ['Trust a Certificate…', 'Show Log']);
    assert.equal(untrusted.calls.settingsOpened, 1);
  });

  it('after an expired session and a sign-in, runs the same action again once, and shows nothing', async () => {
    const { runner, shown, calls } = setUp({ signsIn: true });
    let attempts = 0;
    const result = await runner.run('Add', async () => {
      attempts++;
      if (attempts === 1) {
        throw new WorldClientError('sessionExpired', 'Session expired');
      }
      return 'added';
    });
    assert.equal(result, 'added');
    assert.equal(attempts, 2);
    assert.equal(calls.signInAgain, 1);
    assert.deepEqual(shown, []);
  });

  it('stops when the user does not sign in again, and reports a second expiry instead of asking twice', async () => {
    const declined = setUp({ signsIn: false });
    let attempts = 0;
    const expire = async (): Promise<never> => {
      attempts++;
      throw new WorldClientError('sessionExpired', 'Session expired');
    };
    assert.equal(await declined.runner.run('Add', expire), undefined);
    assert.equal(attempts, 1);
    const again = setUp({ signsIn: true });
    assert.equal(await again.runner.run('Add', expire), undefined);
    assert.equal(again.calls.signInAgain, 1);
    assert.equal(again.shown.length, 1);
  });
});
