/**
 * The prover's side of a run of log records (bills and disclosures alike): check that the run the user is
 * about to prove over is the signed one, that the private file matches it, and hand out the witness.
 *
 *   chain:    contiguous seq and time, h_i = recordHash(L, record_i, h_{i−1}) equals the stored hash, with
 *             L the digest of the log's unit and register names, one commitment per register;
 *   readings: the private file has the log's layout, and a private reading for every record, with its
 *             start, duration and register count;
 *   seed:     Com(q, opening(seed, meter, seq, k)) = C for the first and last record (a spot check: a wrong
 *             private file fails here, clearly, instead of as a proof the recipient rejects).
 *
 * Throws MeterproofError 'log.chain' or 'input.invalid'; messages name records, never a value or opening.
 */
import { equalBytes, fromHex, hexInto } from '../core/bytes.js';
import { MeterproofError } from '../core/errors.js';
import { commit } from '../core/pedersen.js';
import type { Scalar } from '../core/scalar.js';
import { isoUtc } from '../core/time.js';
import { layoutDigest, type RegisterLayout } from './layout.js';
import type { LogRecord, PrivateFile } from './log.js';
import { opening, openingsOf } from './openings.js';
import { recordChain } from './record.js';

export interface RunWitness {
  /** Reading of register k of the run's record i. */
  value(i: number, k: number): bigint;
  /** Its opening, derived from the seed once. */
  blinding(i: number, k: number): Scalar;
}

/** `log` is the validated log's header: its meter id and layout. */
export function runWitness(log: RegisterLayout & { readonly meter: string }, run: readonly LogRecord[], prev: Uint8Array, priv: PrivateFile): RunWitness {
  const { meter } = log;
  const registers = log.registers.length;
  if (priv.meter !== meter) throw new MeterproofError('input.invalid', `the private file is for meter ${priv.meter}, the log for meter ${meter}`);
  if (priv.unit !== log.unit || priv.registers.length !== registers || priv.registers.some((r, k) => r !== log.registers[k])) {
    throw new MeterproofError('input.invalid', `the private file has registers [${priv.registers.join(', ')}] in ${priv.unit}, the log [${log.registers.join(', ')}] in ${log.unit}: they do not belong together`);
  }
  const layout = layoutDigest(log);
  run.forEach((r, i) => {
    const p = run[i - 1];
    if (p && (r.seq !== p.seq + 1 || r.start !== p.start + p.duration)) throw new MeterproofError('log.chain', `the meter log is not contiguous at record ${r.seq} (${isoUtc(r.start)})`);
    if (r.commitments.length !== registers) throw new MeterproofError('log.chain', `record ${r.seq} does not commit to every register`);
  });
  // The whole chain in one pass (record.ts): h_i from h_{i−1}, each compared with the stored hash.
  const hashes = recordChain(meter, layout, run, registers, prev);
  const stored = new Uint8Array(32);
  run.forEach((r, i) => {
    if (!hexInto(r.hash, 32, stored, 0) || !equalBytes(hashes.subarray(32 * i, 32 * i + 32), stored)) {
      throw new MeterproofError('log.chain', `the meter log is corrupt: record ${r.seq} (${isoUtc(r.start)}) does not match its hash (a record, a commitment, the log's unit or its register names were changed)`);
    }
  });

  const readingBySeq = new Map(priv.readings.map((r) => [r.seq, r]));
  const seed = fromHex(priv.seed);
  const values = run.map((r) => {
    const p = readingBySeq.get(r.seq);
    if (!p || p.start !== r.start || p.duration !== r.duration || p.values.length !== r.commitments.length) {
      throw new MeterproofError('input.invalid', `the private file has no reading matching log record ${r.seq} (${isoUtc(r.start)})`);
    }
    return p.values;
  });
  for (const i of new Set([0, run.length - 1])) {
    const r = run[i]!;
    r.commitments.forEach((c, k) => {
      if (!equalBytes(commit(values[i]![k]!, opening(seed, meter, r.seq, k)).toBytes(), fromHex(c))) {
        throw new MeterproofError('input.invalid', `the private file does not open log record ${r.seq}: wrong seed or readings for this meter`);
      }
    });
  }

  // Every opening of the run at the first request, in one batch: a bill or disclosure uses them all.
  let openings: Scalar[] | undefined;
  return {
    value: (i, k) => BigInt(values[i]![k]!),
    blinding: (i, k) => (openings ??= openingsOf(seed, meter, run.map((r) => r.seq), registers))[i * registers + k]!,
  };
}
