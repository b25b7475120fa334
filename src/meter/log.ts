/**
 * Building the meter's signed log from readings, and the two files that come out of it:
 *  - log.json (public): the signed, hash-chained records, which the meter may also send the provider;
 *  - private.json (the user's secret): the opening seed and the plaintext readings.
 *
 * Both state the meter's layout (unit and register names); the log's records sign it (layout.ts).
 * Readings are integers in [0, 2^48) (READING_MAX) and a file holds at most 2^20 records (RECORDS_MAX):
 * the proofs rely on both (docs/design.md, "Records"), so buildLog and the schemas refuse anything else.
 */
import { z } from 'zod';
import { READING_BITS, READING_MAX, RECORDS_MAX } from '../core/bounds.js';
import { toHex, utf8 } from '../core/bytes.js';
import { signDigest } from '../core/ed25519.js';
import { MeterproofError } from '../core/errors.js';
import type { SecretKey } from '../core/keys.js';
import { commitMany } from '../core/pedersen.js';
import { pointsToBytes } from '../core/point.js';
import { humanDuration, isoUtc } from '../core/time.js';
import { checkLayout, layoutDigest, RegisterNamesSchema, UnitSchema } from './layout.js';
import { openingsOf, SEED_BYTES } from './openings.js';
import { GENESIS_PREV, METER_ID_RE, RECORD_VERSION, recordChain } from './record.js';

const Hex32 = z.string().regex(/^[0-9a-f]{64}$/, '32 bytes of lowercase hex');
const Hex64 = z.string().regex(/^[0-9a-f]{128}$/, '64 bytes of lowercase hex');
const MeterId = z.string().regex(METER_ID_RE, 'letters, digits and . _ : - (1 to 64)');
const Seconds = z.number().int().safe();
const Duration = z.number().int().min(1).max(0xffffffff);
/** 2^48 − 1 is a safe integer, so a reading travels as a JSON number. */
const READING_LIMIT = Number(READING_MAX);
const Reading = z
  .number()
  .int('a reading is a whole number')
  .min(0, 'a reading is never negative (a meter that exports records it in a register of its own)')
  .max(READING_LIMIT, `a reading is below 2^${READING_BITS} (at most ${READING_LIMIT})`);
const recordsMax = `at most 2^20 = ${RECORDS_MAX} records in one file (a log continues in the next with firstSeq and prev)`;

/** The version of the log file: that of its records. Version-1 logs did not sign the layout. */
export const LOG_VERSION = RECORD_VERSION;
/** The private file's format did not change when the records' did: it holds readings, not records. */
export const PRIVATE_VERSION = 1;

export const LogRecordSchema = z
  .object({
    seq: z.number().int().min(0).safe(),
    start: Seconds,
    duration: Duration,
    commitments: z.array(Hex32).min(1).max(255),
    hash: Hex32,
    signature: Hex64,
  })
  .strict();

export const LogFileSchema = z
  .object({
    v: z.literal(LOG_VERSION),
    type: z.literal('meterproof/log'),
    meter: MeterId,
    /** The meter's Ed25519 public key (hex), as the meter states it; verifiers use the key they registered. */
    meterKey: Hex32,
    /** The layout every record's hash includes: the unit and the register names, in commitment order. */
    unit: UnitSchema,
    registers: RegisterNamesSchema,
    /** Hash of the record before the first one here (all zero for a meter's first record). */
    prev: Hex32,
    records: z.array(LogRecordSchema).min(1).max(RECORDS_MAX, recordsMax),
  })
  .strict();

export const PrivateReadingSchema = z
  .object({
    seq: z.number().int().min(0).safe(),
    start: Seconds,
    duration: Duration,
    values: z.array(Reading).min(1).max(255),
  })
  .strict();

export const PrivateFileSchema = z
  .object({
    v: z.literal(PRIVATE_VERSION),
    type: z.literal('meterproof/private'),
    meter: MeterId,
    unit: UnitSchema,
    registers: RegisterNamesSchema,
    /** The opening seed shared by meter and user. Secret. */
    seed: Hex32,
    readings: z.array(PrivateReadingSchema).min(1).max(RECORDS_MAX, recordsMax),
  })
  .strict();

export type LogRecord = z.infer<typeof LogRecordSchema>;
export type LogFile = z.infer<typeof LogFileSchema>;
export type PrivateReading = z.infer<typeof PrivateReadingSchema>;
export type PrivateFile = z.infer<typeof PrivateFileSchema>;

export interface MeterInterval {
  readonly start: number;
  readonly duration: number;
  /** One amount per register, integers in [0, 2^48) in the meter's base unit. */
  readonly values: readonly number[];
}

export interface BuildLogOptions {
  readonly meter: string;
  readonly key: SecretKey;
  readonly seed: Uint8Array;
  readonly intervals: readonly MeterInterval[];
  /** The unit every register counts in; default Wh. Signed, with the register names, by every record. */
  readonly unit?: string;
  /** The register names, in the order of each interval's values; default ['import']. */
  readonly registers?: readonly string[];
  readonly firstSeq?: number;
  readonly prev?: Uint8Array;
  /** Called now and then with (done, total), for progress bars. */
  readonly onProgress?: (done: number, total: number) => void;
}

function parseFile<T>(schema: z.ZodType<T>, x: unknown, what: string, type: string, version: number, why: string): T {
  if (typeof x === 'object' && x !== null && (x as { type?: unknown }).type === type && 'v' in x && (x as { v: unknown }).v !== version) {
    const v = JSON.stringify((x as { v: unknown }).v);
    throw new MeterproofError('unsupported.version', `${what}: version ${v} is not supported (this meterproof reads version ${version})${why}`);
  }
  const r = schema.safeParse(x);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new MeterproofError('input.invalid', `${what}: ${i.path.join('.') || '(top)'}: ${i.message}`);
  }
  return r.data;
}

/**
 * Fast paths for the two large files. A month's log is 1,440 records, and zod takes about as long to
 * check them as the bill takes to prove, so the record arrays are checked here by hand first: exactly the
 * conditions of LogRecordSchema / PrivateReadingSchema (strict keys, safe integers, lowercase hex of the
 * right length, the list bounds), the small header fields through the schemas themselves. On success the
 * result is a fresh copy, as zod's parse gives; on any doubt they return undefined and zod parses, so
 * errors keep zod's messages. test/meter/log-fast.test.ts checks that they accept nothing the schemas
 * refuse and return what the schemas return.
 */
const own = Object.prototype.hasOwnProperty;
function hasExactly(x: unknown, keys: readonly string[]): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  if (Object.keys(x).length !== keys.length) return false;
  for (const k of keys) if (!own.call(x, k)) return false;
  return true;
}
const HEX_RE: Record<number, RegExp> = { 64: /^[0-9a-f]{64}$/, 128: /^[0-9a-f]{128}$/ };
function isLowerHex(s: unknown, chars: 64 | 128): s is string {
  return typeof s === 'string' && s.length === chars && HEX_RE[chars]!.test(s);
}
const isSafeNat = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isDuration = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 0xffffffff;
const isReading = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= READING_LIMIT;
const LOG_KEYS = ['v', 'type', 'meter', 'meterKey', 'unit', 'registers', 'prev', 'records'] as const;
const RECORD_KEYS = ['seq', 'start', 'duration', 'commitments', 'hash', 'signature'] as const;
const PRIVATE_KEYS = ['v', 'type', 'meter', 'unit', 'registers', 'seed', 'readings'] as const;
const READING_KEYS = ['seq', 'start', 'duration', 'values'] as const;

function fastHeader(x: Record<string, unknown>): { meter: string; unit: string; registers: string[] } | undefined {
  if (typeof x.meter !== 'string' || !METER_ID_RE.test(x.meter)) return undefined;
  const unit = UnitSchema.safeParse(x.unit);
  const registers = RegisterNamesSchema.safeParse(x.registers);
  if (!unit.success || !registers.success) return undefined;
  return { meter: x.meter, unit: unit.data, registers: registers.data };
}

function fastList<T>(xs: unknown, each: (x: unknown) => T | undefined): T[] | undefined {
  if (!Array.isArray(xs) || xs.length < 1 || xs.length > RECORDS_MAX) return undefined;
  const out = new Array<T>(xs.length);
  for (let i = 0; i < xs.length; i++) {
    const v = each(xs[i]);
    if (v === undefined) return undefined;
    out[i] = v;
  }
  return out;
}

/** LogFileSchema's parse of `x` when it is valid (see above); undefined means "ask zod". */
export function fastLogFile(x: unknown): LogFile | undefined {
  if (!hasExactly(x, LOG_KEYS) || x.v !== LOG_VERSION || x.type !== 'meterproof/log' || !isLowerHex(x.meterKey, 64) || !isLowerHex(x.prev, 64)) return undefined;
  const header = fastHeader(x);
  if (!header) return undefined;
  const records = fastList(x.records, (r): LogRecord | undefined => {
    if (!hasExactly(r, RECORD_KEYS) || !isSafeNat(r.seq) || !Number.isSafeInteger(r.start) || !isDuration(r.duration)) return undefined;
    if (!isLowerHex(r.hash, 64) || !isLowerHex(r.signature, 128)) return undefined;
    const cs = r.commitments;
    if (!Array.isArray(cs) || cs.length < 1 || cs.length > 255) return undefined;
    for (const c of cs) if (!isLowerHex(c, 64)) return undefined;
    return { seq: r.seq, start: r.start as number, duration: r.duration, commitments: [...(cs as string[])], hash: r.hash, signature: r.signature };
  });
  if (!records) return undefined;
  return { v: LOG_VERSION, type: 'meterproof/log', ...header, meterKey: x.meterKey, prev: x.prev, records };
}

/** PrivateFileSchema's parse of `x` when it is valid; undefined means "ask zod". */
export function fastPrivateFile(x: unknown): PrivateFile | undefined {
  if (!hasExactly(x, PRIVATE_KEYS) || x.v !== PRIVATE_VERSION || x.type !== 'meterproof/private' || !isLowerHex(x.seed, 64)) return undefined;
  const header = fastHeader(x);
  if (!header) return undefined;
  const readings = fastList(x.readings, (r): PrivateReading | undefined => {
    if (!hasExactly(r, READING_KEYS) || !isSafeNat(r.seq) || !Number.isSafeInteger(r.start) || !isDuration(r.duration)) return undefined;
    const vs = r.values;
    if (!Array.isArray(vs) || vs.length < 1 || vs.length > 255) return undefined;
    for (const v of vs) if (!isReading(v)) return undefined;
    return { seq: r.seq, start: r.start as number, duration: r.duration, values: [...(vs as number[])] };
  });
  if (!readings) return undefined;
  return { v: PRIVATE_VERSION, type: 'meterproof/private', ...header, seed: x.seed, readings };
}

/**
 * Validates a meter log. A log of another version fails with 'unsupported.version' by name: version-1
 * logs do not sign their unit and register names, so their records cannot be billed or disclosed.
 */
export function parseLogFile(x: unknown, what = 'meter log'): LogFile {
  return fastLogFile(x) ?? parseFile(LogFileSchema, x, what, 'meterproof/log', LOG_VERSION, (x as { v?: unknown } | null)?.v === 1
    ? '; version-1 logs do not sign the unit and register names: import the readings again with `meterproof meter import` (a new log and private file)'
    : '');
}

export function parsePrivateFile(x: unknown, what = 'private file'): PrivateFile {
  return fastPrivateFile(x) ?? parseFile(PrivateFileSchema, x, what, 'meterproof/private', PRIVATE_VERSION, '');
}

/** Fails with `meter.gap` / `meter.overlap` naming the first discontinuity: a gap is never filled. */
export function checkContiguous(intervals: readonly { start: number; duration: number }[]): void {
  for (let i = 1; i < intervals.length; i++) {
    const end = intervals[i - 1]!.start + intervals[i - 1]!.duration;
    const next = intervals[i]!.start;
    if (next > end) {
      throw new MeterproofError(
        'meter.gap',
        `gap in readings: no data from ${isoUtc(end)} to ${isoUtc(next)} (${humanDuration(next - end)}); the meter never fills a gap`,
      );
    }
    if (next < end) {
      throw new MeterproofError('meter.overlap', `readings overlap: an interval starts at ${isoUtc(next)}, before the previous one ends at ${isoUtc(end)}`);
    }
  }
}

const invalid = (message: string): never => {
  throw new MeterproofError('meter.invalid', message);
};

/** What is wrong with a reading, in words, or undefined when it is an integer in [0, 2^48). */
function readingFault(q: unknown, unit: string): string | undefined {
  if (typeof q !== 'number') return `${typeof q === 'bigint' ? `${q}n (a bigint)` : JSON.stringify(q) ?? String(q)} is not a number: readings are integers from 0 to ${READING_LIMIT} ${unit}`;
  if (Number.isNaN(q)) return `NaN is not a reading: readings are integers from 0 to ${READING_LIMIT} ${unit}`;
  if (q < 0) return `${q} is negative: a register counts up from 0 (a meter that exports records it in a register of its own, e.g. import and export)`;
  if (q > READING_LIMIT) return `${q} is too large: a reading is at most 2^${READING_BITS} − 1 = ${READING_LIMIT} ${unit}`;
  if (!Number.isInteger(q)) return `${q} is not a whole number: readings are integers in the meter's base unit (${unit})`;
  return undefined;
}

/** Checks every input of buildLog, as the log schema would, with messages that name the interval and register. */
function checkIntervals(o: BuildLogOptions, unit: string, registers: readonly string[], firstSeq: number): void {
  const n = o.intervals.length;
  if (n === 0) invalid('no readings to log');
  if (n > RECORDS_MAX) invalid(`${n} intervals: ${recordsMax}`);
  if (!Number.isSafeInteger(firstSeq) || firstSeq < 0 || !Number.isSafeInteger(firstSeq + n)) invalid(`firstSeq ${firstSeq}: a sequence number is a non-negative safe integer`);
  for (let i = 0; i < n; i++) {
    const iv = o.intervals[i]!;
    const at = () => `interval ${i} (seq ${firstSeq + i}${Number.isSafeInteger(iv?.start) ? `, ${isoUtc(iv.start)}` : ''})`;
    if (typeof iv !== 'object' || iv === null) invalid(`${at()} is not an interval { start, duration, values }`);
    if (!Number.isSafeInteger(iv.start)) invalid(`${at()}: start ${String(iv.start)} is not a whole number of Unix seconds`);
    if (!Number.isInteger(iv.duration) || iv.duration < 1 || iv.duration > 0xffffffff) invalid(`${at()}: duration ${String(iv.duration)} is not a whole number of seconds from 1 to 2^32 − 1`);
    if (!Number.isSafeInteger(iv.start + iv.duration)) invalid(`${at()}: it ends after the last safe Unix second`);
    if (!Array.isArray(iv.values) || iv.values.length !== registers.length) {
      invalid(`${at()} has ${Array.isArray(iv.values) ? iv.values.length : 'no'} values for ${registers.length} register${registers.length === 1 ? '' : 's'} (${registers.join(', ')})`);
    }
    for (let k = 0; k < registers.length; k++) {
      const fault = readingFault(iv.values[k], unit);
      if (fault !== undefined) invalid(`${at()}, register ${registers[k]}: ${fault}`);
    }
  }
}

const CHUNK = 256;

/** The meter's work: commit to every register of every interval, chain the records and sign each one. */
export function buildLog(o: BuildLogOptions): { log: LogFile; priv: PrivateFile } {
  if (typeof o.meter !== 'string' || !METER_ID_RE.test(o.meter)) {
    throw new MeterproofError('meter.invalid', 'meter id: use letters, digits and . _ : - (1 to 64 characters)');
  }
  if (o.key?.role !== 'meter') throw new MeterproofError('key.invalid', `a meter key is needed, not a ${o.key?.role ?? 'missing'} key`);
  if (!(o.seed instanceof Uint8Array) || o.seed.length !== SEED_BYTES) throw new MeterproofError('meter.invalid', 'the opening seed is 32 bytes');
  if (o.prev !== undefined && (!(o.prev instanceof Uint8Array) || o.prev.length !== 32)) invalid('prev: the hash of the record before is 32 bytes');
  if (!Array.isArray(o.intervals)) invalid('intervals: a list of { start, duration, values }');
  const layout = checkLayout({ unit: o.unit ?? 'Wh', registers: o.registers ?? ['import'] });
  const { unit, registers } = layout;
  const firstSeq = o.firstSeq ?? 0;
  checkIntervals(o, unit, registers, firstSeq);
  checkContiguous(o.intervals);

  const meterBytes = utf8(o.meter);
  const L = layoutDigest(layout);
  let prev = o.prev ?? GENESIS_PREV;
  const records: LogRecord[] = [];
  const readings: PrivateReading[] = [];
  const total = o.intervals.length;
  // Commitments in batches of CHUNK records: one call into the group backend per batch. Every reading
  // was checked to lie in [0, 2^48) above, so the backend may take the 48-bit path for the values.
  const K = registers.length;
  for (let i = 0; i < total; i += CHUNK) {
    const end = Math.min(total, i + CHUNK);
    const seqs: number[] = [];
    const values: number[] = [];
    for (let j = i; j < end; j++) {
      seqs.push(firstSeq + j);
      for (let k = 0; k < K; k++) values.push(o.intervals[j]!.values[k]!);
    }
    const encoded = pointsToBytes(commitMany(values, openingsOf(o.seed, o.meter, seqs, K), READING_BITS));
    const chunk = seqs.map((seq, j) => {
      const iv = o.intervals[i + j]!;
      return { seq, start: iv.start, duration: iv.duration, commitments: encoded.slice(j * K, (j + 1) * K) };
    });
    const hashes = recordChain(meterBytes, L, chunk, K, prev);
    chunk.forEach((r, j) => {
      const hash = hashes.subarray(32 * j, 32 * j + 32);
      const signature = signDigest('meterproof/v1/record', o.key.secret, hash);
      records.push({ seq: r.seq, start: r.start, duration: r.duration, commitments: r.commitments.map(toHex), hash: toHex(hash), signature: toHex(signature) });
      readings.push({ seq: r.seq, start: r.start, duration: r.duration, values: [...o.intervals[i + j]!.values] });
    });
    prev = hashes.slice(hashes.length - 32);
    o.onProgress?.(end, total);
  }
  const base = { meter: o.meter, unit, registers: [...registers] };
  return {
    log: { v: LOG_VERSION, type: 'meterproof/log', ...base, meterKey: toHex(o.key.bytes), prev: toHex(o.prev ?? GENESIS_PREV), records },
    priv: { v: PRIVATE_VERSION, type: 'meterproof/private', ...base, seed: toHex(o.seed), readings },
  };
}
