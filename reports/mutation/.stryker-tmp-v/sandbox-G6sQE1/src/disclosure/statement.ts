/**
 * The public statement of a disclosure, shared by prover and verifier so they cannot differ: which
 * records each fact touches, the constraint system the facts compile to, and what the Fiat–Shamir
 * transcript absorbs.
 *
 * Each fact compiles onto the bill's Statement (src/statement):
 *   reading, sum, linear   a public affine expression e of record commitments; the answer F is proven by
 *                          Schnorr: Com(e) − F·G = ρ·H, knowledge of ρ (PROTOCOL.md section 5).
 *   threshold x ≥ T        true:  x − T ∈ [0, 2^64);   false: T − 1 − x ∈ [0, 2^64). Only the true
 *                          direction is proven, and x is never revealed.
 *   max D over x_1..x_k    the max gadget's bounds D − x_i ∈ [0, 2^64) (so D ≥ every x_i), and a one-of
 *                          proof that some D·G − C_i is a multiple of H (so D = x_j for some j): exact.
 *
 * Range proofs use a fixed n = 64: a width chosen from a hidden value would reveal its magnitude.
 * Soundness of the integer reading (docs/bounds.md): readings are the meter's, in [0, 2^48); a sum of at
 * most 2^20 of them, a threshold below 10^18 and a maximum below 2^64 keep every range value in
 * (−2^70, 2^70), far from ℓ ≈ 2^252, so "≡ a value in [0, 2^64) mod ℓ" means the integer inequality
 * holds. A revealed linear value F with |F| < 10^38 < 2^127 equals Σ c_i·x_i + c_0 (at most 4,096 terms,
 * |c_i| < 10^15) as an integer, since |Σ c_i·x_i + c_0| < 2^111 and both agree mod ℓ.
 */
// @ts-nocheck

import { MeterproofError } from '../core/errors.js';
import { isoUtc } from '../core/time.js';
import { Transcript } from '../core/transcript.js';
import type { Rng } from '../core/rng.js';
import { combine, constant, type Expr } from '../statement/expr.js';
import { upperBound } from '../statement/gadgets.js';
import type { Statement } from '../statement/system.js';
import type { Fact, Window } from './query.js';

export const DISCLOSURE_PROTOCOL = 'meterproof/v1/disclosure';
/** The bit size of every range constraint in a disclosure (see above). */
export const DISCLOSURE_RANGE_BITS = 64;

export type Answer = bigint | boolean;

export interface Interval {
  readonly start: number;
  readonly duration: number;
}

/**
 * Finds records by start instant in a contiguous run. Throws MeterproofError 'records.missing' when an
 * instant lies outside the run, and 'query.alignment' when it falls inside a record (a window that
 * splits a record, or a reading named by an instant that is not a record's start).
 */
export class RecordIndex {
  private readonly starts: number[];
  private readonly end: number;

  constructor(intervals: readonly Interval[]) {
    this.starts = intervals.map((r) => r.start);
    const last = intervals[intervals.length - 1]!;
    this.end = last.start + last.duration;
  }

  get count(): number {
    return this.starts.length;
  }

  /** Index of the record starting exactly at t, or of the end of the run (count) when t is its end. */
  private boundary(t: number, what: string): number {
    if (t < this.starts[0]! || t > this.end) throw new MeterproofError('records.missing', `${what} ${isoUtc(t)} is outside the records included`);
    if (t === this.end) return this.starts.length;
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= t) lo = mid;
      else hi = mid - 1;
    }
    if (this.starts[lo] !== t) throw new MeterproofError('query.alignment', `${what} ${isoUtc(t)} falls inside a record, not on a record boundary`);
    return lo;
  }

  /** The record that starts at `at`. */
  at(at: number): number {
    const i = this.boundary(at, 'a reading at');
    if (i === this.starts.length) throw new MeterproofError('records.missing', `no record included starts at ${isoUtc(at)}`);
    return i;
  }

  /** The records that tile [from, to): indices i0 ≤ i < i1. */
  window(w: Window): [number, number] {
    return [this.boundary(w.from, 'the window start'), this.boundary(w.to, 'the window end')];
  }
}

/** The record indices a fact touches (the lowest and highest), for choosing the run to include. */
export function factSpan(f: Fact, index: RecordIndex): [number, number] {
  const span = (ix: number[]): [number, number] => [Math.min(...ix), Math.max(...ix)];
  switch (f.kind) {
    case 'reading':
      return span([index.at(f.at)]);
    case 'linear':
      return span(f.terms.map((t) => index.at(t.at)));
    case 'threshold':
      if ('at' in f.target) return span([index.at(f.target.at)]);
      return spanOf(index.window(f.target));
    case 'sum':
    case 'max':
      return spanOf(index.window(f.window));
  }
}

function spanOf([i0, i1]: [number, number]): [number, number] {
  return [i0, i1 - 1];
}

/** What a fact is, over the Statement's record variables. */
export type FactExpr =
  | { readonly kind: 'value'; readonly e: Expr }
  | { readonly kind: 'threshold'; readonly e: Expr; readonly threshold: bigint }
  | { readonly kind: 'max'; readonly xs: readonly Expr[] };

function windowSum(st: Statement, [i0, i1]: [number, number], k: number): Expr {
  const parts: [bigint, Expr][] = [];
  for (let i = i0; i < i1; i++) parts.push([1n, st.record(i, k)]);
  return combine(parts);
}

export function factExpr(f: Fact, index: RecordIndex, st: Statement): FactExpr {
  switch (f.kind) {
    case 'reading':
      return { kind: 'value', e: st.record(index.at(f.at), f.register) };
    case 'sum':
      return { kind: 'value', e: windowSum(st, index.window(f.window), f.register) };
    case 'linear':
      return { kind: 'value', e: combine(f.terms.map((t) => [t.c, st.record(index.at(t.at), t.register)] as const), f.constant) };
    case 'threshold': {
      const e = 'at' in f.target ? st.record(index.at(f.target.at), f.register) : windowSum(st, index.window(f.target), f.register);
      return { kind: 'threshold', e, threshold: f.threshold };
    }
    case 'max': {
      const [i0, i1] = index.window(f.window);
      const xs: Expr[] = [];
      for (let i = i0; i < i1; i++) xs.push(st.record(i, f.register));
      return { kind: 'max', xs };
    }
  }
}

export interface Claims {
  /** Revealed integers to prove by Schnorr, in fact order. */
  readonly linear: { readonly fact: number; readonly e: Expr; readonly value: bigint }[];
  /** Revealed maxima to prove attained by a one-of proof, in fact order. */
  readonly maxima: { readonly fact: number; readonly D: bigint; readonly xs: readonly Expr[] }[];
}

/**
 * Adds each fact's constraints for its answer to the Statement (ranges: thresholds in their true
 * direction, maxima's bounds) and lists the claims proven outside it. The caller has checked that each
 * answer has its fact's type.
 */
export function constrain(st: Statement, fx: readonly FactExpr[], answers: readonly Answer[]): Claims {
  const claims: Claims = { linear: [], maxima: [] };
  fx.forEach((f, j) => {
    const a = answers[j]!;
    switch (f.kind) {
      case 'value':
        claims.linear.push({ fact: j, e: f.e, value: a as bigint });
        break;
      case 'threshold':
        // x ≥ T: x − T ≥ 0.   x < T: T − 1 − x ≥ 0.
        st.range(a === true ? combine([[1n, f.e]], -f.threshold) : combine([[-1n, f.e]], f.threshold - 1n), DISCLOSURE_RANGE_BITS);
        break;
      case 'max':
        upperBound(st, constant(a as bigint), f.xs, DISCLOSURE_RANGE_BITS);
        claims.maxima.push({ fact: j, D: a as bigint, xs: f.xs });
        break;
    }
  });
  return claims;
}

export interface DisclosureStatement {
  readonly consentDigest: Uint8Array;
  readonly userKey: Uint8Array;
  readonly meter: string;
  readonly meterKey: Uint8Array;
  readonly queryDigest: Uint8Array;
  readonly firstSeq: number;
  readonly count: number;
  readonly registers: number;
  readonly prev: Uint8Array;
  readonly lastHash: Uint8Array;
  readonly answers: readonly Answer[];
}

/**
 * Starts the transcript: the disclosure domain, then every public input before any challenge — the
 * consent's digest (which binds recipient, purpose, query digest, times, user and meter), the user's and
 * the meter's public keys, the meter id, the query digest, the records (first seq, count, registers, the
 * hash before them and the last hash, which binds every commitment) and every answer.
 */
export function bindDisclosure(s: DisclosureStatement, rng?: Rng): Transcript {
  const t = new Transcript(DISCLOSURE_PROTOCOL, rng);
  t.appendU64('version', 1);
  t.appendBytes('consent', s.consentDigest);
  t.appendBytes('user-key', s.userKey);
  t.appendString('meter', s.meter);
  t.appendBytes('meter-key', s.meterKey);
  t.appendBytes('query', s.queryDigest);
  t.appendU64('records.first-seq', s.firstSeq);
  t.appendU64('records.count', s.count);
  t.appendU64('records.registers', s.registers);
  t.appendBytes('records.prev', s.prev);
  t.appendBytes('records.last-hash', s.lastHash);
  t.appendU64('answers', s.answers.length);
  for (const a of s.answers) {
    if (typeof a === 'boolean') t.appendU64('answer.bool', a ? 1 : 0);
    else t.appendString('answer.int', a.toString());
  }
  return t;
}

/** The transcript of the one-of proof of fact j: a labelled fork, as the Statement's sub-proofs are. */
export function oneOfTranscript(t: Transcript, fact: number): Transcript {
  const f = t.fork();
  f.appendString('sub', 'oneof');
  f.appendU64('sub.index', fact);
  return f;
}
