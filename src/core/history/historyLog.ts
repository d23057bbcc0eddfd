import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { HistoryRecord } from './serverHistory';

/**
 * One server's history file: an append-only log of framed records (4-byte length, 4-byte
 * checksum, JSON). A write cut short (a crash, a full disk) leaves a bad last frame, which
 * replay drops and the next append cuts off first; what was there before is never rewritten.
 * Compaction writes a whole new log to a temporary file and renames it over the old one.
 * No vscode import.
 */

const HEADER_BYTES = 8;
/** Far above any record we write; a bigger length can only be damage. */
const MAX_RECORD_BYTES = 256 * 1024 * 1024;

export function checksum(payload: Buffer): number {
  return createHash('sha256').update(payload).digest().readUInt32BE(0);
}

export function frame(record: unknown): Buffer {
  const payload = Buffer.from(JSON.stringify(record), 'utf8');
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt32BE(payload.length, 0);
  header.writeUInt32BE(checksum(payload), 4);
  return Buffer.concat([header, payload]);
}

/** How long reading or writing a log may hold the extension host, which every extension shares, before it gives the others a turn. */
const SLICE_MS = 8;

/** Resolves at once while the current slice lasts, after a turn of the event loop once it is over. */
export function timeSlices(sliceMs = SLICE_MS): () => Promise<void> | undefined {
  let sliceEnd = performance.now() + sliceMs;
  return () => {
    if (performance.now() < sliceEnd) {
      return undefined;
    }
    return new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      sliceEnd = performance.now() + sliceMs;
    });
  };
}

/**
 * The records framed into one buffer, with a turn for the host's other work whenever a slice is
 * over: the first sighting of a list of 10,000 rooms is 10,000 records, each serialized and hashed,
 * and it comes just as VS Code sends the Rooms view's first rows.
 */
export async function framed(records: readonly unknown[], pauseWhenDue = timeSlices()): Promise<Buffer> {
  const frames: Buffer[] = [];
  for (const record of records) {
    await pauseWhenDue();
    frames.push(frame(record));
  }
  return Buffer.concat(frames);
}

/** The records of a log, in order, up to the first damaged frame; `goodBytes` is where that frame starts. */
export async function replay(bytes: Buffer, pauseWhenDue = timeSlices()): Promise<{ records: unknown[]; goodBytes: number }> {
  const records: unknown[] = [];
  let offset = 0;
  while (offset + HEADER_BYTES <= bytes.length) {
    await pauseWhenDue();
    const length = bytes.readUInt32BE(offset);
    const end = offset + HEADER_BYTES + length;
    if (length > MAX_RECORD_BYTES || end > bytes.length) {
      break;
    }
    const payload = bytes.subarray(offset + HEADER_BYTES, end);
    if (checksum(payload) !== bytes.readUInt32BE(offset + 4)) {
      break;
    }
    try {
      records.push(JSON.parse(payload.toString('utf8')));
    } catch {
      break;
    }
    offset = end;
  }
  return { records, goodBytes: offset };
}

/** Appends and compactions of one log file, one at a time. */
export class HistoryLog {
  private queue: Promise<unknown> = Promise.resolve();
  /** Bytes known to be whole frames: the next append starts here, cutting off a partial one. */
  private goodBytes = 0;

  /** `sliceMs`: how long framing records may run before it yields (timeSlices); 0 yields before every record. */
  constructor(
    private readonly file: string,
    private readonly sliceMs?: number,
  ) {}

  private pauses(): () => Promise<void> | undefined {
    return timeSlices(this.sliceMs);
  }

  get size(): number {
    return this.goodBytes;
  }

  /** Reads every whole record; a missing file is an empty log. */
  load(): Promise<unknown[]> {
    return this.serialized(async () => {
      let bytes: Buffer;
      try {
        bytes = await fs.readFile(this.file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          this.goodBytes = 0;
          return [];
        }
        throw error;
      }
      const { records, goodBytes } = await replay(bytes);
      this.goodBytes = goodBytes;
      return records;
    });
  }

  append(records: readonly unknown[]): Promise<void> {
    if (records.length === 0) {
      return Promise.resolve();
    }
    return this.serialized(async () => {
      const bytes = await framed(records, this.pauses());
      const handle = await fs.open(this.file, 'a+');
      try {
        const { size } = await handle.stat();
        if (size !== this.goodBytes) {
          // A previous write was cut short: its partial frame goes before anything follows it.
          await handle.truncate(this.goodBytes);
        }
        await handle.write(bytes, 0, bytes.length, this.goodBytes);
        await handle.sync();
        this.goodBytes += bytes.length;
      } finally {
        await handle.close();
      }
    });
  }

  /** Replaces the log with these records: written to a temporary file first, so a crash keeps the old log whole. */
  rewrite(records: readonly unknown[]): Promise<void> {
    return this.serialized(async () => {
      const bytes = await framed(records, this.pauses());
      const temporary = `${this.file}.tmp`;
      const handle = await fs.open(temporary, 'w');
      try {
        await handle.write(bytes, 0, bytes.length, 0);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(temporary, this.file);
      this.goodBytes = bytes.length;
    });
  }

  remove(): Promise<void> {
    return this.serialized(async () => {
      await fs.rm(this.file, { force: true });
      await fs.rm(`${this.file}.tmp`, { force: true });
      this.goodBytes = 0;
    });
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work, work);
    this.queue = result.catch(() => undefined);
    return result;
  }
}

/** One file per server, named by a hash of its URL (the URL itself is the first record inside). */
export function logFileName(serverUrl: string): string {
  return `${createHash('sha256').update(serverUrl).digest('hex').slice(0, 24)}.log`;
}

/** The server a log file names in its first record, reading only its start. */
export async function readServerOfLog(file: string): Promise<string | undefined> {
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const [first] = (await replay(buffer.subarray(0, bytesRead))).records as HistoryRecord[];
    return first?.k === 'h' && typeof first.server === 'string' ? first.server : undefined;
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}
