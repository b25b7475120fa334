/**
 * A bill's statement as a small constraint system over committed values, built the same way by the
 * prover (with a witness) and the verifier (without): tariff components compile into it.
 *
 * Variables are the meter's record commitments C_{i,k} (id i·K + k) and auxiliary commitments the prover
 * adds (tier fills, maxima, products), in creation order. Constraints on affine expressions:
 *   range    e ∈ [0, 2^n)       (aggregated Bulletproofs; n fixed by a public bound, or the bill's "free" n)
 *   zero-or  a = 0 ∨ b = 0       (CDS OR of two Schnorr proofs to base H)
 *   product  p = a·b             (sigma protocol)
 * and revealed figures: e = F (Schnorr proof of the blinding of Com(e) − F·G, in the bill layer).
 *
 * Integers, not residues (docs/bounds.md). Every variable carries a bound B_v on the absolute value of the
 * integer it stands for: a record's reading is below 2^48 (the meter's limit), and a gadget that adds an
 * auxiliary value states the bound its constraints imply (a tier fill lies in [0, w], a maximum below the
 * largest reading plus its range). So every expression e has a public bound |e| ≤ |c| + Σ |a_v|·B_v
 * (`bound`), which range constraints and revealed figures are checked against: a range proof of e says
 * the integer e lies in [0, 2^n) only because |e| is far below ℓ, and a revealed figure equals e only
 * because |e| and |F| are both below 2^160.
 *
 * Shape is public: every range width n is fixed by public data (a tier's width, the tariff's capacity, the
 * record count), never by a hidden value, so the number, sizes and widths of a bill's proofs say nothing
 * about the readings.
 */
// @ts-nocheck

import { EXPRESSION_LIMIT, READING_MAX } from '../core/bounds.js';
import { MeterproofError } from '../core/errors.js';
import { add as sadd, mul as smul, scalar, type Scalar } from '../core/scalar.js';
import type { RangeBits } from '../proofs/rangeproof/index.js';
import { combine, constant, variable, type Expr } from './expr.js';

export interface RecordWitness {
  /** q_{i,k}: the reading of register k in record i. */
  value(i: number, k: number): bigint;
  /** r_{i,k}: its opening. */
  blinding(i: number, k: number): Scalar;
}

export interface RangeConstraint {
  readonly e: Expr;
  readonly n: RangeBits;
  /** What the value is, in words, for the prover's error when a reading exceeds the public bound. */
  readonly what?: string;
}
export interface ZeroOrConstraint {
  readonly a: Expr;
  readonly b: Expr;
}
export interface ProductConstraint {
  readonly a: Expr;
  readonly b: Expr;
  readonly p: Expr;
}

/** The smallest standard bit size n with w < 2^n. */
export function bitsFor(w: bigint): RangeBits {
  for (const n of [8, 16, 32, 64] as const) if (w < 1n << BigInt(n)) return n;
  throw new MeterproofError('statement.too_large', 'a bound does not fit in 64 bits');
}

export class Statement {
  readonly ranges: RangeConstraint[] = [];
  readonly ors: ZeroOrConstraint[] = [];
  readonly products: ProductConstraint[] = [];
  private aux = 0;
  /** B_v of each auxiliary variable: |its integer value| ≤ B_v, as its constraints imply. */
  private readonly auxBounds: bigint[] = [];
  /** Tighter bounds proven by a range constraint on the variable itself (x_v ∈ [0, 2^n)). */
  private readonly proven = new Map<number, bigint>();
  private readonly auxValues: bigint[] = [];
  /**
   * The auxiliary commitments' blindings: derived by proveConstraints (statement/proof.ts) from the
   * statement's transcript, the witness and the aux index, never taken from the caller's rng.
   */
  private auxBlindings: readonly Scalar[] | undefined;

  constructor(
    readonly records: number,
    readonly registers: number,
    private readonly witness?: RecordWitness,
  ) {}

  get proving(): boolean {
    return this.witness !== undefined;
  }

  get auxCount(): number {
    return this.aux;
  }

  get firstAuxId(): number {
    return this.records * this.registers;
  }

  record(i: number, k: number): Expr {
    if (k >= this.registers) throw new MeterproofError('tariff.register', `the tariff prices register ${k}, which the meter does not have`);
    return variable(i * this.registers + k);
  }

  /**
   * A new committed value; `value` is called only when proving. `bound` is B_v: the gadget that adds the
   * value proves (with the constraints it adds) that the integer it stands for has |x| ≤ bound.
   */
  auxiliary(value: () => bigint, bound: bigint): Expr {
    if (bound < 0n || bound >= EXPRESSION_LIMIT) throw new MeterproofError('statement.too_large', 'an auxiliary value\'s bound is out of range');
    const id = this.firstAuxId + this.aux++;
    this.auxBounds.push(bound);
    if (this.witness) this.auxValues.push(value());
    return variable(id);
  }

  /**
   * |x_v| ≤ B_v for variable v: the meter's limit for a record, the gadget's stated bound for an
   * auxiliary value.
   */
  variableBound(id: number): bigint {
    return this.proven.get(id) ?? (id < this.firstAuxId ? READING_MAX : this.auxBounds[id - this.firstAuxId]!);
  }

  /** A public bound on |e| as an integer: |c| + Σ |a_v|·B_v. */
  bound(e: Expr): bigint {
    let b = e.c < 0n ? -e.c : e.c;
    for (const [id, a] of e.terms) b += (a < 0n ? -a : a) * this.variableBound(id);
    return b;
  }

  /**
   * e ∈ [0, 2^n) for a public n. The proof shows it of e's residue mod ℓ; that is the integer statement
   * because |e| ≤ bound(e) < 2^240, so no multiple of ℓ fits between.
   */
  range(e: Expr, n: RangeBits, what?: string): void {
    if (this.bound(e) >= EXPRESSION_LIMIT) throw new MeterproofError('statement.too_large', 'a range constraint\'s expression could exceed 2^240');
    this.ranges.push(what === undefined ? { e, n } : { e, n, what });
    // A range on a variable itself also bounds it: |x_v| ≤ B_v < ℓ/2 and x_v ≡ r ∈ [0, 2^n) give x_v = r.
    if (e.c === 0n && e.terms.size === 1) {
      const [id, a] = e.terms.entries().next().value!;
      const top = (1n << BigInt(n)) - 1n;
      if (a === 1n && top < this.variableBound(id)) this.proven.set(id, top);
    }
  }

  /** 0 ≤ e ≤ w: e and w − e in [0, 2^n) with 2^n > w. */
  bounded(e: Expr, w: bigint, what?: string): void {
    const n = bitsFor(w);
    this.range(e, n, what);
    this.range(combine([[-1n, e]], w), n, what);
  }

  zeroOr(a: Expr, b: Expr): void {
    this.ors.push({ a, b });
  }

  product(a: Expr, b: Expr, p: Expr): void {
    this.products.push({ a, b, p });
  }

  // --- prover side ---

  private need(): RecordWitness {
    if (!this.witness) throw new Error('the verifier has no witness');
    return this.witness;
  }

  varValue(id: number): bigint {
    const w = this.need();
    const f = this.firstAuxId;
    return id < f ? w.value(Math.floor(id / this.registers), id % this.registers) : this.auxValues[id - f]!;
  }

  varBlinding(id: number): Scalar {
    const w = this.need();
    const f = this.firstAuxId;
    return id < f ? w.blinding(Math.floor(id / this.registers), id % this.registers) : this.openedAux()[id - f]!;
  }

  private openedAux(): readonly Scalar[] {
    if (!this.auxBlindings) throw new Error('auxiliary blindings are derived when the constraints are proved (proveConstraints)');
    return this.auxBlindings;
  }

  /** Prover: sets the auxiliary blindings, one per auxiliary value (proveConstraints derives them). */
  setAuxBlindings(blindings: readonly Scalar[]): void {
    this.need();
    if (blindings.length !== this.aux) throw new RangeError(`expected ${this.aux} auxiliary blindings, got ${blindings.length}`);
    this.auxBlindings = [...blindings];
  }

  /** The exact integer value of e (not reduced mod ℓ). */
  value(e: Expr): bigint {
    let v = e.c;
    for (const [id, a] of e.terms) v += a * this.varValue(id);
    return v;
  }

  blinding(e: Expr): Scalar {
    let r = scalar(0n);
    for (const [id, a] of e.terms) r = sadd(r, smul(scalar(a), this.varBlinding(id)));
    return r;
  }

  /**
   * Test-only: replaces an auxiliary value after compilation, to play a dishonest prover. Use with
   * `proveConstraints(…, { unchecked: true })`; an honest prover never calls it.
   */
  forgeAux(j: number, value: bigint): void {
    this.need();
    if (j < 0 || j >= this.aux) throw new RangeError(`no auxiliary value ${j}`);
    this.auxValues[j] = value;
  }

  auxOpenings(): { values: readonly bigint[]; blindings: readonly Scalar[] } {
    this.need();
    return { values: this.auxValues, blindings: this.openedAux() };
  }
}

export { constant, variable };
