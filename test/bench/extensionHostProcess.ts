import * as fs from 'node:fs';

/**
 * The extension host of one benchmark workbench: the process code-server forked with
 * --type=extensionHost whose environment holds `marker` (e.g. `NAME=value` of the sandbox's URL), so
 * another workbench running on the same machine is never picked.
 */
export function extensionHostPid(marker: string): number {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    try {
      const args = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (args.includes('--type=extensionHost') && fs.readFileSync(`/proc/${entry}/environ`, 'utf8').includes(`${marker}\0`)) {
        return Number(entry);
      }
    } catch {
      // Gone, or not ours to read.
    }
  }
  throw new Error('no extension host found');
}

/** The process's resident memory now (VmRSS) and its peak so far (VmHWM), in MiB. */
export function residentMemoryMiB(pid: number): { now: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { now: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}
