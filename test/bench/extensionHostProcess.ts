import * as fs from 'node:fs';

/**
 * The extension host of one benchmark workbench: the process code-server forked with
 * --type=extensionHost whose environment holds `marker` (e.g. `NAME=value` of the sandbox's URL), so
 * another workbench running on the same machine is never picked. Right after a window reload the
 * previous host may still be exiting: the one started last is taken.
 */
export function extensionHostPid(marker: string): number {
  let newest: { pid: number; startedAt: number } | undefined;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    try {
      const args = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (args.includes('--type=extensionHost') && fs.readFileSync(`/proc/${entry}/environ`, 'utf8').includes(`${marker}\0`)) {
        const startedAt = Number(statFields(Number(entry))[22 - 3]);
        if (!newest || startedAt > newest.startedAt) {
          newest = { pid: Number(entry), startedAt };
        }
      }
    } catch {
      // Gone, or not ours to read.
    }
  }
  if (!newest) {
    throw new Error('no extension host found');
  }
  return newest.pid;
}

/**
 * `/proc/<pid>/stat`'s (or a thread's, `<pid>/task/<tid>`) fields from the third on: the command
 * name (field 2) may hold spaces, so they are counted after its parenthesis.
 */
function statFields(pidPath: number | string): string[] {
  const stat = fs.readFileSync(`/proc/${pidPath}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** The process's resident memory now (VmRSS) and its peak so far (VmHWM), in MiB. */
export function residentMemoryMiB(pid: number): { now: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { now: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

/** What a process's main thread (the JavaScript thread) has done so far: its time on a CPU, its minor page faults. */
export interface HostWork {
  readonly mainThreadCpuMs: number;
  readonly minorFaults: number;
}

/**
 * Read from /proc: the main thread's `schedstat` has its time on a CPU in nanoseconds (`stat`'s utime
 * counts in 10 ms ticks, too coarse for a start), its `stat` the minor page faults in the tenth field.
 * The collector's helper threads and the thread pool fault and run beside it, uncounted.
 */
export function hostWork(pid: number): HostWork {
  const schedstat = fs.readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ');
  return { mainThreadCpuMs: Number(schedstat[0]) / 1e6, minorFaults: Number(statFields(`${pid}/task/${pid}`)[10 - 3]) };
}

/** The work done between two readings. */
export function workBetween(before: HostWork, after: HostWork): HostWork {
  return { mainThreadCpuMs: after.mainThreadCpuMs - before.mainThreadCpuMs, minorFaults: after.minorFaults - before.minorFaults };
}

/**
 * What this machine charges for touching memory the first time, per 4 KiB page: a fresh buffer is
 * written twice and the first write's extra time divided by its pages. On a virtual machine that
 * maps guest memory lazily this is many times what a desktop pays, and it weighs on whatever
 * allocates in a start (the bundles, a reply, the objects parsed from it, the collector's copies).
 */
export function firstTouchMicrosecondsPerPage(): number {
  const bytes = 64 * 1024 * 1024;
  const samples: number[] = [];
  for (let sample = 0; sample < 3; sample++) {
    const buffer = Buffer.allocUnsafe(bytes);
    const first = performance.now();
    buffer.fill(1);
    const second = performance.now();
    buffer.fill(2);
    const third = performance.now();
    samples.push(((second - first - (third - second)) * 1000) / (bytes / 4096));
  }
  return samples.sort((a, b) => a - b)[1];
}
