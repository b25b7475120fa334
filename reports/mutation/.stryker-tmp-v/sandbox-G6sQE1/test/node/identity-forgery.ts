/**
 * The attack a wrong generator table allows (issue 8, point 4): if 𝐆[k] is the identity, the k-th entry of
 * l(x) is not bound by P = ⟨l, 𝐆⟩ + ⟨r, 𝐇'⟩, so a prover can move t̂ = ⟨l, r⟩ to whatever the verifier's
 * other check wants. This makes a proof that V = v·G + γ·H has v ∈ [0, 2^n) for ANY v (ℓ − 1, say):
 *
 *   run the honest prover on the bits of v' = 0, with every challenge drawn honestly from the transcript;
 *   then t̂ := ⟨l, r⟩ + z²·(v − v'), so that t̂·G + τx·H = z²·V + δ(y,z)·G + x·T1 + x²·T2 holds,
 *   and l_k += z²·(v − v') / r_k, so that ⟨l, r⟩ = t̂ while P does not change (l_k multiplies 𝐆[k] = 0);
 *   the inner-product argument then runs honestly on (l, r) over the table with the identity in it.
 *
 * A verifier whose 𝐆 is that table accepts; with the real 𝐆 it rejects. With v = v' (no forgery) the
 * result is an honest proof, which is how the tests check this code itself.
 */
// @ts-nocheck

import { G, H } from '../../src/core/generators.js';
import { msm } from '../../src/core/msm.js';
import { commit } from '../../src/core/pedersen.js';
import { mul as pmul, sumPoints, type Point } from '../../src/core/point.js';
import { randomScalar, scalar, type Scalar } from '../../src/core/scalar.js';
import type { Transcript } from '../../src/core/transcript.js';
import { innerProductSteps } from '../../src/proofs/rangeproof/innerproduct.js';
import type { RangeBits, RangeProof } from '../../src/proofs/rangeproof/messages.js';
import { appendStatement, shapeOf } from '../../src/proofs/rangeproof/statement.js';
import { runSync } from '../../src/proofs/rangeproof/steps.js';
import { batchInvert, innerProduct, powers, sadd, smul, ssub } from '../../src/proofs/rangeproof/vec.js';

export function forgeRangeProof(t: Transcript, v: bigint, gamma: Scalar, n: RangeBits, Gv: readonly Point[], Hv: readonly Point[], k: number): { V: Point; proof: RangeProof } {
  const shape = shapeOf(n, 1)!;
  const N = shape.N;
  const V = commit(v, gamma);
  appendStatement(t, shape, [V]);
  const Gx = Gv.slice(0, N);
  const Hx = Hv.slice(0, N);
  const aL = new Uint8Array(N); // the bits of v' = 0
  const alpha = randomScalar();
  const rho = randomScalar();
  const tau1 = randomScalar();
  const tau2 = randomScalar();
  const sL = Array.from({ length: N }, randomScalar);
  const sR = Array.from({ length: N }, randomScalar);
  const A = pmul(H, alpha).add(sumPoints(Gx.filter((_, i) => aL[i]))).subtract(sumPoints(Hx.filter((_, i) => !aL[i])));
  const S = pmul(H, rho).add(msm(Gx.concat(Hx), (sL as bigint[]).concat(sR)));
  t.appendPoint('rp.A', A);
  t.appendPoint('rp.S', S);
  const y = t.challengeScalar('rp.y');
  const z = t.challengeScalar('rp.z');
  const yN = powers(y, N);
  const z2 = smul(z, z);
  const l0: Scalar[] = [];
  const r0: Scalar[] = [];
  const r1: Scalar[] = [];
  let two = z2;
  for (let i = 0; i < N; i++) {
    const bit = aL[i]!;
    l0.push(ssub(bit ? 1n : 0n, z));
    r0.push(sadd(smul(yN[i]!, bit ? z : ssub(z, 1n)), two)); // y^i·(a_R[i] + z) + z²·2^i
    r1.push(smul(yN[i]!, sR[i]!));
    two = sadd(two, two);
  }
  const t1 = sadd(innerProduct(l0, 0, r1, 0, N), innerProduct(sL, 0, r0, 0, N));
  const t2 = innerProduct(sL, 0, r1, 0, N);
  const T1 = commit(t1, tau1);
  const T2 = commit(t2, tau2);
  t.appendPoint('rp.T1', T1);
  t.appendPoint('rp.T2', T2);
  const x = t.challengeScalar('rp.x');
  const taux = sadd(sadd(smul(tau2, smul(x, x)), smul(tau1, x)), smul(z2, gamma));
  const mu = sadd(alpha, smul(rho, x));
  const l = l0.map((a, i) => sadd(a, smul(sL[i]!, x)));
  const r = r0.map((a, i) => sadd(a, smul(r1[i]!, x)));
  const shift = smul(z2, scalar(v)); // z²·(v − v'), v' = 0
  const that = sadd(innerProduct(l, 0, r, 0, N), shift);
  l[k] = sadd(l[k]!, smul(shift, batchInvert([r[k]!])![0]!));
  t.appendScalar('rp.taux', taux);
  t.appendScalar('rp.mu', mu);
  t.appendScalar('rp.t', that);
  const w = t.challengeScalar('rp.w');
  const Q = G.multiplyUnsafe(w);
  const ipp = runSync(innerProductSteps(t, Q, Gx, Hx, powers(batchInvert([y])![0]!, N), l, r));
  return { V, proof: { A, S, T1, T2, taux, mu, t: that, L: ipp.L, R: ipp.R, a: ipp.a, b: ipp.b } };
}
