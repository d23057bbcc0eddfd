import { visible } from '../shared/inertText';
import { RULES, isRuleId, type Severity } from '../shared/contract/rules';
import type { CustomRule } from '../shared/contract/contractFile';
import { fieldPath, type CheckRun, type Finding } from './findings';

export const TOOL_NAME = 'worldclient-rtc-check';
const INFORMATION_URI = 'https://github.com/worldclient-rtc/worldclient-rtc#checking-in-ci';
const SARIF_LEVELS: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'note' };
const COLOURS: Record<Severity, string> = { error: '\u001b[31m', warning: '\u001b[33m', information: '\u001b[36m' };

/** Where a finding is, in words: `file.json:12:5 room "a" messages[3].salt`. */
function where(finding: Finding): string {
  const file = finding.file ? `${finding.file.path}:${finding.file.line}:${finding.file.column} ` : '';
  return `${file}room ${JSON.stringify(visible(finding.roomId))} ${fieldPath(finding)}`;
}

export function textReport(run: CheckRun, colour: boolean): string {
  const lines = run.findings.map((finding) => {
    const level = colour ? `${COLOURS[finding.severity]}${finding.severity}\u001b[0m` : finding.severity;
    return `${where(finding)}: ${level} ${finding.ruleId}: ${finding.message}`;
  });
  const rooms = new Set(run.findings.map((finding) => finding.roomId)).size;
  const suppressed = run.suppressed > 0 ? ` (${run.suppressed} suppressed by the contract file)` : '';
  lines.push(`Checked ${run.roomIds.length} rooms: ${run.findings.length} problems in ${rooms} rooms${suppressed}.`);
  return `${lines.join('\n')}\n`;
}

export function jsonReport(run: CheckRun): string {
  const findings = run.findings.map(({ ruleId, severity, message, roomId, location, file }) => ({
    ruleId,
    severity,
    message,
    roomId,
    location,
    file,
  }));
  return `${JSON.stringify({ rooms: run.roomIds.length, suppressed: run.suppressed, findings }, null, 2)}\n`;
}

interface RuleDescription {
  id: string;
  summary: string;
  severity: Severity;
}

/** Every rule a report may name: the built-in ones and the team's own. */
export function describeRules(custom: readonly CustomRule[]): RuleDescription[] {
  const builtIn = Object.entries(RULES).map(([id, info]) => ({ id, summary: info.summary, severity: info.severity as Severity }));
  return [...builtIn, ...custom.map((rule) => ({ id: rule.ruleId, summary: rule.description, severity: rule.severity }))];
}

/** SARIF 2.1.0: the rules with their help, each finding with its level, message, the room (and message) and, from a file, its place. */
export function sarifReport(run: CheckRun, custom: readonly CustomRule[], version: string): string {
  const rules = describeRules(custom);
  const index = new Map(rules.map((rule, position) => [rule.id, position]));
  const results = run.findings.map((finding) => {
    const message = finding.location.kind === 'message' ? `/messages/${finding.location.index}` : '';
    const logical = {
      name: finding.location.kind === 'message' ? `messages[${finding.location.index}]` : finding.roomId,
      fullyQualifiedName: `rooms/${encodeURIComponent(finding.roomId)}${message}`,
      kind: finding.location.kind === 'message' ? 'element' : 'object',
    };
    const physical = finding.file && {
      artifactLocation: { uri: finding.file.path.split(/[\\/]/).map(encodeURIComponent).join('/') },
      region: {
        startLine: finding.file.line,
        startColumn: finding.file.column,
        endLine: finding.file.endLine,
        endColumn: finding.file.endColumn,
      },
    };
    return {
      ruleId: finding.ruleId,
      ruleIndex: index.get(finding.ruleId) ?? -1,
      level: SARIF_LEVELS[finding.severity],
      message: { text: finding.message },
      locations: [{ ...(physical ? { physicalLocation: physical } : {}), logicalLocations: [logical] }],
      properties: { roomId: finding.roomId, field: fieldPath(finding) },
    };
  });
  const driver = {
    name: TOOL_NAME,
    version,
    informationUri: INFORMATION_URI,
    rules: rules.map((rule) => ({
      id: rule.id,
      shortDescription: { text: rule.summary },
      help: { text: helpText(rule) },
      defaultConfiguration: { level: SARIF_LEVELS[rule.severity] },
    })),
  };
  const log = { $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [{ tool: { driver }, results }] };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function helpText(rule: RuleDescription): string {
  const origin = isRuleId(rule.id) ? 'A rule of the WorldClient RTC API contract' : "A rule of the team's contract file";
  const how = `Turn it off or change its severity in .vscode/worldclient-rtc.contract.json ("rules": {"${rule.id}": "off"}).`;
  return `${origin}: ${rule.summary} ${how}`;
}

/** JUnit XML: one test suite per room, one failing test case per finding (a room without any has one passing case). */
export function junitReport(run: CheckRun): string {
  const byRoom = new Map<string, Finding[]>(run.roomIds.map((roomId) => [roomId, []]));
  for (const finding of run.findings) {
    (byRoom.get(finding.roomId) ?? byRoom.set(finding.roomId, []).get(finding.roomId))?.push(finding);
  }
  const suites = [...byRoom].map(([roomId, findings]) => {
    const name = xml(roomId === '' ? '(empty room id)' : roomId);
    const cases =
      findings.length === 0
        ? [`    <testcase classname="${name}" name="contract"/>`]
        : findings.map((finding) => {
            const caseName = xml(`${finding.ruleId} ${fieldPath(finding)}`);
            const body = xml(`${where(finding)}: ${finding.message}`);
            const failure = `<failure type="${xml(finding.ruleId)}" message="${xml(finding.message)}">${body}</failure>`;
            return `    <testcase classname="${name}" name="${caseName}">${failure}</testcase>`;
          });
    const count = Math.max(1, findings.length);
    return [`  <testsuite name="${name}" tests="${count}" failures="${findings.length}">`, ...cases, '  </testsuite>'].join('\n');
  });
  const tests = [...byRoom.values()].reduce((sum, findings) => sum + Math.max(1, findings.length), 0);
  const head = `<testsuites name="${TOOL_NAME}" tests="${tests}" failures="${run.findings.length}">`;
  return ['<?xml version="1.0" encoding="UTF-8"?>', head, ...suites, '</testsuites>', ''].join('\n');
}

/** Text inert in XML: the five special characters escaped, and what XML 1.0 cannot hold at all (controls, lone surrogates) replaced. */
export function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
