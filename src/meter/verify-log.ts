/**
 * Checks a meter log on its own, as a provider does when a meter's log arrives (before any bill): the
 * schema and version, that the meter key it states is the registered one, every record's sequence and
 * time continuity, that every commitment is a canonical ristretto255 point, that each record's hash is
 * the chain hash H(layout, seq, start, duration, commitments, prev), and that every record's signature
 * is the meter's. Never throws: returns the first fault by a stable reason, or what the log covers.
 */
import { equalBytes, fromHex, toHex } from '../core/bytes.js';
import { verifyDigest } from '../core/ed25519.js';
import { MeterproofError } from '../core/errors.js';
import type { PublicKey } from '../core/keys.js';
import { pointsFromBytes } from '../core/point.js';
import { isoUtc } from '../core/time.js';
import { layoutDigest } from './layout.js';
import { parseLogFile } from './log.js';
import { recordChain } from './record.js';
import { checkContinuity, type RecordTupleLike } from './run.js';

export type LogRejectReason =
  | 'malformed.json'
  | 'malformed.schema'
  | 'unsupported.version'
  | 'meter.key'
  | 'records.duplicate'
  | 'records.order'
  | 'records.gap'
  | 'records.overlap'
  | 'encoding.point'
  | 'chain.hash'
  | 'meter.signature';

export type LogVerifyResult =
  | {
      readonly ok: true;
      readonly meter: string;
      readonly unit: string;
      readonly registers: readonly string[];
      readonly records: number;
      readonly firstSeq: number;
      readonly from: string;
      readonly to: string;
      readonly lastHash: string;
    }
  | { readonly ok: false; readonly reason: LogRejectReason; readonly detail: string };

export function verifyLog(input: string | unknown, meterKey: PublicKey): LogVerifyResult {
  let json: unknown = input;
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input.replace(/^\uFEFF/, ''));
    } catch {
      return { ok: false, reason: 'malformed.json', detail: 'the log is not valid JSON' };
    }
  }
  let log;
  try {
    log = parseLogFile(json, 'log');
  } catch (e) {
    const code = e instanceof MeterproofError ? e.code : '';
    return { ok: false, reason: code === 'unsupported.version' ? 'unsupported.version' : 'malformed.schema', detail: (e as Error).message };
  }
  if (meterKey.role !== 'meter') return { ok: false, reason: 'meter.key', detail: `the key given is a ${meterKey.role} key, not a meter key` };
  if (!equalBytes(fromHex(log.meterKey, 32), meterKey.bytes)) {
    return { ok: false, reason: 'meter.key', detail: `the log states meter key ${log.meterKey.slice(0, 16)}…, not the registered meter key ${toHex(meterKey.bytes).slice(0, 16)}… (${meterKey.kid})` };
  }
  const items: RecordTupleLike[] = log.records.map((r) => [r.seq, r.start, r.duration, ...r.commitments] as RecordTupleLike);
  const run = checkContinuity(items);
  if (run) return { ok: false, reason: run.reason, detail: run.detail };
  const n = log.registers.length;
  const bad = log.records.find((r) => r.commitments.length !== n);
  if (bad) return { ok: false, reason: 'malformed.schema', detail: `record ${bad.seq} has ${bad.commitments.length} commitments for ${n} registers` };
  try {
    pointsFromBytes(log.records.flatMap((r) => r.commitments.map((c) => fromHex(c, 32))));
  } catch {
    return { ok: false, reason: 'encoding.point', detail: 'a commitment is not a canonical ristretto255 point' };
  }
  const layout = layoutDigest({ unit: log.unit, registers: log.registers });
  // Every h_i from h_{i−1} in one pass (record.ts), then each compared with the stated hash and its signature.
  const hashes = recordChain(log.meter, layout, log.records, n, fromHex(log.prev, 32));
  for (const [i, r] of log.records.entries()) {
    const h = hashes.subarray(32 * i, 32 * i + 32);
    if (toHex(h) !== r.hash) {
      return { ok: false, reason: 'chain.hash', detail: `record ${r.seq} (${isoUtc(r.start)}) does not hash to its stated hash: it, its commitments, the unit, a register name or the record before it was changed` };
    }
    if (!verifyDigest('meterproof/v1/record', meterKey.bytes, h, fromHex(r.signature, 64))) {
      return { ok: false, reason: 'meter.signature', detail: `record ${r.seq} (${isoUtc(r.start)}) is not signed by the meter's key` };
    }
  }
  const first = log.records[0]!;
  const last = log.records[log.records.length - 1]!;
  return {
    ok: true,
    meter: log.meter,
    unit: log.unit,
    registers: log.registers,
    records: log.records.length,
    firstSeq: first.seq,
    from: isoUtc(first.start),
    to: isoUtc(last.start + last.duration),
    lastHash: last.hash,
  };
}
