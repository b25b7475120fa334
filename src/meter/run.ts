/**
 * Checking a run of signed records, as a bill or a disclosure carries it: the layout (unit and register
 * names), [seq, start, duration, C…] tuples, the hash before the first (`prev`), the last hash and the
 * meter's signature on it.
 *
 *   continuity: seq_i = seq_{i−1} + 1 and start_i = start_{i−1} + duration_{i−1} for every i;
 *   chain:      L = layoutDigest(unit, names), h_i = recordHash(meter, L, seq_i, start_i, duration_i, C_i,
 *               h_{i−1}), h_last = lastHash, and Ed25519-verify(meterKey, "meterproof/v1/record", h_last,
 *               lastSignature). So the signature authenticates the layout as it does every commitment.
 *
 * Both return a failure with the verifiers' shared reason codes, or null / the decoded commitment bytes;
 * neither throws on well-typed input (the callers' schemas have checked the hex).
 */
import { fromHex, toHex } from '../core/bytes.js';
import { verifyDigest } from '../core/ed25519.js';
import { isoUtc } from '../core/time.js';
import { layoutDigest, type RegisterLayout } from './layout.js';
import { recordChain } from './record.js';

/** [seq, start, duration, commitment hex per register…] */
export type RecordTupleLike = readonly [number, number, number, ...string[]];

export interface RunFailure {
  readonly reason: 'records.duplicate' | 'records.order' | 'records.gap' | 'records.overlap' | 'chain.hash' | 'meter.signature';
  readonly detail: string;
}

/** Names what is wrong with a run of sequence numbers that is not consecutive: doubled, reordered or missing. */
function seqBreak(seqs: readonly number[], pseq: number, seq: number): RunFailure {
  const seen = new Set<number>();
  for (const s of seqs) {
    if (seen.has(s)) return { reason: 'records.duplicate', detail: `record ${s} appears twice` };
    seen.add(s);
  }
  // A loop, not Math.min(...seqs): spreading 200,000 arguments overflows the stack.
  let lo = Infinity;
  for (const s of seqs) if (s < lo) lo = s;
  const isPermutation = seqs.every((s) => s - lo < seqs.length);
  if (isPermutation || seq < pseq) return { reason: 'records.order', detail: `record ${seq} comes after record ${pseq}: the records are out of order` };
  return { reason: 'records.gap', detail: `records ${pseq + 1} to ${seq - 1} are missing` };
}

/** Consecutive sequence numbers, each record starting where the one before ended; null when it holds. */
export function checkContinuity(items: readonly RecordTupleLike[]): RunFailure | null {
  for (let i = 1; i < items.length; i++) {
    const [seq, start] = items[i]!;
    const [pseq, pstart, pdur] = items[i - 1]!;
    if (seq !== pseq + 1) return seqBreak(items.map((it) => it[0]), pseq, seq);
    const pend = pstart + pdur;
    if (start > pend) return { reason: 'records.gap', detail: `no record covers ${isoUtc(pend)} to ${isoUtc(start)}` };
    if (start < pend) return { reason: 'records.overlap', detail: `record ${seq} starts at ${isoUtc(start)}, before record ${pseq} ends` };
  }
  return null;
}

export interface SignedRun {
  readonly meter: string;
  /** The unit and register names the run carries (validated by the caller's schema). */
  readonly layout: RegisterLayout;
  readonly items: readonly RecordTupleLike[];
  /** Hex: the hash before the first record, the last hash, the meter's signature on it. */
  readonly prev: string;
  readonly lastHash: string;
  readonly lastSignature: string;
}

/** The hash chain and the meter's signature on its end: the records' commitment bytes, or a failure. */
export function checkChain(run: SignedRun, meterKey: Uint8Array): { commitments: Uint8Array[][] } | RunFailure {
  const layout = layoutDigest(run.layout);
  const commitments = run.items.map((it) => (it.slice(3) as string[]).map((c) => fromHex(c, 32)));
  const registers = commitments[0]?.length ?? 0;
  const mismatch: RunFailure = { reason: 'chain.hash', detail: 'the records do not hash to the signed last hash: a record, a commitment, the unit or a register name was changed' };
  // A run whose records differ in register count cannot be the meter's (every record hashes its count).
  if (registers < 1 || registers > 255 || commitments.some((c) => c.length !== registers)) return mismatch;
  // The whole chain in one pass (record.ts): h_i from h_{i−1}, the last compared with the signed one.
  const hashes = recordChain(run.meter, layout, run.items.map(([seq, start, duration], i) => ({ seq, start, duration, commitments: commitments[i]! })), registers, fromHex(run.prev, 32));
  const h = hashes.subarray(hashes.length - 32);
  if (toHex(h) !== run.lastHash) return mismatch;
  if (!verifyDigest('meterproof/v1/record', meterKey, h, fromHex(run.lastSignature, 64))) {
    return { reason: 'meter.signature', detail: 'the last record is not signed by this meter\'s key' };
  }
  return { commitments };
}
