/**
 * Building the meter's signed log from readings, and the two files that come out of it:
 *  - log.json (public): the signed, hash-chained records, which the meter may also send the provider;
 *  - private.json (the user's secret): the opening seed and the plaintext readings.
 */
import { z } from 'zod';
import { toHex, utf8 } from '../core/bytes.js';
import { signDigest } from '../core/ed25519.js';
import { MeterproofError } from '../core/errors.js';
import type { SecretKey } from '../core/keys.js';
import { READING_BITS, READING_MAX } from '../core/bounds.js';
import { commitMany } from '../core/pedersen.js';
import { pointsToBytes } from '../core/point.js';
import type { Scalar } from '../core/scalar.js';
import { humanDuration, isoUtc } from '../core/time.js';
import { opening, SEED_BYTES } from './openings.js';
import { GENESIS_PREV, METER_ID_RE, recordHash } from './record.js';

const Hex32 = z.string().regex(/^[0-9a-f]{64}$/, '32 bytes of lowercase hex');
const Hex64 = z.string().regex(/^[0-9a-f]{128}$/, '64 bytes of lowercase hex');
const MeterId = z.string().regex(METER_ID_RE, 'letters, digits and . _ : - (1 to 64)');
const Seconds = z.number().int().safe();

export const LogRecordSchema = z
  .object({
    seq: z.number().int().min(0).safe(),
    start: Seconds,
    duration: z.number().int().min(1).max(0xffffffff),
    commitments: z.array(Hex32).min(1).max(255),
    hash: Hex32,
    signature: Hex64,
  })
  .strict();

export const LogFileSchema = z
  .object({
    v: z.literal(1),
    type: z.literal('meterproof/log'),
    meter: MeterId,
    /** The meter's Ed25519 public key (hex), as the meter states it; verifiers use the key they registered. */
    meterKey: Hex32,
    unit: z.string().min(1).max(16),
    registers: z.array(z.string().min(1).max(64)).min(1).max(255),
    /** Hash of the record before the first one here (all zero for a meter's first record). */
    prev: Hex32,
    records: z.array(LogRecordSchema).min(1),
  })
  .strict();

export const PrivateReadingSchema = z
  .object({
    seq: z.number().int().min(0).safe(),
    start: Seconds,
    duration: z.number().int().min(1).max(0xffffffff),
    values: z.array(z.number().int().min(0).safe()).min(1).max(255),
  })
  .strict();

export const PrivateFileSchema = z
  .object({
    v: z.literal(1),
    type: z.literal('meterproof/private'),
    meter: MeterId,
    unit: z.string().min(1).max(16),
    registers: z.array(z.string().min(1).max(64)).min(1).max(255),
    /** The opening seed shared by meter and user. Secret. */
    seed: Hex32,
    readings: z.array(PrivateReadingSchema).min(1),
  })
  .strict();

export type LogRecord = z.infer<typeof LogRecordSchema>;
export type LogFile = z.infer<typeof LogFileSchema>;
export type PrivateReading = z.infer<typeof PrivateReadingSchema>;
export type PrivateFile = z.infer<typeof PrivateFileSchema>;

export interface MeterInterval {
  readonly start: number;
  readonly duration: number;
  /** One amount per register, integers in the meter's base unit. */
  readonly values: readonly number[];
}

export interface BuildLogOptions {
  readonly meter: string;
  readonly key: SecretKey;
  readonly seed: Uint8Array;
  readonly intervals: readonly MeterInterval[];
  readonly unit?: string;
  readonly registers?: readonly string[];
  readonly firstSeq?: number;
  readonly prev?: Uint8Array;
  /** Called now and then with (done, total), for progress bars. */
  readonly onProgress?: (done: number, total: number) => void;
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

const CHUNK = 256;

/** The meter's work: commit to every register of every interval, chain the records and sign each one. */
export function buildLog(o: BuildLogOptions): { log: LogFile; priv: PrivateFile } {
  if (!METER_ID_RE.test(o.meter)) {
    throw new MeterproofError('meter.invalid', 'meter id: use letters, digits and . _ : - (1 to 64 characters)');
  }
  if (o.key.role !== 'meter') throw new MeterproofError('key.invalid', `a meter key is needed, not a ${o.key.role} key`);
  if (o.seed.length !== SEED_BYTES) throw new MeterproofError('meter.invalid', 'the opening seed is 32 bytes');
  if (o.intervals.length === 0) throw new MeterproofError('meter.invalid', 'no readings to log');
  const registers = o.registers ?? ['import'];
  for (const [i, iv] of o.intervals.entries()) {
    if (iv.values.length !== registers.length) {
      throw new MeterproofError('meter.invalid', `interval ${i} has ${iv.values.length} values for ${registers.length} registers`);
    }
  }
  checkContiguous(o.intervals);

  const meterBytes = utf8(o.meter);
  const firstSeq = o.firstSeq ?? 0;
  let prev = o.prev ?? GENESIS_PREV;
  const records: LogRecord[] = [];
  const readings: PrivateReading[] = [];
  const total = o.intervals.length;
  // Commitments in batches of CHUNK records: one call into the group backend per batch.
  const K = registers.length;
  let encoded: Uint8Array[] = [];
  for (let i = 0; i < total; i++) {
    const iv = o.intervals[i]!;
    const seq = firstSeq + i;
    if (i % CHUNK === 0) {
      const values: number[] = [];
      const blindings: Scalar[] = [];
      for (let j = i; j < Math.min(total, i + CHUNK); j++) {
        for (let k = 0; k < K; k++) {
          values.push(o.intervals[j]!.values[k]!);
          blindings.push(opening(o.seed, o.meter, firstSeq + j, k));
        }
      }
      // Readings are below 2^READING_BITS (core/bounds.ts) for every valid log; a batch with one that is not
      // takes the full-width path (valid or not is for the log's checks to say, not this one).
      const short = values.every((q) => Number.isSafeInteger(q) && q >= 0 && q <= Number(READING_MAX));
      encoded = pointsToBytes(commitMany(values, blindings, short ? READING_BITS : undefined));
    }
    const at = (i % CHUNK) * K;
    const regs = encoded.slice(at, at + K);
    const fields = { meter: o.meter, seq, start: iv.start, duration: iv.duration, registers: regs, prev };
    const hash = recordHash(fields, meterBytes);
    const signature = signDigest('meterproof/v1/record', o.key.secret, hash);
    records.push({ seq, start: iv.start, duration: iv.duration, commitments: regs.map(toHex), hash: toHex(hash), signature: toHex(signature) });
    readings.push({ seq, start: iv.start, duration: iv.duration, values: [...iv.values] });
    prev = hash;
    if (o.onProgress && (i % 256 === 255 || i === total - 1)) o.onProgress(i + 1, total);
  }
  const unit = o.unit ?? 'Wh';
  const base = { v: 1 as const, meter: o.meter, unit, registers: [...registers] };
  return {
    log: { ...base, type: 'meterproof/log', meterKey: toHex(o.key.bytes), prev: toHex(o.prev ?? GENESIS_PREV), records },
    priv: { ...base, type: 'meterproof/private', seed: toHex(o.seed), readings },
  };
}

