/** Reads a V8 CPU profile (.cpuprofile) for one stretch of time: where the samples fell, as text for a bench's output. */

export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  /** Microseconds, CLOCK_MONOTONIC. */
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const BUCKET_MS = 25;
const TOP = 14;

/**
 * Busy time per 25 ms after `window.from`, and the functions with the most self and total time in
 * the window (epoch milliseconds; `toEpoch` maps the profile's microsecond clock onto them).
 */
export function summarizeProfile(
  profile: CpuProfile,
  window: { from: number; to: number },
  toEpoch: (us: number) => number,
  label: string,
): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) {
      parent.set(child, node.id);
    }
  }
  const frameName = (id: number): string => {
    const frame = byId.get(id)?.callFrame;
    if (!frame) {
      return '?';
    }
    const file = frame.url ? ` ${frame.url.split('/').pop()}:${frame.lineNumber + 1}` : '';
    return `${frame.functionName || '(anonymous)'}${file}`;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const buckets: { busy: number; top: Map<string, number> }[] = [];
  let busy = 0;
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i];
    const next = i + 1 < profile.timeDeltas.length ? profile.timeDeltas[i + 1] : 0;
    const epoch = toEpoch(at);
    if (epoch < window.from || epoch > window.to) {
      continue;
    }
    const ms = next / 1000;
    const name = frameName(profile.samples[i]);
    if (name.startsWith('(idle)')) {
      continue;
    }
    busy += ms;
    self.set(name, (self.get(name) ?? 0) + ms);
    const seen = new Set<string>();
    for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parent.get(id)) {
      const frame = frameName(id);
      if (!seen.has(frame)) {
        seen.add(frame);
        total.set(frame, (total.get(frame) ?? 0) + ms);
      }
    }
    const bucket = (buckets[Math.floor((epoch - window.from) / BUCKET_MS)] ??= { busy: 0, top: new Map() });
    bucket.busy += ms;
    let outer = name;
    for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parent.get(id)) {
      const frame = frameName(id);
      if (/\$[a-zA-Z]+|getChildren|getTreeItem|\$on|Timeout|processTicks|onmessage|dispatch|Layout|render/i.test(frame)) {
        outer = frame;
      }
    }
    bucket.top.set(outer, (bucket.top.get(outer) ?? 0) + ms);
  }
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const top = (map: Map<string, number>, count: number) => [...map].sort((a, b) => b[1] - a[1]).slice(0, count);
  const lines = [`  ${label}: busy ${ms(busy)} of ${ms(window.to - window.from)}`];
  buckets.forEach((bucket, index) => {
    if (bucket && bucket.busy >= 1) {
      const [name] = top(bucket.top, 1)[0];
      lines.push(
        `    +${String(index * BUCKET_MS).padStart(4)} ms: busy ${ms(bucket.busy).padStart(8)}, mostly under ${name.slice(0, 90)}`,
      );
    }
  });
  lines.push('    self time:');
  lines.push(...top(self, TOP).map(([name, value]) => `      ${ms(value).padStart(9)}  ${name.slice(0, 110)}`));
  lines.push('    total time:');
  lines.push(...top(total, TOP).map(([name, value]) => `      ${ms(value).padStart(9)}  ${name.slice(0, 110)}`));
  return lines.join('\n');
}
