/**
 * Inner-product argument (Bünz et al. 2018, §3; the logarithmic protocol in the form of dalek's notes):
 *
 *   PoK{ (𝐚, 𝐛 ∈ F_ℓ^N) : P = ⟨𝐚, 𝐆⟩ + ⟨𝐛, 𝐇'⟩ + ⟨𝐚, 𝐛⟩·Q },   H'_i = h_i·H_i,  N = c·2^k, c ∈ {1, 3},
 *
 * for public generators 𝐆, 𝐇, Q and public nonzero factors h_i (the range proof uses h_i = y^{−i}).
 *
 * Each round halves the vectors. With lo/hi the two halves and u the round's challenge:
 *   L = ⟨𝐚_lo, 𝐆_hi⟩ + ⟨𝐛_hi, 𝐇'_lo⟩ + ⟨𝐚_lo, 𝐛_hi⟩·Q,   R = ⟨𝐚_hi, 𝐆_lo⟩ + ⟨𝐛_lo, 𝐇'_hi⟩ + ⟨𝐚_hi, 𝐛_lo⟩·Q,
 *   𝐚 ← u·𝐚_lo + u⁻¹·𝐚_hi,  𝐛 ← u⁻¹·𝐛_lo + u·𝐛_hi,  𝐆 ← u⁻¹·𝐆_lo + u·𝐆_hi,  𝐇' ← u·𝐇'_lo + u⁻¹·𝐇'_hi,
 * so that P ← u²·L + P + u⁻²·R keeps the claim. After k rounds the prover sends the c scalars of 𝐚 and
 * of 𝐛 (c = 1 is the paper's protocol; with c = 3 the last step simply reveals a 3-element witness).
 *
 * The verifier never folds generators: write i = q·c + j (j < c, q < 2^k); unrolled, the claim is
 *   P + Σ_k (u_k²·L_k + u_k⁻²·R_k) = Σ_j a_j·Σ_q s_q·G_{qc+j} + Σ_j b_j·Σ_q s_q⁻¹·H'_{qc+j} + ⟨𝐚, 𝐛⟩·Q,
 * with s_q = Π_k u_k^{±1} (+ when bit k of q, counted from the most significant, is set), which the range
 * verifier folds into its single multiscalar multiplication (`innerProductChallenges`).
 *
 * Transcript: 'ipp.n' (u64 N); per round 'ipp.L', 'ipp.R', challenge 'ipp.u'; finally 'ipp.a' for each
 * a_j, then 'ipp.b' for each b_j.
 *
 * Prover cost. Folding 𝐆 and 𝐇 explicitly costs one two-point scalar multiplication per new generator,
 * ≈ 2N of them, which dominates in JavaScript. Instead the prover folds lazily: it keeps the last explicit
 * generators and the pending challenges, computes L and R directly against the explicit generators
 * (an MSM over 2^p times more points), and only every few rounds materialises the folded generators with
 * one 2^p-point Straus MSM each (sharing the doubling chain). A small dynamic programme over a cost model
 * picks the rounds to materialise after; docs/rangeproof.md ("Prover cost") has the numbers.
 */
import { msmCost } from '../../core/msm.js';
import type { Point } from '../../core/point.js';
import type { Scalar } from '../../core/scalar.js';
import type { Transcript } from '../../core/transcript.js';
import { batchInvert, innerProduct, sadd, smul } from './vec.js';
import { MeterproofError } from '../../core/errors.js';
import { runSync, type MsmTask, type ProverSteps } from './steps.js';

export interface InnerProductProof {
  readonly L: readonly Point[];
  readonly R: readonly Point[];
  readonly a: readonly Scalar[];
  readonly b: readonly Scalar[];
}

/** N = c·2^k with c ∈ {1, 3}: the rounds k and final length c, or null for any other N. */
export function splitLength(N: number): { k: number; c: number } | null {
  if (!Number.isSafeInteger(N) || N < 1) return null;
  const c = N % 3 === 0 ? 3 : 1;
  const q = N / c;
  if ((q & (q - 1)) !== 0 || q > 2 ** 30) return null;
  return { k: Math.round(Math.log2(q)), c };
}

/**
 * Which rounds the prover materialises folded generators after: plan[j] = true means "after round j".
 * Minimises the cost model: round j with p pending challenges costs two MSMs of n_j·2^p + 1 points;
 * materialising after it costs 2·n_{j+1} Straus MSMs of 2^{p+1} points.
 */
export function foldPlan(N: number): boolean[] {
  const k = splitLength(N)?.k ?? 0;
  const MAXP = 10;
  // f[j][p] = minimal cost from round j with p pending challenges; choice[j][p] = materialise after j?
  const f: number[][] = [];
  const choice: boolean[][] = [];
  for (let j = k; j >= 0; j--) {
    f[j] = new Array<number>(MAXP + 1).fill(Infinity);
    choice[j] = new Array<boolean>(MAXP + 1).fill(false);
  }
  for (let p = 0; p <= MAXP; p++) f[k]![p] = 0;
  for (let j = k - 1; j >= 0; j--) {
    const nj = N >> j;
    for (let p = 0; p <= MAXP; p++) {
      const round = 2 * msmCost(nj * 2 ** p + 1);
      const next = N >> (j + 1);
      let best = p + 1 <= MAXP ? f[j + 1]![p + 1]! : Infinity;
      let mat = false;
      if (j + 1 < k) {
        const m = 2 * next * msmCost(2 ** (p + 1)) + f[j + 1]![0]!;
        if (m < best) {
          best = m;
          mat = true;
        }
      }
      f[j]![p] = round + best;
      choice[j]![p] = mat;
    }
  }
  const plan: boolean[] = [];
  let p = 0;
  for (let j = 0; j < k; j++) {
    plan.push(choice[j]![p]!);
    p = choice[j]![p]! ? 0 : p + 1;
  }
  return plan;
}

/**
 * Proves ⟨𝐚, 𝐛⟩-knowledge for P = ⟨𝐚, 𝐆⟩ + ⟨𝐛, 𝐇'⟩ + ⟨𝐚, 𝐛⟩·Q. P itself is implicit (the caller's
 * transcript already binds everything P is made of). `hFactors` null means all h_i = 1.
 * The vectors `a` and `b` are consumed. `plan` overrides `foldPlan(N)` (tests use it to exercise every
 * folding schedule; all give the same proof).
 */
export function proveInnerProduct(...args: Parameters<typeof innerProductSteps>): InnerProductProof {
  return runSync(innerProductSteps(...args));
}

/** `proveInnerProduct` as a coroutine that yields its MSMs (steps.ts). */
export function* innerProductSteps(
  t: Transcript,
  Q: Point,
  G: readonly Point[],
  H: readonly Point[],
  hFactors: readonly Scalar[] | null,
  a: Scalar[],
  b: Scalar[],
  plan: readonly boolean[] = foldPlan(a.length),
): ProverSteps<InnerProductProof> {
  const N = a.length;
  const split = splitLength(N);
  if (split === null || b.length !== N || G.length !== N || H.length !== N) {
    throw new RangeError('inner product: vectors must have the same length, 2^k or 3·2^k');
  }
  const { c } = split;
  if (hFactors !== null && hFactors.length !== N) throw new RangeError('inner product: wrong factor count');
  t.appendU64('ipp.n', N);

  // Explicit generators and the factors still to apply to Hx.
  let Gx: readonly Point[] = G;
  let Hx: readonly Point[] = H;
  let hx: readonly Scalar[] | null = hFactors;
  // coef[t] for t < 2^p: the factor of explicit generator Gx[i + t·n] in the virtual G_i; the factor of
  // Hx[i + t·n] in the virtual H_i is coef[2^p − 1 − t] (all bits flipped = the inverse).
  let coef: Scalar[] = [1n as Scalar];
  let n = N;
  let va = a;
  let vb = b;
  const Ls: Point[] = [];
  const Rs: Point[] = [];
  let round = 0;
  while (n > c) {
    const n2 = n / 2;
    const P2 = coef.length;
    const cL = innerProduct(va, 0, vb, n2, n2);
    const cR = innerProduct(va, n2, vb, 0, n2);
    const size = n * P2 + 1;
    const lp = new Array<Point>(size);
    const ls = new Array<bigint>(size);
    const rp = new Array<Point>(size);
    const rs = new Array<bigint>(size);
    let o = 0;
    for (let tt = 0; tt < P2; tt++) {
      const gc = coef[tt]!;
      const hc = coef[P2 - 1 - tt]!;
      const off = tt * n;
      for (let i = 0; i < n2; i++) {
        // L: a_lo·G_hi, b_hi·H'_lo.   R: a_hi·G_lo, b_lo·H'_hi.
        const hLo = off + i;
        const hHi = off + n2 + i;
        lp[o] = Gx[hHi]!;
        ls[o] = smul(va[i]!, gc);
        rp[o] = Gx[hLo]!;
        rs[o] = smul(va[n2 + i]!, gc);
        o++;
        const hfLo = hx === null ? hc : smul(hc, hx[hLo]!);
        const hfHi = hx === null ? hc : smul(hc, hx[hHi]!);
        lp[o] = Hx[hLo]!;
        ls[o] = smul(vb[n2 + i]!, hfLo);
        rp[o] = Hx[hHi]!;
        rs[o] = smul(vb[i]!, hfHi);
        o++;
      }
    }
    lp[o] = Q;
    ls[o] = cL;
    rp[o] = Q;
    rs[o] = cR;
    const [Lx, Rx] = yield { msms: [{ points: lp, scalars: ls }, { points: rp, scalars: rs }] };
    const L = Lx!;
    const R = Rx!;
    Ls.push(L);
    Rs.push(R);
    t.appendPoint('ipp.L', L);
    t.appendPoint('ipp.R', R);
    const u = t.challengeScalar('ipp.u');
    const inv = batchInvert([u]);
    if (inv === null) throw new MeterproofError('range.internal', 'inner product: zero challenge');
    const ui = inv[0]!;
    const na = new Array<Scalar>(n2);
    const nb = new Array<Scalar>(n2);
    for (let i = 0; i < n2; i++) {
      na[i] = sadd(smul(va[i]!, u), smul(va[n2 + i]!, ui));
      nb[i] = sadd(smul(vb[i]!, ui), smul(vb[n2 + i]!, u));
    }
    va = na;
    vb = nb;
    const nc = new Array<Scalar>(2 * P2);
    for (let tt = 0; tt < P2; tt++) {
      nc[2 * tt] = smul(coef[tt]!, ui);
      nc[2 * tt + 1] = smul(coef[tt]!, u);
    }
    coef = nc;
    n = n2;
    if (n > c && plan[round]) {
      // Materialise the virtual generators: G_i = Σ_t coef[t]·Gx[i + t·n], H_i likewise.
      const P = coef.length;
      const msms: MsmTask[] = [];
      for (let i = 0; i < n; i++) {
        const gp = new Array<Point>(P);
        const hp = new Array<Point>(P);
        const hs = new Array<bigint>(P);
        for (let tt = 0; tt < P; tt++) {
          const e = i + tt * n;
          gp[tt] = Gx[e]!;
          hp[tt] = Hx[e]!;
          const hc = coef[P - 1 - tt]!;
          hs[tt] = hx === null ? hc : smul(hc, hx[e]!);
        }
        msms.push({ points: gp, scalars: coef }, { points: hp, scalars: hs });
      }
      // G_i and H_i alternate in the batch.
      const folded = yield { msms };
      Gx = folded.filter((_, j) => j % 2 === 0);
      Hx = folded.filter((_, j) => j % 2 === 1);
      hx = null;
      coef = [1n as Scalar];
    }
    round++;
  }
  for (const x of va) t.appendScalar('ipp.a', x);
  for (const x of vb) t.appendScalar('ipp.b', x);
  return { L: Ls, R: Rs, a: va, b: vb };
}

export interface InnerProductChallenges {
  /** u_k² and u_k⁻² per round. */
  readonly u2: Scalar[];
  readonly uInv2: Scalar[];
  /** u_k⁻¹ per round. */
  readonly uInv: Scalar[];
  /** s_q = Π_k u_k^{±1}, q < 2^k; s_q⁻¹ = s_{2^k−1−q}. Empty when not asked for (a backend computes them itself). */
  readonly s: Scalar[];
}

/**
 * Replays the argument's transcript (including the final a, b) and returns the scalars the verifier
 * needs; null when the proof has the wrong number of rounds or a challenge is zero. `products` false
 * skips the 2^k products s_q (the caller's backend makes them from u² and u⁻¹).
 */
export function innerProductChallenges(t: Transcript, N: number, proof: InnerProductProof, products = true): InnerProductChallenges | null {
  const k = proof.L.length;
  const split = splitLength(N);
  if (split === null || split.k !== k || proof.R.length !== k) return null;
  if (proof.a.length !== split.c || proof.b.length !== split.c) return null;
  t.appendU64('ipp.n', N);
  const us: Scalar[] = [];
  for (let j = 0; j < k; j++) {
    t.appendPoint('ipp.L', proof.L[j]!);
    t.appendPoint('ipp.R', proof.R[j]!);
    us.push(t.challengeScalar('ipp.u'));
  }
  // No challenge is drawn after the final a, b: what is appended here cannot change the verdict. It keeps
  // the verifier's transcript state the prover's, for a caller that goes on using it.
  // Stryker disable next-line StringLiteral: nothing is drawn from the transcript after this append
  for (const x of proof.a) t.appendScalar('ipp.a', x);
  // Stryker disable next-line StringLiteral: nothing is drawn from the transcript after this append
  for (const x of proof.b) t.appendScalar('ipp.b', x);
  const uInv = batchInvert(us);
  // Stryker disable next-line ConditionalExpression: a zero challenge u_k needs a hash output of 0 mod ℓ (probability 2^-252)
  if (uInv === null) return null;
  const u2 = us.map((u) => smul(u, u));
  const uInv2 = uInv.map((u) => smul(u, u));
  // Stryker disable next-line ConditionalExpression,ArrayDeclaration: computing s although the caller's backend makes its own is only slower; without it s is never read
  if (!products) return { u2, uInv2, uInv, s: [] };
  const Q = 2 ** k;
  // Stryker disable next-line ArrayDeclaration: a preallocated array and one that grows hold the same entries
  const s = new Array<Scalar>(Q);
  let s0 = 1n as Scalar;
  for (const ui of uInv) s0 = smul(s0, ui);
  s[0] = s0;
  // Bit b of i (from the least significant) belongs to round k−1−b.
  for (let i = 1; i < Q; i++) {
    const lg = 31 - Math.clz32(i);
    const hi = 1 << lg;
    s[i] = smul(s[i - hi]!, u2[k - 1 - lg]!);
  }
  return { u2, uInv2, uInv, s };
}
