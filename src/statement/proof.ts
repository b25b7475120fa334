/**
 * Proving and verifying a Statement's constraints, after the caller has bound the public statement to
 * the transcript. Order (both sides): the auxiliary commitments are appended, then every sub-proof is
 * made on a fork of the transcript labelled with its kind and index (range proofs: on a transcript
 * seeded by a challenge drawn at that point, so a range job is plain data that can run in another
 * thread), so each is bound to the whole statement and all commitments, and the verifier can check
 * them in batches:
 *   - range constraints, grouped by bit size n (ascending): one aggregated range proof per group when
 *     its n·m' fits RANGE_CHUNK_BITS, else chunks of RANGE_SPLIT_BITS, all verified in one batch;
 *   - zero-or constraints, one CDS OR proof each, and product proofs, each kind verified in one batch.
 * The prover's randomness: the auxiliary blindings and each range job's rng key come from one witness
 * rng (core/transcript.ts) over the statement, the whole witness (every record value and opening, every
 * auxiliary value) and fresh bytes, each under its own label and index; every sub-proof draws its nonces
 * from its own witness rng. Nothing is taken from the caller's rng directly.
 */
import { concatBytes, fromHex, toHex, uintLE } from '../core/bytes.js';
import { MeterproofError } from '../core/errors.js';
import { commit } from '../core/pedersen.js';
import { pointsFromBytes, type Point } from '../core/point.js';
import { keyedRng, type Rng } from '../core/rng.js';
import { scalar, scalarFromBytes, scalarToBytes, sub as ssub, mul as smul } from '../core/scalar.js';
import { Transcript } from '../core/transcript.js';
import { EquationBatch } from '../proofs/batch.js';
import { batchOr, decodeOr, decodeOrMany, encodeOr, proveOr } from '../proofs/or.js';
import { batchProduct, decodeProduct, encodeProduct, proveProduct } from '../proofs/product.js';
import { decodeRangeProof, encodeRangeProof, paddedCount, proveRange, proveRangeAsync, verifyRangeBatch, type MsmExecutor, type RangeBits, type RangeProofItem } from '../proofs/rangeproof/index.js';
import { exprPoint, type Expr } from './expr.js';
import type { Statement } from './system.js';

/**
 * Most bits per aggregated range proof (n·m', padding included): 3·2^14 = 49,152, so that a month of
 * quarter-hourly demand (2,880 values of 16 bits, padded to 3,072) is one proof of 1.3 KB. It bounds the
 * generators every party needs (2·RANGE_CHUNK_BITS; the Node edge caches them on disk).
 */
export const RANGE_CHUNK_BITS = 3 * 2 ** 14;

/**
 * A group of range constraints too large for one proof is cut into proofs of at most this many bits:
 * small proofs batch-verify cheaply (they share their generators), spread evenly over worker threads, and
 * cost less per bit to make than a few huge ones (measured: 3 blocks × 1,440 readings prove in 57 s on 2
 * cores as 23 proofs of 4,096 bits, in 92 s as 2 of 49,152). Size grows by ≈ 1 KB per proof, which only
 * matters for the one-proof case above.
 */
export const RANGE_SPLIT_BITS = 4096;

export interface ConstraintProofs {
  /** Auxiliary commitments, hex. */
  aux: string[];
  /** Aggregated range proofs, in group-then-chunk order, hex. */
  range: string[];
  or: string[];
  product: string[];
}

export type ConstraintFailure = { reason: 'encoding.point' | 'encoding.scalar' | 'malformed.schema' | 'proof.range' | 'proof.or' | 'proof.product'; detail: string };

interface RangeChunk {
  readonly n: RangeBits;
  readonly indices: number[];
}

/**
 * Range constraints grouped by n, ascending, and cut into chunks: the same on both sides, and a function
 * of the statement alone (public data), so the proofs' number and sizes reveal nothing hidden.
 */
function rangeChunks(st: Statement): RangeChunk[] {
  const byBits = new Map<RangeBits, number[]>();
  st.ranges.forEach((r, i) => {
    const list = byBits.get(r.n) ?? [];
    list.push(i);
    byBits.set(r.n, list);
  });
  const chunks: RangeChunk[] = [];
  for (const n of [...byBits.keys()].sort((a, b) => a - b)) {
    const all = byBits.get(n)!;
    // The most values one proof may hold: the largest m with n·paddedCount(m) ≤ the cap. One proof if
    // the whole group fits in RANGE_CHUNK_BITS, else chunks of RANGE_SPLIT_BITS.
    const single = RANGE_CHUNK_BITS / n;
    const cap = all.length <= single ? single : Math.max(1, RANGE_SPLIT_BITS / n);
    // Even chunks: the same number of proofs, less padding than filling each to the cap.
    const count = Math.ceil(all.length / cap);
    const size = Math.ceil(all.length / count);
    for (let c = 0; c < count; c++) chunks.push({ n, indices: all.slice(c * size, (c + 1) * size) });
  }
  return chunks;
}

/**
 * How many generators of each vector (𝐆, 𝐇) the statement's range proofs need: n·m' for the largest
 * chunk (m' the padded count). A function of the statement alone, so a verifier can load or derive them
 * before it verifies, whatever a bill claims.
 */
export function rangeGeneratorCount(st: Statement): number {
  return rangeChunks(st).reduce((most, ch) => Math.max(most, ch.n * paddedCount(ch.indices.length)), 0);
}

/**
 * One aggregated range proof to make, as plain data, so it can run in another thread or process. Its
 * transcript starts from `seed`, a challenge drawn from the bill's transcript after the statement and
 * every auxiliary commitment were absorbed, so the proof is bound to all of them. Its nonces come from
 * `rngKey`, drawn from the bill's witness rng: a job carries no weaker randomness than the thread that
 * made it, and the proof's bytes do not depend on where it runs.
 */
export interface RangeJob {
  readonly seed: string;
  readonly chunk: number;
  readonly n: RangeBits;
  /** Values as decimal strings, blindings and the rng key (32 bytes) as hex: secrets, for the prover's own threads only. */
  readonly values: readonly string[];
  readonly blindings: readonly string[];
  readonly rngKey: string;
}

function chunkTranscript(seed: Uint8Array, chunk: number, n: number, rng?: Rng): Transcript {
  const t = new Transcript('meterproof/v1/range-chunk', rng);
  t.appendBytes('statement', seed);
  t.appendU64('chunk', chunk);
  t.appendU64('n', n);
  return t;
}

/** The job's transcript, its rng expanding the job's key (the range prover rekeys from it once). */
function jobTranscript(job: RangeJob): Transcript {
  return chunkTranscript(fromHex(job.seed, 32), job.chunk, job.n, keyedRng(fromHex(job.rngKey, 32)));
}

/** Makes the range proof a job describes (hex). Pure: safe to call in a worker thread. */
export function proveRangeJob(job: RangeJob): string {
  const t = jobTranscript(job);
  const values = job.values.map((v) => BigInt(v));
  const blindings = job.blindings.map((b) => scalarFromBytes(fromHex(b, 32)));
  return toHex(encodeRangeProof(proveRange(t, values, blindings, job.n).proof));
}

/** The same proof, its multi-scalar multiplications computed by `exec` (one large job spread over threads). */
export async function proveRangeJobAsync(job: RangeJob, exec: MsmExecutor): Promise<string> {
  const t = jobTranscript(job);
  const values = job.values.map((v) => BigInt(v));
  const blindings = job.blindings.map((b) => scalarFromBytes(fromHex(b, 32)));
  return toHex(encodeRangeProof((await proveRangeAsync(t, values, blindings, job.n, exec)).proof));
}

/**
 * The witness, for the witness rng: the counts, then per variable (records first, then auxiliaries) its
 * value mod ℓ and its opening (zero for an auxiliary, whose opening is being made), 32 bytes each LE, in
 * chunks of up to 1,024 variables.
 */
function* witnessBytes(st: Statement): Generator<Uint8Array> {
  const f = st.firstAuxId;
  const total = f + st.auxCount;
  yield concatBytes(uintLE(f, 8), uintLE(st.auxCount, 8));
  for (let a = 0; a < total; a += 1024) {
    const b = Math.min(total, a + 1024);
    const out = new Uint8Array(64 * (b - a));
    for (let id = a; id < b; id++) {
      out.set(scalarToBytes(scalar(st.varValue(id))), 64 * (id - a));
      if (id < f) out.set(scalarToBytes(st.varBlinding(id)), 64 * (id - a) + 32);
    }
    yield out;
  }
}

function bindAux(t: Transcript, aux: readonly Uint8Array[]): void {
  t.appendU64('aux.count', aux.length);
  for (const a of aux) t.appendBytes('aux', a);
}

function sub(t: Transcript, kind: string, index: number): Transcript {
  const f = t.fork();
  f.appendString('sub', kind);
  f.appendU64('sub.index', index);
  return f;
}

export interface ProveOptions {
  /** Tests only: a dishonest prover (see below). */
  readonly unchecked?: boolean;
  /** Leave the range proofs to the caller: `range` comes back empty and `rangeJobs` lists them. */
  readonly deferRange?: boolean;
  /** Progress, in units of work: one per range-proof bit, OR proof and product proof. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * The prover. `recordPoint(id)` gives the commitment of a record variable (decoded from the log).
 * Throws MeterproofError('statement.unsatisfied') if the witness does not satisfy a constraint: that
 * means a bug or inconsistent data, never a proof that would fail later.
 */
export function proveConstraints(st: Statement, t: Transcript, recordPoint: (id: number) => Point, opts: ProveOptions = {}): ConstraintProofs & { rangeJobs: RangeJob[] } {
  // `unchecked` (tests only) plays a dishonest prover: it proves whatever the witness says, wrapping
  // out-of-range values into range and claiming a true branch that is not, so the verifier must catch it.
  const unchecked = opts.unchecked === true;
  // One witness rng, after the statement and before the aux commitments (which it blinds) are absorbed.
  const rng = t.witnessRng('constraints.witness', witnessBytes(st));
  st.setAuxBlindings(Array.from({ length: st.auxCount }, (_, j) => rng.scalar('aux.blinding', j)));
  const { values, blindings } = st.auxOpenings();
  const auxPoints = values.map((v, j) => commit(v, blindings[j]!));
  const auxBytes = auxPoints.map((p) => p.toBytes());
  bindAux(t, auxBytes);
  const f = st.firstAuxId;
  const cache = new Map<number, Point>();
  const pointOf = (id: number): Point => {
    if (id >= f) return auxPoints[id - f]!;
    let p = cache.get(id);
    if (!p) cache.set(id, (p = recordPoint(id)));
    return p;
  };

  const rangeValues = st.ranges.map((r, i) => {
    let v = st.value(r.e);
    if (v < 0n && unchecked) v = ((v % (1n << 64n)) + (1n << 64n)) % (1n << 64n);
    if (v < 0n) throw new MeterproofError('statement.unsatisfied', `range constraint ${i} is not satisfied by the readings`);
    if (v >= 1n << BigInt(r.n) && !unchecked) {
      // Widths are public: an honest value above its width means the readings exceed what the tariff
      // allows for (its capacity), not a bug to paper over by widening the proof.
      throw new MeterproofError('statement.capacity', `${r.what ?? `range constraint ${i}`} is ${v}, more than the ${r.n}-bit bound the tariff's capacity allows: the readings exceed the tariff's capacity`);
    }
    return v;
  });
  const seed = toHex(scalarToBytes(t.challengeScalar('range.seed')));
  const chunks = rangeChunks(st);
  const total = chunks.reduce((s, ch) => s + ch.n * ch.indices.length, 0) + st.ors.length + st.products.length;
  let done = 0;
  const step = (units: number) => {
    done += units;
    opts.onProgress?.(done, total);
  };
  const rangeJobs: RangeJob[] = chunks.map((chunk, c) => {
    const bound = 1n << BigInt(chunk.n);
    return {
      seed,
      chunk: c,
      n: chunk.n,
      values: chunk.indices.map((i) => (unchecked ? rangeValues[i]! % bound : rangeValues[i]!).toString()),
      blindings: chunk.indices.map((i) => toHex(scalarToBytes(st.blinding(st.ranges[i]!.e)))),
      rngKey: toHex(rng.bytes('range.job', c).subarray(0, 32)),
    };
  });
  const range = opts.deferRange
    ? []
    : rangeJobs.map((job) => {
        const proof = proveRangeJob(job);
        step(job.n * job.values.length);
        return proof;
      });

  const or = st.ors.map((o, j) => {
    const va = st.value(o.a);
    const vb = st.value(o.b);
    if (va !== 0n && vb !== 0n && !unchecked) throw new MeterproofError('statement.unsatisfied', `OR constraint ${j} is not satisfied`);
    const which = va === 0n || vb !== 0n ? 1 : 2;
    const x = st.blinding(which === 1 ? o.a : o.b);
    if (j % 64 === 63) step(64);
    return toHex(encodeOr(proveOr(sub(t, 'or', j), exprPoint(o.a, pointOf), exprPoint(o.b, pointOf), which, x)));
  });

  const product = st.products.map((p, j) => {
    const a = st.value(p.a);
    if (st.value(p.p) !== a * st.value(p.b) && !unchecked) throw new MeterproofError('statement.unsatisfied', `product constraint ${j} is not satisfied`);
    const tau = ssub(st.blinding(p.p), smul(scalar(a), st.blinding(p.b)));
    const A = exprPoint(p.a, pointOf);
    if (j % 64 === 63) step(64);
    return toHex(encodeProduct(proveProduct(sub(t, 'product', j), A, exprPoint(p.b, pointOf), exprPoint(p.p, pointOf), scalar(a), st.blinding(p.a), tau)));
  });

  return { aux: auxBytes.map(toHex), range, or, product, rangeJobs: opts.deferRange ? rangeJobs : [] };
}

/**
 * The verifier: decodes the auxiliary commitments, then checks every range, OR and product proof.
 * Returns the aux points' lookup on success (for the revealed-figure proofs), or a failure. Never throws
 * on well-typed input.
 */
/**
 * Collectors for verifying several bills at once: their range proofs join one batch and their sigma
 * equations others, checked once at the end (see verifyBills).
 */
export interface DeferredChecks {
  readonly range: RangeProofItem[];
  readonly or: EquationBatch;
  readonly product: EquationBatch;
  readonly linear: EquationBatch;
}

export function deferredChecks(): DeferredChecks {
  return { range: [], or: new EquationBatch(), product: new EquationBatch(), linear: new EquationBatch() };
}

export function verifyConstraints(
  st: Statement,
  t: Transcript,
  recordPoint: (id: number) => Point,
  proofs: ConstraintProofs,
  deferred?: DeferredChecks,
): { ok: true; pointOf: (id: number) => Point } | ({ ok: false } & ConstraintFailure) {
  if (proofs.aux.length !== st.auxCount) return { ok: false, reason: 'malformed.schema', detail: `expected ${st.auxCount} auxiliary commitments, got ${proofs.aux.length}` };
  let auxPoints: Point[];
  let auxBytes: Uint8Array[];
  try {
    auxBytes = proofs.aux.map((h) => fromHex(h, 32));
    auxPoints = pointsFromBytes(auxBytes);
  } catch {
    return { ok: false, reason: 'encoding.point', detail: 'an auxiliary commitment is not a canonical point' };
  }
  bindAux(t, auxBytes);
  const f = st.firstAuxId;
  const pointOf = (id: number): Point => (id >= f ? auxPoints[id - f]! : recordPoint(id));

  const seed = scalarToBytes(t.challengeScalar('range.seed'));
  const chunks = rangeChunks(st);
  if (proofs.range.length !== chunks.length) return { ok: false, reason: 'malformed.schema', detail: `expected ${chunks.length} range proofs, got ${proofs.range.length}` };
  const items: RangeProofItem[] = [];
  for (const [c, chunk] of chunks.entries()) {
    let proof;
    try {
      proof = decodeRangeProof(fromHex(proofs.range[c]!), { n: chunk.n, m: chunk.indices.length });
    } catch (e) {
      return decodeFailure(e, `range proof ${c}`);
    }
    items.push({ t: chunkTranscript(seed, c, chunk.n), commitments: chunk.indices.map((i) => exprPoint(st.ranges[i]!.e, pointOf)), n: chunk.n, proof });
  }
  if (deferred) deferred.range.push(...items);
  else if (!verifyRangeBatch(items)) return { ok: false, reason: 'proof.range', detail: 'a range proof does not verify: some hidden amount is out of its range' };

  if (proofs.or.length !== st.ors.length) return { ok: false, reason: 'malformed.schema', detail: `expected ${st.ors.length} OR proofs, got ${proofs.or.length}` };
  const orBatch = deferred?.or ?? new EquationBatch();
  // All OR proofs' points in one batch; if any proof is malformed, one by one, to name it.
  const ors = decodeOrMany(proofs.or);
  for (const [j, o] of st.ors.entries()) {
    let p = ors?.[j];
    // Stryker disable next-line ConditionalExpression: decoding every proof again one by one gives the same proofs, only slower
    if (!p) {
      try {
        p = decodeOr(fromHex(proofs.or[j]!));
      } catch (e) {
        return decodeFailure(e, `OR proof ${j}`);
      }
    }
    batchOr(orBatch, sub(t, 'or', j), exprPoint(o.a, pointOf), exprPoint(o.b, pointOf), p);
  }
  if (!deferred && !orBatch.check()) return { ok: false, reason: 'proof.or', detail: 'an OR proof does not verify: a tier fill is not the greedy one' };

  if (proofs.product.length !== st.products.length) return { ok: false, reason: 'malformed.schema', detail: `expected ${st.products.length} product proofs, got ${proofs.product.length}` };
  const prodBatch = deferred?.product ?? new EquationBatch();
  for (const [j, pr] of st.products.entries()) {
    let p;
    try {
      p = decodeProduct(fromHex(proofs.product[j]!));
    } catch (e) {
      return decodeFailure(e, `product proof ${j}`);
    }
    batchProduct(prodBatch, sub(t, 'product', j), exprPoint(pr.a, pointOf), exprPoint(pr.b, pointOf), exprPoint(pr.p, pointOf), p);
  }
  if (!deferred && !prodBatch.check()) return { ok: false, reason: 'proof.product', detail: 'a product proof does not verify' };
  return { ok: true, pointOf };
}

function decodeFailure(e: unknown, what: string): { ok: false } & ConstraintFailure {
  const code = e instanceof MeterproofError ? e.code : '';
  if (code === 'encoding.point') return { ok: false, reason: 'encoding.point', detail: `${what}: not a canonical point` };
  if (code === 'encoding.scalar') return { ok: false, reason: 'encoding.scalar', detail: `${what}: not a canonical scalar` };
  return { ok: false, reason: 'malformed.schema', detail: `${what}: wrong length or encoding` };
}

export type { Expr };
