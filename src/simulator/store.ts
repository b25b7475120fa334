/**
 * The directory a (simulated) meter writes into, append-only so that a year of records is not rewritten
 * on every batch and a crash loses at most a torn last line:
 *
 *   log.jsonl       public: a header line {v, type:"meterproof/log-stream", meter, meterKey, unit,
 *                   registers, prev}, then one signed record per line (the log file's record form);
 *   private.jsonl   the user's secret (mode 0600): a header {v, type:"meterproof/private-stream", meter,
 *                   unit, registers, seed}, then one reading per line {seq, start, duration, values};
 *   pushed.json     the highest seq the provider service acknowledged (2xx), so a restart pushes the rest.
 *
 * Order of writes for a batch: private.jsonl, then log.jsonl, then the push, then pushed.json. So every
 * stored record has its reading (the user can always prove what the meter signed); a crash between the
 * two appends leaves readings past the log's end, which the next open cuts back; a crash before
 * pushed.json is updated means the batch is pushed again, which the service treats as one append.
 *
 * `readMeterDir` assembles the usual log.json / private.json documents (LogFile, PrivateFile) from it,
 * which is what the agent proves from. This file is Node-only (the directory is the meter's disk).
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, statSync, truncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fromHex, toHex } from '../core/bytes.js';
import { MeterproofError } from '../core/errors.js';
import { LOG_VERSION, LogRecordSchema, PRIVATE_VERSION, PrivateReadingSchema, type LogFile, type LogRecord, type PrivateFile, type PrivateReading } from '../meter/log.js';
import { GENESIS_PREV } from '../meter/record.js';
import { readJson, writeJson } from '../node/files.js';
import type { ChainHead } from './meter.js';

export const LOG_STREAM = 'log.jsonl';
export const PRIVATE_STREAM = 'private.jsonl';
export const PUSHED_FILE = 'pushed.json';

export interface StreamHeader {
  readonly meter: string;
  readonly meterKey: string;
  readonly unit: string;
  readonly registers: string[];
}

interface Lines {
  /** Parsed complete lines. */
  readonly lines: unknown[];
  /** Byte length of the complete lines (a torn last line starts here). */
  readonly good: number;
  readonly size: number;
}

function readLines(path: string): Lines {
  const buf = readFileSync(path);
  const lines: unknown[] = [];
  let at = 0;
  let good = 0;
  for (;;) {
    const nl = buf.indexOf(0x0a, at);
    if (nl < 0) break;
    const text = buf.subarray(at, nl).toString('utf8');
    try {
      lines.push(JSON.parse(text));
    } catch {
      throw new MeterproofError('meter.store', `${path}: line ${lines.length + 1} is not JSON`);
    }
    at = nl + 1;
    good = at;
  }
  return { lines, good, size: buf.length };
}

function append(path: string, lines: readonly unknown[], mode?: number): void {
  const fd = openSync(path, 'a', mode);
  try {
    writeSync(fd, lines.map((l) => JSON.stringify(l) + '\n').join(''));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** An open meter directory: its header, chain head and seed. */
export class MeterDir {
  private constructor(
    readonly dir: string,
    readonly header: StreamHeader,
    readonly seed: Uint8Array,
    private headState: ChainHead,
    private count: number,
  ) {}

  get head(): ChainHead {
    return this.headState;
  }

  /** Records stored so far. */
  get records(): number {
    return this.count;
  }

  static exists(dir: string): boolean {
    return existsSync(join(dir, LOG_STREAM));
  }

  /** Starts a new directory. Refuses to replace one (a new seed would orphan the old chain). */
  static create(dir: string, header: StreamHeader, seed: Uint8Array): MeterDir {
    mkdirSync(dir, { recursive: true });
    for (const f of [LOG_STREAM, PRIVATE_STREAM]) {
      if (existsSync(join(dir, f))) throw new MeterproofError('io.exists', `${join(dir, f)} already exists: the meter resumes it (do not pass a new key or meter id)`);
    }
    append(join(dir, PRIVATE_STREAM), [{ v: PRIVATE_VERSION, type: 'meterproof/private-stream', meter: header.meter, unit: header.unit, registers: header.registers, seed: toHex(seed) }], 0o600);
    append(join(dir, LOG_STREAM), [{ v: LOG_VERSION, type: 'meterproof/log-stream', ...header, prev: toHex(GENESIS_PREV) }]);
    return new MeterDir(dir, header, seed, { nextSeq: 0, prev: GENESIS_PREV }, 0);
  }

  /**
   * Opens an existing directory, cutting a torn last line off both files and the readings past the
   * log's last record (see the order of writes above).
   */
  static open(dir: string): MeterDir {
    const logPath = join(dir, LOG_STREAM);
    const privPath = join(dir, PRIVATE_STREAM);
    const log = readLines(logPath);
    if (log.good < log.size) truncateSync(logPath, log.good);
    const h = log.lines[0] as { type?: string; meter: string; meterKey: string; unit: string; registers: string[]; prev: string } | undefined;
    if (h?.type !== 'meterproof/log-stream') throw new MeterproofError('meter.store', `${logPath}: not a meter log stream`);
    const records = log.lines.slice(1) as LogRecord[];
    const last = records[records.length - 1];
    const head: ChainHead = last ? { nextSeq: last.seq + 1, prev: fromHex(last.hash, 32), end: last.start + last.duration } : { nextSeq: 0, prev: fromHex(h.prev, 32) };

    const priv = readLines(privPath);
    const ph = priv.lines[0] as { type?: string; seed: string; meter: string } | undefined;
    if (ph?.type !== 'meterproof/private-stream' || ph.meter !== h.meter) throw new MeterproofError('meter.store', `${privPath}: not the private stream of meter ${h.meter}`);
    // Keep the readings up to the log's last record; cut anything after (and a torn line).
    let keep = priv.good;
    const readings = priv.lines.slice(1) as PrivateReading[];
    if (readings.length > records.length) {
      const text = readFileSync(privPath);
      let at = 0;
      for (let i = 0; i <= records.length; i++) at = text.indexOf(0x0a, at) + 1;
      keep = at;
    }
    if (keep < priv.size) truncateSync(privPath, keep);
    if (readings.length < records.length) throw new MeterproofError('meter.store', `${privPath}: readings are missing for stored records`);
    return new MeterDir(dir, { meter: h.meter, meterKey: h.meterKey, unit: h.unit, registers: h.registers }, fromHex(ph.seed, 32), head, records.length);
  }

  /** Stores a signed batch: readings first, then records (see the order of writes above). */
  append(records: readonly LogRecord[], readings: readonly PrivateReading[], head: ChainHead): void {
    if (records.length === 0) return;
    if (records[0]!.seq !== this.headState.nextSeq) throw new MeterproofError('meter.store', `batch starts at seq ${records[0]!.seq}, the chain continues at ${this.headState.nextSeq}`);
    append(join(this.dir, PRIVATE_STREAM), readings);
    append(join(this.dir, LOG_STREAM), records);
    this.headState = head;
    this.count += records.length;
  }

  /** The highest seq the service acknowledged, or −1. */
  pushed(): number {
    const p = join(this.dir, PUSHED_FILE);
    if (!existsSync(p)) return -1;
    const x = readJson(p, 'push state') as { through?: unknown };
    return typeof x.through === 'number' ? x.through : -1;
  }

  setPushed(through: number): void {
    writeJson(join(this.dir, PUSHED_FILE), { through });
  }

  /** Stored records with seq > after (the unpushed tail), in order. */
  recordsAfter(after: number): LogRecord[] {
    const { lines } = readLines(join(this.dir, LOG_STREAM));
    return (lines.slice(1) as LogRecord[]).filter((r) => r.seq > after);
  }
}

/** True when `dir` holds a meter stream (log.jsonl), rather than log.json / private.json. */
export function isMeterDir(dir: string): boolean {
  try {
    return statSync(dir).isDirectory() && existsSync(join(dir, LOG_STREAM));
  } catch {
    return false;
  }
}

/**
 * The log and private file a meter directory holds so far, as the usual documents (validated by the
 * same schemas as log.json and private.json). The readings are the user's secret: keep them in memory.
 */
export function readMeterDir(dir: string): { log: LogFile; priv: PrivateFile } {
  const logLines = readLines(join(dir, LOG_STREAM)).lines;
  const privLines = readLines(join(dir, PRIVATE_STREAM)).lines;
  const h = logLines[0] as { meter: string; meterKey: string; unit: string; registers: string[]; prev: string };
  const ph = privLines[0] as { seed: string };
  const records = logLines.slice(1).map((r, i) => {
    const p = LogRecordSchema.safeParse(r);
    if (!p.success) throw new MeterproofError('meter.store', `${join(dir, LOG_STREAM)}: record ${i + 1} is malformed`);
    return p.data;
  });
  const n = records.length;
  const readings = privLines.slice(1, 1 + n).map((r, i) => {
    const p = PrivateReadingSchema.safeParse(r);
    if (!p.success) throw new MeterproofError('meter.store', `${join(dir, PRIVATE_STREAM)}: reading ${i + 1} is malformed`);
    return p.data;
  });
  if (n === 0) throw new MeterproofError('meter.store', `${dir}: the meter has stored no records yet`);
  return {
    log: { v: LOG_VERSION, type: 'meterproof/log', meter: h.meter, meterKey: h.meterKey, unit: h.unit, registers: h.registers, prev: h.prev, records },
    priv: { v: PRIVATE_VERSION, type: 'meterproof/private', meter: h.meter, unit: h.unit, registers: h.registers, seed: ph.seed, readings },
  };
}
