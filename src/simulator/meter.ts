/**
 * The simulated meter's signing step and its clock, without I/O (portable).
 *
 * A real meter signs each interval as it closes; here readings come from a file (Green Button, CSV, …)
 * and "close" on a simulated clock: reading i is due once sim-time ≥ start_i + duration_i, with
 *
 *   sim-time = dataStart + (wall − wallStart) · speed        (speed 1 = real time, 3600 = an hour a second)
 *
 * Signing is deterministic: the commitment Com(q, r) takes r = opening(seed, meter, seq, k), the record
 * hash is a function of its fields and Ed25519 signatures are deterministic (RFC 8032). So a meter that
 * crashes after signing a record but before storing it signs the very same record again on restart: the
 * chain cannot fork as long as seed, key and source readings are the same. What decides where the chain
 * continues is the last record stored (its seq, end time and hash), never a counter kept elsewhere.
 */
import { fromHex } from '../core/bytes.js';
import { MeterproofError } from '../core/errors.js';
import type { SecretKey } from '../core/keys.js';
import { isoUtc } from '../core/time.js';
import { buildLog, type LogRecord, type PrivateReading } from '../meter/log.js';
import { readingValues, type Reading } from '../formats/readings.js';

export interface ChainHead {
  /** The seq the next record gets. */
  readonly nextSeq: number;
  /** Hash of the last record (all zero before the first). */
  readonly prev: Uint8Array;
  /** End time (Unix seconds) of the last record; undefined before the first. */
  readonly end?: number;
}

export interface SignedBatch {
  readonly records: LogRecord[];
  readonly readings: PrivateReading[];
  readonly head: ChainHead;
}

export interface MeterIdentity {
  readonly meter: string;
  readonly key: SecretKey;
  readonly seed: Uint8Array;
  readonly unit: string;
  readonly registers: readonly string[];
}

/** Signs `readings` as the records that follow `head`. */
export function signBatch(id: MeterIdentity, head: ChainHead, readings: readonly Reading[]): SignedBatch {
  if (readings.length === 0) return { records: [], readings: [], head };
  if (head.end !== undefined && readings[0]!.start !== head.end) {
    throw new MeterproofError('meter.gap', `the next reading starts at ${isoUtc(readings[0]!.start)}, the chain ends at ${isoUtc(head.end)}`);
  }
  const { log, priv } = buildLog({
    meter: id.meter,
    key: id.key,
    seed: id.seed,
    unit: id.unit,
    registers: id.registers,
    firstSeq: head.nextSeq,
    prev: head.prev,
    intervals: readings.map((r) => ({ start: r.start, duration: r.duration, values: readingValues(r) })),
  });
  const last = log.records[log.records.length - 1]!;
  return {
    records: log.records,
    readings: priv.readings,
    head: { nextSeq: last.seq + 1, prev: fromHex(last.hash, 32), end: last.start + last.duration },
  };
}

/** Index of the source reading that continues the chain (the one starting at head.end); 0 before the first. */
export function resumeIndex(readings: readonly Reading[], head: ChainHead): number {
  if (head.end === undefined) return 0;
  // Readings are sorted and contiguous (the importers check it): binary search by start.
  let lo = 0;
  let hi = readings.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (readings[mid]!.start < head.end) lo = mid + 1;
    else hi = mid;
  }
  if (lo < readings.length && readings[lo]!.start !== head.end) {
    throw new MeterproofError('meter.resume', `the readings file has no interval starting at ${isoUtc(head.end)}, where the stored chain ends: is it the same file?`);
  }
  if (lo === readings.length && readings.length > 0) {
    const last = readings[readings.length - 1]!;
    if (last.start + last.duration !== head.end) {
      throw new MeterproofError('meter.resume', `the stored chain ends at ${isoUtc(head.end)}, after the readings file (${isoUtc(last.start + last.duration)}): is it the same file?`);
    }
  }
  return lo;
}

/** The simulated clock. speed = Infinity: every reading is due at once. */
export class SimClock {
  constructor(
    readonly dataStart: number,
    readonly speed: number,
    readonly wallStart: number = Date.now(),
  ) {
    if (!(speed > 0)) throw new MeterproofError('usage', 'the speed is a positive number (1 = real time)');
  }

  /** Simulated Unix seconds at wall time `wallMs`. */
  now(wallMs: number = Date.now()): number {
    if (this.speed === Infinity) return Infinity;
    return this.dataStart + ((wallMs - this.wallStart) / 1000) * this.speed;
  }

  /** Wall milliseconds until simulated time `t`. */
  wallUntil(t: number, wallMs: number = Date.now()): number {
    if (this.speed === Infinity) return 0;
    return Math.max(0, this.wallStart + ((t - this.dataStart) / this.speed) * 1000 - wallMs);
  }
}

/**
 * The readings from `from` that are due at simulated time `t` (they ended by then), at most `max` of them.
 * Returns the index after the last one.
 */
export function dueUntil(readings: readonly Reading[], from: number, t: number, max: number, end: number = readings.length): number {
  let i = from;
  while (i < end && i - from < max && readings[i]!.start + readings[i]!.duration <= t) i++;
  return i;
}
