import * as assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { RULE_IDS } from '../../../src/shared/contract/rules';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { breakingRoomId } from '../../sandbox/contractBreakingSeed';
import { runCheck, sarifValidator, type JsonFinding } from './runCheck';

describe('worldclient-rtc-check, run as a child process against the sandbox', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let folder: string;
  const env = () => ({ WORLDCLIENT_RTC_SESSION: sandbox.session });
  const server = () => ['check', '--server', sandbox.url];
  beforeEach(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'wcrtc-cli-'));
  });
  afterEach(async () => {
    await sandbox?.stop();
    await rm(folder, { recursive: true, force: true });
  });

  it('a clean server: exit 0, and the text report says what was checked, plain when not on a terminal', async () => {
    sandbox = await startSandbox({ seed: { sample: true } });
    const result = await runCheck(server(), env());
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, 'Checked 12 rooms: 0 problems in 0 rooms.\n');
    assert.equal(result.stderr, '', 'no progress when stderr is not a terminal');
  });

  it('the contract-breaking seed: exit 1, and the JSON report holds every rule, each on its own room and field', async () => {
    sandbox = await startSandbox({ seed: { contractBreaking: true } });
    const result = await runCheck([...server(), '--format', 'json'], env());
    assert.equal(result.code, 1, result.stderr);
    const report = JSON.parse(result.stdout) as { rooms: number; findings: JsonFinding[] };
    assert.deepEqual([...new Set(report.findings.map((finding) => finding.ruleId))].sort(), [...RULE_IDS].sort());
    for (const finding of report.findings.filter((entry) => entry.roomId !== '')) {
      assert.equal(finding.roomId, breakingRoomId(finding.ruleId), `${finding.ruleId} on ${finding.roomId}`);
    }
    const salt = report.findings.find((finding) => finding.ruleId === 'message/salt-reused');
    assert.deepEqual(salt?.location, { kind: 'message', index: 1, field: 'salt' });
  });

  it('SARIF: valid against the official 2.1.0 schema, each rule with its help, each result with level, message and room', async () => {
    sandbox = await startSandbox({ seed: { contractBreaking: true } });
    const output = path.join(folder, 'report.sarif');
    const result = await runCheck([...server(), '--format', 'sarif', '--output', output], env());
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '', 'the report went to --output');
    interface SarifResult {
      ruleId: string;
      level: string;
      message: { text: string };
      locations: { logicalLocations: { fullyQualifiedName: string }[] }[];
    }
    const log = JSON.parse(await readFile(output, 'utf8')) as {
      runs: { tool: { driver: { rules: { id: string; help: { text: string } }[] } }; results: SarifResult[] }[];
    };
    assert.deepEqual(sarifValidator()(log), []);
    const withoutTool = { version: '2.1.0', runs: [{ results: [] }] };
    assert.notDeepEqual(sarifValidator()(withoutTool), [], 'the validator does refuse a log without its tool');
    const [run] = log.runs;
    assert.ok(run.tool.driver.rules.some((rule) => rule.id === 'message/salt-length' && /salts of one room/.test(rule.help.text)));
    const result0 = run.results.find((entry) => entry.ruleId === 'message/salt-reused');
    assert.ok(result0);
    assert.equal(result0.level, 'error');
    assert.match(result0.message.text, /reuses the salt of message 1/);
    assert.equal(result0.locations[0].logicalLocations[0].fullyQualifiedName, 'rooms/break-message-salt-reused/messages/1');
  });

  it('JUnit: one test suite per room, one failure per problem, server text escaped', async () => {
    sandbox = await startSandbox({ seed: { contractBreaking: true, sample: true } });
    const result = await runCheck([...server(), '--format', 'junit'], env());
    assert.equal(result.code, 1);
    const suites = [...result.stdout.matchAll(/<testsuite name="([^"]*)" tests="(\d+)" failures="(\d+)">/g)];
    assert.equal(suites.length, 12 + RULE_IDS.length, 'every room, clean or not');
    const failures = result.stdout.match(/<failure /g) ?? [];
    assert.equal(failures.length, RULE_IDS.length);
    assert.ok(suites.some(([, name, , failed]) => name === 'weekly-standup' && failed === '0'));
    assert.match(result.stdout, /message="&quot;members&quot; \(&quot;alice@example.com;bob@example.com&quot;\)/);
    assert.match(result.stdout, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="worldclient-rtc-check"/);
  });

  it('--fail-on: a room with warnings only passes by default, fails on warning, and never fails with never', async () => {
    sandbox = await startSandbox({ seed: { contractBreaking: true } });
    const rooms = ['--rooms', breakingRoomId('room/members-spaces')];
    assert.equal((await runCheck([...server(), ...rooms], env())).code, 0);
    assert.equal((await runCheck([...server(), ...rooms, '--fail-on', 'warning'], env())).code, 1);
    assert.equal((await runCheck([...server(), '--fail-on', 'never'], env())).code, 0);
  });

  it('signs in with WORLDCLIENT_RTC_USER and WORLDCLIENT_RTC_PASSWORD', async () => {
    sandbox = await startSandbox({ seed: { sample: true }, csrf: true });
    const result = await runCheck(server(), { WORLDCLIENT_RTC_USER: 'dev@example.com', WORLDCLIENT_RTC_PASSWORD: 'sandbox' });
    assert.equal(result.code, 0, result.stderr);
    const wrong = await runCheck(server(), { WORLDCLIENT_RTC_USER: 'dev@example.com', WORLDCLIENT_RTC_PASSWORD: 'not-the-password' });
    assert.equal(wrong.code, 2);
    assert.ok(!wrong.stderr.includes('not-the-password'), wrong.stderr);
  });

  it('exit 2 with one line on stderr: usage, a session on the command line, no session, a wrong one', async () => {
    sandbox = await startSandbox({ seed: { sample: true } });
    const usage = await runCheck(['check'], env());
    assert.deepEqual([usage.code, usage.stdout], [2, '']);
    assert.equal(usage.stderr, 'worldclient-rtc-check: Give either --server URL or --file FILE… (see --help).\n');
    const argv = await runCheck([...server(), `--session=${sandbox.session}`], {});
    assert.equal(argv.code, 2);
    assert.match(argv.stderr, /the session comes from the environment/);
    assert.ok(!argv.stderr.includes(sandbox.session));
    assert.match((await runCheck(server(), {})).stderr, /No session: set WORLDCLIENT_RTC_SESSION/);
    const wrong = await runCheck(server(), { WORLDCLIENT_RTC_SESSION: 'wrong-session-4711' });
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /^worldclient-rtc-check: Could not list the rooms: the session has expired or is no longer valid/);
    assert.ok(!wrong.stderr.includes('wrong-session-4711') && wrong.stderr.split('\n').length === 2, wrong.stderr);
    assert.equal((await runCheck(['--help'])).code, 0);
    assert.match((await runCheck(['--version'])).stdout, /^\d+\.\d+\.\d+\n$/);
  });

  it('exit 2 for an unreachable server and for a server that answers HTML echoing the session, which stays redacted', async () => {
    sandbox = await startSandbox({ seed: { sample: true }, faults: [{ kind: 'html', echoUrl: true }] });
    const html = await runCheck([...server(), '--timeout', '5'], env());
    assert.equal(html.code, 2);
    assert.match(html.stderr, /not JSON|HTML/i);
    assert.ok(!html.stderr.includes(sandbox.session), html.stderr);
    const port = Number(new URL(sandbox.url).port);
    await sandbox.stop();
    const unreachable = await runCheck(['check', '--server', `http://127.0.0.1:${port}`, '--timeout', '2'], env());
    assert.equal(unreachable.code, 2);
    assert.match(unreachable.stderr, /refused the connection/);
  });
});
