/** Shared helpers for the range-proof tests. */
// @ts-nocheck

import { G } from '../../src/core/generators.js';
import { seededRng } from '../../src/core/rng.js';
import { add, scalarFromWide, ONE, type Scalar } from '../../src/core/scalar.js';
import { Transcript } from '../../src/core/transcript.js';
import type { RangeBits, RangeProof } from '../../src/proofs/rangeproof/index.js';

export const PROTOCOL = 'meterproof/v1/test/rangeproof';

/** A transcript with a caller statement appended first, as real callers do. */
export function transcript(statement = 'bill-42', rng?: (n: number) => Uint8Array): Transcript {
  const t = rng ? new Transcript(PROTOCOL, rng) : new Transcript(PROTOCOL);
  t.appendString('test.statement', statement);
  return t;
}

export function blindings(seed: string, m: number): Scalar[] {
  const r = seededRng(seed);
  return Array.from({ length: m }, () => scalarFromWide(r(64)));
}

/** Deterministic in-range values covering small, large and boundary cases. */
export function valuesFor(n: RangeBits, m: number, seed = 1): bigint[] {
  const max = (1n << BigInt(n)) - 1n;
  const out: bigint[] = [];
  for (let j = 0; j < m; j++) {
    const k = BigInt(j * 7919 + seed * 104729);
    out.push(j === 0 ? 0n : j === 1 ? max : (k * 2654435761n) % (max + 1n));
  }
  return out;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Every single-element mutation of a proof, labelled. */
export function mutations(p: RangeProof): Array<[string, RangeProof]> {
  const out: Array<[string, RangeProof]> = [];
  const pointFields = ['A', 'S', 'T1', 'T2'] as const;
  const scalarFields = ['taux', 'mu', 't'] as const;
  for (const f of pointFields) {
    const q: Mutable<RangeProof> = { ...p };
    q[f] = p[f].add(G);
    out.push([f, q]);
  }
  for (const f of scalarFields) {
    const q: Mutable<RangeProof> = { ...p };
    q[f] = add(p[f], ONE);
    out.push([f, q]);
  }
  for (const f of ['a', 'b'] as const) {
    for (let i = 0; i < p[f].length; i++) {
      const v = p[f].slice();
      v[i] = add(v[i]!, ONE);
      out.push([`${f}${i}`, { ...p, [f]: v }]);
    }
  }
  for (let i = 0; i < p.L.length; i++) {
    const L = p.L.slice();
    L[i] = L[i]!.add(G);
    out.push([`L${i}`, { ...p, L }]);
    const R = p.R.slice();
    R[i] = R[i]!.add(G);
    out.push([`R${i}`, { ...p, R }]);
  }
  // swapping L and R is also a different proof
  out.push(['L<->R', { ...p, L: p.R, R: p.L }]);
  return out;
}
