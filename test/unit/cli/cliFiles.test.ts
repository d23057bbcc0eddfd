import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { breakingRoomId } from '../../sandbox/contractBreakingSeed';
import { exportAll, parityKey, SERVER_ONLY_RULES } from '../../support/cliParity';
import { runCheck, sarifValidator, type JsonFinding } from './runCheck';

const key = parityKey;

describe('worldclient-rtc-check on files, with a contract file, and as the installed npm package', function () {
  this.timeout(120_000);
  let sandbox: Sandbox | undefined;
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'wcrtc-cli-files-'));
  });
  afterEach(async () => {
    await sandbox?.stop();
    sandbox = undefined;
    await rm(folder, { recursive: true, force: true });
  });

  it('--server and --file on an export of the same rooms report the same findings (rule, room, field); a clean seed none', async () => {
    sandbox = await startSandbox({ seed: { contractBreaking: true } });
    const file = path.join(folder, 'rooms.json');
    await exportAll(sandbox, file);
    const env = { WORLDCLIENT_RTC_SESSION: sandbox.session };
    const serverRun = await runCheck(['check', '--server', sandbox.url, '--format', 'json'], env);
    const fromServer = JSON.parse(serverRun.stdout) as { findings: JsonFinding[] };
    const fromFile = await runCheck(['check', '--file', file, '--format', 'json']);
    assert.equal(fromFile.code, 1, fromFile.stderr);
    const fileFindings = (JSON.parse(fromFile.stdout) as { findings: JsonFinding[] }).findings;
    const expected = fromServer.findings
      .filter((finding) => !SERVER_ONLY_RULES.has(finding.ruleId))
      .map(key)
      .sort();
    assert.deepEqual(fileFindings.map(key).sort(), expected);
    assert.ok(expected.length >= 15, `${expected.length} findings compared`);
    await sandbox.stop();
    sandbox = await startSandbox({ seed: { sample: true } });
    await exportAll(sandbox, file);
    const clean = await runCheck(['check', '--file', file]);
    assert.deepEqual([clean.code, clean.stdout], [0, 'Checked 12 rooms: 0 problems in 0 rooms.\n']);
  });

  it('--file: each finding at the line and column of the offending value; SARIF names the file and region', async () => {
    const file = path.join(folder, 'fixture.json');
    const text = [
      '[',
      '  {"id": "r1", "started": "2025-01-01T00:00:00Z", "ended": "", "members": "a@x.org;b@x.org", "hasMessages": true,',
      '   "messages": [{"id": "m1", "salt": "AAAAAAAAAAAAAAAAAAAAAA==", "data": "AA=="},',
      '                {"id": "m2", "salt": "AAAAAAAAAAAAAAAAAAAAAA==", "data": "AA=="}]}',
      ']',
    ].join('\n');
    await writeFile(file, text);
    const json = await runCheck(['check', '--file', file, '--format', 'json']);
    const findings = (JSON.parse(json.stdout) as { findings: JsonFinding[] }).findings;
    assert.deepEqual(
      findings.map((finding) => [finding.ruleId, finding.file?.line, finding.file?.column]),
      [
        ['room/members-separator', 2, 75],
        ['message/salt-reused', 4, 38],
      ],
    );
    assert.equal(text.split('\n')[1].slice(74, 91), '"a@x.org;b@x.org"');
    assert.equal(text.split('\n')[3].slice(37, 63), '"AAAAAAAAAAAAAAAAAAAAAA=="');
    const sarif = JSON.parse((await runCheck(['check', '--file', file, '--format', 'sarif'])).stdout) as {
      runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[];
    };
    assert.deepEqual(sarifValidator()(sarif), []);
    const physical = sarif.runs[0].results[1].locations[0].physicalLocation;
    assert.deepEqual([physical.artifactLocation.uri.endsWith('fixture.json'), physical.region.startLine], [true, 4]);
    const broken = path.join(folder, 'broken.json');
    await writeFile(broken, '{"rooms": [{"id": "r", "messages": [{"id": 1}]}]}');
    const shape = await runCheck(['check', '--file', broken]);
    assert.equal(shape.code, 2);
    assert.match(shape.stderr, /rooms\[0\]\.messages\[0\] must have string "id", "salt" and "data"/);
  });

  it("--config: severities, rules off, suppressions, the team's room and message rules; a rule that does not compile", async () => {
    sandbox = await startSandbox({ seed: { contractBreaking: true } });
    const config = path.join(folder, 'contract.json');
    await writeFile(
      config,
      JSON.stringify({
        rules: { 'room/members-spaces': 'error', 'message/salt-length': 'off' },
        suppressions: [{ rule: 'room/started-not-iso', rooms: 'break-room-*', reason: 'Legacy import, fixed in 2.0' }],
        customRules: [
          {
            id: 'no-carol',
            appliesTo: 'room',
            description: 'Carol has left the team',
            schema: { properties: { members: { not: { pattern: 'carol@' } } } },
          },
          {
            id: 'short-message-ids',
            appliesTo: 'message',
            severity: 'warning',
            description: 'Message ids have at most 8 characters',
            schema: { properties: { id: { maxLength: 8 } } },
          },
        ],
      }),
    );
    const env = { WORLDCLIENT_RTC_SESSION: sandbox.session };
    const run = await runCheck(['check', '--server', sandbox.url, '--format', 'json', '--config', config], env);
    assert.equal(run.code, 1, run.stderr);
    const report = JSON.parse(run.stdout) as { suppressed: number; findings: JsonFinding[] };
    const ids = new Set(report.findings.map((finding) => finding.ruleId));
    assert.equal(report.findings.find((finding) => finding.ruleId === 'room/members-spaces')?.severity, 'error');
    assert.ok(!ids.has('message/salt-length') && !ids.has('room/started-not-iso'));
    assert.equal(report.suppressed, 1);
    const team = report.findings.find((finding) => finding.ruleId === 'custom/no-carol');
    assert.deepEqual([team?.roomId, team?.location.field], [breakingRoomId('room/list-mismatch'), 'members']);
    assert.match(team?.message ?? '', /^Carol has left the team \("members" must NOT be valid\)\.$/);
    const long = report.findings.find((finding) => finding.ruleId === 'custom/short-message-ids');
    assert.deepEqual([long?.severity, long?.location.kind, long?.location.field], ['warning', 'message', 'id']);
    const misspelt = { id: 'bad', appliesTo: 'room', description: 'x', schema: { type: 'strin' } };
    await writeFile(config, JSON.stringify({ customRules: [misspelt] }));
    const broken = await runCheck(['check', '--server', sandbox.url, '--config', config], env);
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /contract\.json at customRules\.0\.schema: The rule "custom\/bad" does not compile/);
  });

  it('the packed npm package, installed into a temporary folder, runs as a bin with no other dependency', async () => {
    const cliFolder = path.resolve(__dirname, '../../../../cli');
    await promisify(execFile)('npm', ['pack', '--pack-destination', folder], { cwd: cliFolder });
    const [tarball] = (await readdir(folder)).filter((name) => name.endsWith('.tgz'));
    const target = path.join(folder, 'install');
    await mkdir(target);
    await promisify(execFile)('npm', ['install', '--offline', '--no-audit', '--no-fund', path.join(folder, tarball)], { cwd: target });
    sandbox = await startSandbox({ seed: { contractBreaking: true } });
    const bin = path.join(target, 'node_modules', '.bin', 'worldclient-rtc-check');
    const env = { WORLDCLIENT_RTC_SESSION: sandbox.session };
    const result = await runCheck(['check', '--server', sandbox.url, '--format', 'sarif'], env, { command: bin });
    assert.equal(result.code, 1, result.stderr);
    assert.deepEqual(sarifValidator()(JSON.parse(result.stdout)), []);
    const installed = (await readdir(path.join(target, 'node_modules'))).filter((name) => !name.startsWith('.'));
    assert.deepEqual(installed, ['worldclient-rtc-check'], 'nothing else installed: everything is in cli.js');
  });
});
