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
// @ts-nocheck
function stryNS_9fa48() {
  var g = typeof globalThis === 'object' && globalThis && globalThis.Math === Math && globalThis || new Function("return this")();
  var ns = g.__stryker__ || (g.__stryker__ = {});
  if (ns.activeMutant === undefined && g.process && g.process.env && g.process.env.__STRYKER_ACTIVE_MUTANT__) {
    ns.activeMutant = g.process.env.__STRYKER_ACTIVE_MUTANT__;
  }
  function retrieveNS() {
    return ns;
  }
  stryNS_9fa48 = retrieveNS;
  return retrieveNS();
}
stryNS_9fa48();
function stryCov_9fa48() {
  var ns = stryNS_9fa48();
  var cov = ns.mutantCoverage || (ns.mutantCoverage = {
    static: {},
    perTest: {}
  });
  function cover() {
    var c = cov.static;
    if (ns.currentTestId) {
      c = cov.perTest[ns.currentTestId] = cov.perTest[ns.currentTestId] || {};
    }
    var a = arguments;
    for (var i = 0; i < a.length; i++) {
      c[a[i]] = (c[a[i]] || 0) + 1;
    }
  }
  stryCov_9fa48 = cover;
  cover.apply(null, arguments);
}
function stryMutAct_9fa48(id) {
  var ns = stryNS_9fa48();
  function isActive(id) {
    if (ns.activeMutant === id) {
      if (ns.hitCount !== void 0 && ++ns.hitCount > ns.hitLimit) {
        throw new Error('Stryker: Hit count limit reached (' + ns.hitCount + ')');
      }
      return true;
    }
    return false;
  }
  stryMutAct_9fa48 = isActive;
  return isActive(id);
}
import { concatBytes, fromHex, toHex, uintLE } from '../core/bytes.js';
import { MeterproofError } from '../core/errors.js';
import { commit } from '../core/pedersen.js';
import { pointsFromBytes, type Point } from '../core/point.js';
import { keyedRng, type Rng } from '../core/rng.js';
import { scalar, scalarFromBytes, scalarToBytes, sub as ssub, mul as smul } from '../core/scalar.js';
import { Transcript } from '../core/transcript.js';
import { EquationBatch } from '../proofs/batch.js';
import { batchOr, decodeOr, encodeOr, proveOr } from '../proofs/or.js';
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
export type ConstraintFailure = {
  reason: 'encoding.point' | 'encoding.scalar' | 'malformed.schema' | 'proof.range' | 'proof.or' | 'proof.product';
  detail: string;
};
interface RangeChunk {
  readonly n: RangeBits;
  readonly indices: number[];
}

/**
 * Range constraints grouped by n, ascending, and cut into chunks: the same on both sides, and a function
 * of the statement alone (public data), so the proofs' number and sizes reveal nothing hidden.
 */
function rangeChunks(st: Statement): RangeChunk[] {
  if (stryMutAct_9fa48("385")) {
    {}
  } else {
    stryCov_9fa48("385");
    const byBits = new Map<RangeBits, number[]>();
    st.ranges.forEach((r, i) => {
      if (stryMutAct_9fa48("386")) {
        {}
      } else {
        stryCov_9fa48("386");
        const list = stryMutAct_9fa48("387") ? byBits.get(r.n) && [] : (stryCov_9fa48("387"), byBits.get(r.n) ?? (stryMutAct_9fa48("388") ? ["Stryker was here"] : (stryCov_9fa48("388"), [])));
        list.push(i);
        byBits.set(r.n, list);
      }
    });
    const chunks: RangeChunk[] = stryMutAct_9fa48("389") ? ["Stryker was here"] : (stryCov_9fa48("389"), []);
    for (const n of stryMutAct_9fa48("390") ? [...byBits.keys()] : (stryCov_9fa48("390"), (stryMutAct_9fa48("391") ? [] : (stryCov_9fa48("391"), [...byBits.keys()])).sort(stryMutAct_9fa48("392") ? () => undefined : (stryCov_9fa48("392"), (a, b) => stryMutAct_9fa48("393") ? a + b : (stryCov_9fa48("393"), a - b))))) {
      if (stryMutAct_9fa48("394")) {
        {}
      } else {
        stryCov_9fa48("394");
        const all = byBits.get(n)!;
        // The most values one proof may hold: the largest m with n·paddedCount(m) ≤ the cap. One proof if
        // the whole group fits in RANGE_CHUNK_BITS, else chunks of RANGE_SPLIT_BITS.
        const single = stryMutAct_9fa48("395") ? RANGE_CHUNK_BITS * n : (stryCov_9fa48("395"), RANGE_CHUNK_BITS / n);
        const cap = (stryMutAct_9fa48("399") ? all.length > single : stryMutAct_9fa48("398") ? all.length < single : stryMutAct_9fa48("397") ? false : stryMutAct_9fa48("396") ? true : (stryCov_9fa48("396", "397", "398", "399"), all.length <= single)) ? single : stryMutAct_9fa48("400") ? Math.min(1, RANGE_SPLIT_BITS / n) : (stryCov_9fa48("400"), Math.max(1, stryMutAct_9fa48("401") ? RANGE_SPLIT_BITS * n : (stryCov_9fa48("401"), RANGE_SPLIT_BITS / n)));
        // Even chunks: the same number of proofs, less padding than filling each to the cap.
        const count = Math.ceil(stryMutAct_9fa48("402") ? all.length * cap : (stryCov_9fa48("402"), all.length / cap));
        const size = Math.ceil(stryMutAct_9fa48("403") ? all.length * count : (stryCov_9fa48("403"), all.length / count));
        for (let c = 0; stryMutAct_9fa48("406") ? c >= count : stryMutAct_9fa48("405") ? c <= count : stryMutAct_9fa48("404") ? false : (stryCov_9fa48("404", "405", "406"), c < count); stryMutAct_9fa48("407") ? c-- : (stryCov_9fa48("407"), c++)) chunks.push(stryMutAct_9fa48("408") ? {} : (stryCov_9fa48("408"), {
          n,
          indices: stryMutAct_9fa48("409") ? all : (stryCov_9fa48("409"), all.slice(stryMutAct_9fa48("410") ? c / size : (stryCov_9fa48("410"), c * size), stryMutAct_9fa48("411") ? (c + 1) / size : (stryCov_9fa48("411"), (stryMutAct_9fa48("412") ? c - 1 : (stryCov_9fa48("412"), c + 1)) * size)))
        }));
      }
    }
    return chunks;
  }
}

/**
 * How many generators of each vector (𝐆, 𝐇) the statement's range proofs need: n·m' for the largest
 * chunk (m' the padded count). A function of the statement alone, so a verifier can load or derive them
 * before it verifies, whatever a bill claims.
 */
export function rangeGeneratorCount(st: Statement): number {
  if (stryMutAct_9fa48("413")) {
    {}
  } else {
    stryCov_9fa48("413");
    return rangeChunks(st).reduce(stryMutAct_9fa48("414") ? () => undefined : (stryCov_9fa48("414"), (most, ch) => stryMutAct_9fa48("415") ? Math.min(most, ch.n * paddedCount(ch.indices.length)) : (stryCov_9fa48("415"), Math.max(most, stryMutAct_9fa48("416") ? ch.n / paddedCount(ch.indices.length) : (stryCov_9fa48("416"), ch.n * paddedCount(ch.indices.length))))), 0);
  }
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
  if (stryMutAct_9fa48("417")) {
    {}
  } else {
    stryCov_9fa48("417");
    const t = new Transcript('meterproof/v1/range-chunk', rng);
    t.appendBytes('statement', seed);
    t.appendU64('chunk', chunk);
    t.appendU64('n', n);
    return t;
  }
}

/** The job's transcript, its rng expanding the job's key (the range prover rekeys from it once). */
function jobTranscript(job: RangeJob): Transcript {
  return chunkTranscript(fromHex(job.seed, 32), job.chunk, job.n, keyedRng(fromHex(job.rngKey, 32)));
}

/** Makes the range proof a job describes (hex). Pure: safe to call in a worker thread. */
export function proveRangeJob(job: RangeJob): string {
  const t = jobTranscript(job);
  const values = job.values.map(v => BigInt(v));
  const blindings = job.blindings.map(b => scalarFromBytes(fromHex(b, 32)));
  return toHex(encodeRangeProof(proveRange(t, values, blindings, job.n).proof));
}

/** The same proof, its multi-scalar multiplications computed by `exec` (one large job spread over threads). */
export async function proveRangeJobAsync(job: RangeJob, exec: MsmExecutor): Promise<string> {
  const t = jobTranscript(job);
  const values = job.values.map(v => BigInt(v));
  const blindings = job.blindings.map(b => scalarFromBytes(fromHex(b, 32)));
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
  if (stryMutAct_9fa48("422")) {
    {}
  } else {
    stryCov_9fa48("422");
    t.appendU64('aux.count', aux.length);
    for (const a of aux) t.appendBytes('aux', a);
  }
}
function sub(t: Transcript, kind: string, index: number): Transcript {
  if (stryMutAct_9fa48("425")) {
    {}
  } else {
    stryCov_9fa48("425");
    const f = t.fork();
    f.appendString('sub', kind);
    f.appendU64('sub.index', index);
    return f;
  }
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
export function proveConstraints(st: Statement, t: Transcript, recordPoint: (id: number) => Point, opts: ProveOptions = {}): ConstraintProofs & {
  rangeJobs: RangeJob[];
} {
  // `unchecked` (tests only) plays a dishonest prover: it proves whatever the witness says, wrapping
  // out-of-range values into range and claiming a true branch that is not, so the verifier must catch it.
  const unchecked = opts.unchecked === true;
  // One witness rng, after the statement and before the aux commitments (which it blinds) are absorbed.
  const rng = t.witnessRng('constraints.witness', witnessBytes(st));
  st.setAuxBlindings(Array.from({
    length: st.auxCount
  }, (_, j) => rng.scalar('aux.blinding', j)));
  const {
    values,
    blindings
  } = st.auxOpenings();
  const auxPoints = values.map((v, j) => commit(v, blindings[j]!));
  const auxBytes = auxPoints.map(p => p.toBytes());
  bindAux(t, auxBytes);
  const f = st.firstAuxId;
  const cache = new Map<number, Point>();
  const pointOf = (id: number): Point => {
    if (id >= f) return auxPoints[id - f]!;
    let p = cache.get(id);
    if (!p) cache.set(id, p = recordPoint(id));
    return p;
  };
  const rangeValues = st.ranges.map((r, i) => {
    let v = st.value(r.e);
    if (v < 0n && unchecked) v = (v % (1n << 64n) + (1n << 64n)) % (1n << 64n);
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
      values: chunk.indices.map(i => (unchecked ? rangeValues[i]! % bound : rangeValues[i]!).toString()),
      blindings: chunk.indices.map(i => toHex(scalarToBytes(st.blinding(st.ranges[i]!.e)))),
      rngKey: toHex(rng.bytes('range.job', c).subarray(0, 32))
    };
  });
  const range = opts.deferRange ? [] : rangeJobs.map(job => {
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
  return {
    aux: auxBytes.map(toHex),
    range,
    or,
    product,
    rangeJobs: opts.deferRange ? rangeJobs : []
  };
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
  if (stryMutAct_9fa48("428")) {
    {}
  } else {
    stryCov_9fa48("428");
    return stryMutAct_9fa48("429") ? {} : (stryCov_9fa48("429"), {
      range: stryMutAct_9fa48("430") ? ["Stryker was here"] : (stryCov_9fa48("430"), []),
      or: new EquationBatch(),
      product: new EquationBatch(),
      linear: new EquationBatch()
    });
  }
}
export function verifyConstraints(st: Statement, t: Transcript, recordPoint: (id: number) => Point, proofs: ConstraintProofs, deferred?: DeferredChecks): {
  ok: true;
  pointOf: (id: number) => Point;
} | ({
  ok: false;
} & ConstraintFailure) {
  if (stryMutAct_9fa48("431")) {
    {}
  } else {
    stryCov_9fa48("431");
    if (stryMutAct_9fa48("434") ? proofs.aux.length === st.auxCount : stryMutAct_9fa48("433") ? false : stryMutAct_9fa48("432") ? true : (stryCov_9fa48("432", "433", "434"), proofs.aux.length !== st.auxCount)) return stryMutAct_9fa48("435") ? {} : (stryCov_9fa48("435"), {
      ok: stryMutAct_9fa48("436") ? true : (stryCov_9fa48("436"), false),
      reason: 'malformed.schema',
      detail: `expected ${st.auxCount} auxiliary commitments, got ${proofs.aux.length}`
    });
    let auxPoints: Point[];
    let auxBytes: Uint8Array[];
    try {
      if (stryMutAct_9fa48("439")) {
        {}
      } else {
        stryCov_9fa48("439");
        auxBytes = proofs.aux.map(stryMutAct_9fa48("440") ? () => undefined : (stryCov_9fa48("440"), h => fromHex(h, 32)));
        auxPoints = pointsFromBytes(auxBytes);
      }
    } catch {
      if (stryMutAct_9fa48("441")) {
        {}
      } else {
        stryCov_9fa48("441");
        return stryMutAct_9fa48("442") ? {} : (stryCov_9fa48("442"), {
          ok: stryMutAct_9fa48("443") ? true : (stryCov_9fa48("443"), false),
          reason: 'encoding.point',
          detail: 'an auxiliary commitment is not a canonical point'
        });
      }
    }
    bindAux(t, auxBytes);
    const f = st.firstAuxId;
    const pointOf = stryMutAct_9fa48("446") ? () => undefined : (stryCov_9fa48("446"), (() => {
      const pointOf = (id: number): Point => (stryMutAct_9fa48("450") ? id < f : stryMutAct_9fa48("449") ? id > f : stryMutAct_9fa48("448") ? false : stryMutAct_9fa48("447") ? true : (stryCov_9fa48("447", "448", "449", "450"), id >= f)) ? auxPoints[stryMutAct_9fa48("451") ? id + f : (stryCov_9fa48("451"), id - f)]! : recordPoint(id);
      return pointOf;
    })());
    const seed = scalarToBytes(t.challengeScalar('range.seed'));
    const chunks = rangeChunks(st);
    if (stryMutAct_9fa48("455") ? proofs.range.length === chunks.length : stryMutAct_9fa48("454") ? false : stryMutAct_9fa48("453") ? true : (stryCov_9fa48("453", "454", "455"), proofs.range.length !== chunks.length)) return stryMutAct_9fa48("456") ? {} : (stryCov_9fa48("456"), {
      ok: stryMutAct_9fa48("457") ? true : (stryCov_9fa48("457"), false),
      reason: 'malformed.schema',
      detail: `expected ${chunks.length} range proofs, got ${proofs.range.length}`
    });
    const items: RangeProofItem[] = stryMutAct_9fa48("460") ? ["Stryker was here"] : (stryCov_9fa48("460"), []);
    for (const [c, chunk] of chunks.entries()) {
      if (stryMutAct_9fa48("461")) {
        {}
      } else {
        stryCov_9fa48("461");
        let proof;
        try {
          if (stryMutAct_9fa48("462")) {
            {}
          } else {
            stryCov_9fa48("462");
            proof = decodeRangeProof(fromHex(proofs.range[c]!), stryMutAct_9fa48("463") ? {} : (stryCov_9fa48("463"), {
              n: chunk.n,
              m: chunk.indices.length
            }));
          }
        } catch (e) {
          if (stryMutAct_9fa48("464")) {
            {}
          } else {
            stryCov_9fa48("464");
            return decodeFailure(e, `range proof ${c}`);
          }
        }
        items.push(stryMutAct_9fa48("466") ? {} : (stryCov_9fa48("466"), {
          t: chunkTranscript(seed, c, chunk.n),
          commitments: chunk.indices.map(stryMutAct_9fa48("467") ? () => undefined : (stryCov_9fa48("467"), i => exprPoint(st.ranges[i]!.e, pointOf))),
          n: chunk.n,
          proof
        }));
      }
    }
    if (stryMutAct_9fa48("469") ? false : stryMutAct_9fa48("468") ? true : (stryCov_9fa48("468", "469"), deferred)) deferred.range.push(...items);else if (stryMutAct_9fa48("472") ? false : stryMutAct_9fa48("471") ? true : stryMutAct_9fa48("470") ? verifyRangeBatch(items) : (stryCov_9fa48("470", "471", "472"), !verifyRangeBatch(items))) return stryMutAct_9fa48("473") ? {} : (stryCov_9fa48("473"), {
      ok: stryMutAct_9fa48("474") ? true : (stryCov_9fa48("474"), false),
      reason: 'proof.range',
      detail: 'a range proof does not verify: some hidden amount is out of its range'
    });
    if (stryMutAct_9fa48("479") ? proofs.or.length === st.ors.length : stryMutAct_9fa48("478") ? false : stryMutAct_9fa48("477") ? true : (stryCov_9fa48("477", "478", "479"), proofs.or.length !== st.ors.length)) return stryMutAct_9fa48("480") ? {} : (stryCov_9fa48("480"), {
      ok: stryMutAct_9fa48("481") ? true : (stryCov_9fa48("481"), false),
      reason: 'malformed.schema',
      detail: `expected ${st.ors.length} OR proofs, got ${proofs.or.length}`
    });
    const orBatch = stryMutAct_9fa48("484") ? deferred?.or && new EquationBatch() : (stryCov_9fa48("484"), (stryMutAct_9fa48("485") ? deferred.or : (stryCov_9fa48("485"), deferred?.or)) ?? new EquationBatch());
    for (const [j, o] of st.ors.entries()) {
      if (stryMutAct_9fa48("486")) {
        {}
      } else {
        stryCov_9fa48("486");
        let p;
        try {
          if (stryMutAct_9fa48("487")) {
            {}
          } else {
            stryCov_9fa48("487");
            p = decodeOr(fromHex(proofs.or[j]!));
          }
        } catch (e) {
          if (stryMutAct_9fa48("488")) {
            {}
          } else {
            stryCov_9fa48("488");
            return decodeFailure(e, `OR proof ${j}`);
          }
        }
        batchOr(orBatch, sub(t, 'or', j), exprPoint(o.a, pointOf), exprPoint(o.b, pointOf), p);
      }
    }
    if (stryMutAct_9fa48("493") ? !deferred || !orBatch.check() : stryMutAct_9fa48("492") ? false : stryMutAct_9fa48("491") ? true : (stryCov_9fa48("491", "492", "493"), (stryMutAct_9fa48("494") ? deferred : (stryCov_9fa48("494"), !deferred)) && (stryMutAct_9fa48("495") ? orBatch.check() : (stryCov_9fa48("495"), !orBatch.check())))) return stryMutAct_9fa48("496") ? {} : (stryCov_9fa48("496"), {
      ok: stryMutAct_9fa48("497") ? true : (stryCov_9fa48("497"), false),
      reason: 'proof.or',
      detail: 'an OR proof does not verify: a tier fill is not the greedy one'
    });
    if (stryMutAct_9fa48("502") ? proofs.product.length === st.products.length : stryMutAct_9fa48("501") ? false : stryMutAct_9fa48("500") ? true : (stryCov_9fa48("500", "501", "502"), proofs.product.length !== st.products.length)) return stryMutAct_9fa48("503") ? {} : (stryCov_9fa48("503"), {
      ok: stryMutAct_9fa48("504") ? true : (stryCov_9fa48("504"), false),
      reason: 'malformed.schema',
      detail: `expected ${st.products.length} product proofs, got ${proofs.product.length}`
    });
    const prodBatch = stryMutAct_9fa48("507") ? deferred?.product && new EquationBatch() : (stryCov_9fa48("507"), (stryMutAct_9fa48("508") ? deferred.product : (stryCov_9fa48("508"), deferred?.product)) ?? new EquationBatch());
    for (const [j, pr] of st.products.entries()) {
      if (stryMutAct_9fa48("509")) {
        {}
      } else {
        stryCov_9fa48("509");
        let p;
        try {
          if (stryMutAct_9fa48("510")) {
            {}
          } else {
            stryCov_9fa48("510");
            p = decodeProduct(fromHex(proofs.product[j]!));
          }
        } catch (e) {
          if (stryMutAct_9fa48("511")) {
            {}
          } else {
            stryCov_9fa48("511");
            return decodeFailure(e, `product proof ${j}`);
          }
        }
        batchProduct(prodBatch, sub(t, 'product', j), exprPoint(pr.a, pointOf), exprPoint(pr.b, pointOf), exprPoint(pr.p, pointOf), p);
      }
    }
    if (stryMutAct_9fa48("516") ? !deferred || !prodBatch.check() : stryMutAct_9fa48("515") ? false : stryMutAct_9fa48("514") ? true : (stryCov_9fa48("514", "515", "516"), (stryMutAct_9fa48("517") ? deferred : (stryCov_9fa48("517"), !deferred)) && (stryMutAct_9fa48("518") ? prodBatch.check() : (stryCov_9fa48("518"), !prodBatch.check())))) return stryMutAct_9fa48("519") ? {} : (stryCov_9fa48("519"), {
      ok: stryMutAct_9fa48("520") ? true : (stryCov_9fa48("520"), false),
      reason: 'proof.product',
      detail: 'a product proof does not verify'
    });
    return stryMutAct_9fa48("523") ? {} : (stryCov_9fa48("523"), {
      ok: stryMutAct_9fa48("524") ? false : (stryCov_9fa48("524"), true),
      pointOf
    });
  }
}
function decodeFailure(e: unknown, what: string): {
  ok: false;
} & ConstraintFailure {
  if (stryMutAct_9fa48("525")) {
    {}
  } else {
    stryCov_9fa48("525");
    const code = e instanceof MeterproofError ? e.code : '';
    if (stryMutAct_9fa48("529") ? code !== 'encoding.point' : stryMutAct_9fa48("528") ? false : stryMutAct_9fa48("527") ? true : (stryCov_9fa48("527", "528", "529"), code === 'encoding.point')) return stryMutAct_9fa48("531") ? {} : (stryCov_9fa48("531"), {
      ok: stryMutAct_9fa48("532") ? true : (stryCov_9fa48("532"), false),
      reason: 'encoding.point',
      detail: `${what}: not a canonical point`
    });
    if (stryMutAct_9fa48("537") ? code !== 'encoding.scalar' : stryMutAct_9fa48("536") ? false : stryMutAct_9fa48("535") ? true : (stryCov_9fa48("535", "536", "537"), code === 'encoding.scalar')) return stryMutAct_9fa48("539") ? {} : (stryCov_9fa48("539"), {
      ok: stryMutAct_9fa48("540") ? true : (stryCov_9fa48("540"), false),
      reason: 'encoding.scalar',
      detail: `${what}: not a canonical scalar`
    });
    return stryMutAct_9fa48("543") ? {} : (stryCov_9fa48("543"), {
      ok: stryMutAct_9fa48("544") ? true : (stryCov_9fa48("544"), false),
      reason: 'malformed.schema',
      detail: `${what}: wrong length or encoding`
    });
  }
}
export type { Expr };