/**
 * Adaptive forgeries against the aggregated range proof (src/proofs/rangeproof/): commitments to values
 * outside [0, 2^n) (ℓ − 1, 2^n, 2^n + 5, …), proven by the prover's own algebra run on a witness that is
 * not a bit decomposition of the value (src/proofs/testing.ts `forgeRange`), with every challenge the
 * honest one of the transcript the verifier replays. Three ways to cheat, each refused by a different
 * part of the verifier's equation (verifier.ts):
 *   'inner'      t̂ = ⟨l(x), r(x)⟩ honestly: t̂·G + τx·H = Σ z^{2+j}·V_j + δ·G + x·T1 + x²·T2 fails
 *                (t0 ≠ Σ z^{2+j}·v_j + δ because ⟨a_L, 2^n⟩ ≠ v or a_L ∘ a_R ≠ 0 or a_L − a_R ≠ 1);
 *   'polynomial' t̂ set to what that equation wants: the inner-product argument fails (⟨l, r⟩ ≠ t̂);
 *   'vectors'    that t̂ and an l' with ⟨l', r⟩ = t̂: the inner-product argument fails on 𝐆 (l' is not
 *                what A + x·S commits to).
 * `rangeEquations` re-checks the two equations separately by a textbook verifier, so each test says
 * which one the forgery breaks and that the other holds: a refusal for Fiat–Shamir reasons would break
 * both or neither.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ORDER, scalar, ssubOrder, type Scalar } from './scalar-helpers.js';
import { verifyRange, verifyRangeBatch, type RangeBits } from '../../src/proofs/rangeproof/index.js';
import { defaultBits, forgeRange, rangeEquations, type RangeForgeMode } from '../../src/proofs/testing.js';
import { scalars, transcript } from './helpers.js';

const rs = scalars('forgery/range');
const blinds = (m: number): Scalar[] => Array.from({ length: m }, rs);

function judge(values: bigint[], n: RangeBits, opts: Parameters<typeof forgeRange>[4] = {}, statement = 'range') {
  const f = forgeRange(transcript(statement), values, blinds(values.length), n, opts);
  return {
    accepted: verifyRange(transcript(statement), f.commitments, n, f.proof),
    batch: verifyRangeBatch([{ t: transcript(statement), commitments: f.commitments, n, proof: f.proof }]),
    equations: rangeEquations(transcript(statement), f.commitments, n, f.proof),
    forgery: f,
  };
}

const BOTH = { polynomial: true, innerProduct: true };
const POLY_FAILS = { polynomial: false, innerProduct: true };
const IPP_FAILS = { polynomial: true, innerProduct: false };

describe('control: the forging prover is the real prover on an honest witness', () => {
  it('in-range values verify (n = 8, m = 1; n = 8, m = 3 with final vectors of 3; n = 16, m = 5 with padding)', () => {
    for (const [values, n] of [[[0n], 8], [[255n, 1n, 77n], 8], [[65535n, 0n, 1n, 2n, 40000n], 16]] as const) {
      const r = judge([...values], n);
      expect(r.accepted).toBe(true);
      expect(r.batch).toBe(true);
      expect(r.equations).toEqual(BOTH);
    }
  });
});

describe('a commitment to a value outside [0, 2^n) is refused by the algebra', () => {
  const cases: Array<[string, bigint, RangeBits]> = [
    ['ℓ − 1 (−1 mod ℓ) in [0, 2^8)', ORDER - 1n, 8],
    ['2^8 in [0, 2^8)', 256n, 8],
    ['2^16 + 5 in [0, 2^16)', (1n << 16n) + 5n, 16],
    ['2^64 in [0, 2^64)', 1n << 64n, 64],
  ];
  for (const [name, v, n] of cases) {
    it(`${name}, t̂ honest: the polynomial equation fails, the inner-product argument holds`, () => {
      const r = judge([v], n, { mode: 'inner' });
      expect(r.equations).toEqual(POLY_FAILS);
      expect(r.accepted).toBe(false);
      expect(r.batch).toBe(false);
    });
  }

  for (const mode of ['polynomial', 'vectors'] as const) {
    it(`ℓ − 1 in [0, 2^8), t̂ forced to satisfy the polynomial equation (${mode}): the inner-product argument fails`, () => {
      const r = judge([ORDER - 1n], 8, { mode });
      expect(r.equations).toEqual(IPP_FAILS);
      expect(r.accepted).toBe(false);
      expect(r.batch).toBe(false);
    });
  }

  it('2^8 written as non-bits with ⟨a_L, 2^n⟩ = v (a_L = 2 at bit 7): a_L ∘ a_R ≠ 0 breaks the polynomial equation', () => {
    const aL = new Array<Scalar>(8).fill(0n as Scalar);
    aL[7] = 2n as Scalar;
    const r = judge([256n], 8, { aL });
    expect(r.equations).toEqual(POLY_FAILS);
    expect(r.accepted).toBe(false);
  });

  it('ℓ − 1 written as a_L = (−1, 0, …): ⟨a_L, 2^n⟩ ≡ v, and a_L ∘ a_R = 2 ≠ 0 breaks the polynomial equation', () => {
    const aL = new Array<Scalar>(8).fill(0n as Scalar);
    aL[0] = scalar(-1n);
    const r = judge([ORDER - 1n], 8, { aL });
    expect(r.equations).toEqual(POLY_FAILS);
    expect(r.accepted).toBe(false);
  });

  it('a_R ≠ a_L − 1 (a_R = a_L, so a_L ∘ a_R = a_L): the polynomial equation fails even for an in-range value', () => {
    const aL = defaultBits([77n], 8, 8);
    const r = judge([77n], 8, { aL, aR: aL });
    expect(r.equations).toEqual(POLY_FAILS);
    expect(r.accepted).toBe(false);
  });

  it('a_L − a_R = 1 but a_L ∘ a_R ≠ 0 (a_L = 2, a_R = 1 at one bit, and the value made to match): refused', () => {
    const aL = defaultBits([0n], 8, 8);
    aL[3] = 2n as Scalar;
    const aR = aL.map((b) => ssubOrder(b, 1n));
    const r = judge([16n], 8, { aL, aR });
    expect(r.equations).toEqual(POLY_FAILS);
    expect(r.accepted).toBe(false);
  });

  it('in an aggregate of three, one value out of range (the others honest) sinks the proof', () => {
    for (const j of [0, 1, 2]) {
      const values = [5n, 6n, 7n];
      values[j] = ORDER - 1n - BigInt(j);
      const r = judge(values, 8);
      expect(r.equations, `value ${j}`).toEqual(POLY_FAILS);
      expect(r.accepted).toBe(false);
    }
  });

  it('bits smuggled into a padding slot (m = 5 padded to 6, the sixth value is 0 by definition): refused', () => {
    const values = [1n, 2n, 3n, 4n, 5n];
    const aL = defaultBits(values, 8, 48);
    aL[5 * 8] = 1n as Scalar; // padding slot 5 holds 1: t0 then needs z^7·1 from a V_5 the statement does not have
    const r = judge(values, 8, { aL });
    expect(r.equations).toEqual(POLY_FAILS);
    expect(r.accepted).toBe(false);
  });

  it('in a batch, one forged proof among honest ones sinks the batch', () => {
    const honest = forgeRange(transcript('h'), [9n], blinds(1), 8);
    const forged = forgeRange(transcript('f'), [ORDER - 1n], blinds(1), 8, { mode: 'polynomial' });
    const items = [
      { t: transcript('h'), commitments: honest.commitments, n: 8 as const, proof: honest.proof },
      { t: transcript('f'), commitments: forged.commitments, n: 8 as const, proof: forged.proof },
    ];
    expect(verifyRangeBatch(items.slice(0, 1))).toBe(true);
    expect(verifyRangeBatch(items)).toBe(false);
    items.reverse();
    items[0]!.t = transcript('f');
    items[1]!.t = transcript('h');
    expect(verifyRangeBatch(items)).toBe(false);
  });
});

describe('property: every out-of-range value, every way of cheating', () => {
  it('v ∈ [2^n, ℓ) with n = 8, any mode, one to three values: refused, directly and batched', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 0n, max: 255n }), { minLength: 0, maxLength: 2 }),
        fc.oneof(fc.bigInt({ min: 256n, max: 1n << 70n }), fc.bigInt({ min: ORDER - (1n << 70n), max: ORDER - 1n })),
        fc.nat(),
        fc.constantFrom<RangeForgeMode>('inner', 'polynomial', 'vectors'),
        (honest, bad, pos, mode) => {
          const values = [...honest];
          values.splice(pos % (values.length + 1), 0, bad);
          const r = judge(values, 8, { mode }, `prop-${mode}`);
          return !r.accepted && !r.batch && (mode === 'inner' ? !r.equations.polynomial && r.equations.innerProduct : r.equations.polynomial && !r.equations.innerProduct);
        },
      ),
      { numRuns: 12, seed: 12 },
    );
  });
});
