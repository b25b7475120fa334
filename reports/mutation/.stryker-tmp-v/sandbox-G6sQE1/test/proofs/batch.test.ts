/**
 * EquationBatch (src/proofs/batch.ts): random-weighted batch check of Σ s·P = 0 equations with one MSM,
 * on its own and fed by batchOr / batchProduct; plus the fixed vectors of the OR and product gadgets
 * (test/vectors/gadgets.json). The vectors live here, in the one file that uses both gadgets, so that
 * no two test files (run in parallel) write gadgets.json.
 */
// @ts-nocheck

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../src/core/bytes.js';
import { G, H, generatorVector } from '../../src/core/generators.js';
import { STRAUS_THRESHOLD } from '../../src/core/msm.js';
import { commit } from '../../src/core/pedersen.js';
import { IDENTITY, pointFromBytes, type Point } from '../../src/core/point.js';
import { seededRng } from '../../src/core/rng.js';
import { add, mul, ONE, ORDER, scalar, scalarFromBytes, scalarFromWide, scalarToBytes, sub, type Scalar } from '../../src/core/scalar.js';
import { Transcript } from '../../src/core/transcript.js';
import { EquationBatch } from '../../src/proofs/batch.js';
import { batchOr, decodeOr, encodeOr, OR_PROOF_BYTES, proveOr, verifyOr, type OrProof } from '../../src/proofs/or.js';
import {
  batchProduct,
  decodeProduct,
  encodeProduct,
  PRODUCT_PROOF_BYTES,
  proveProduct,
  verifyProduct,
  type ProductProof,
} from '../../src/proofs/product.js';

const PROTOCOL = 'meterproof/v1/test/gadgets';
const wrng = seededRng('batch-tests/witnesses');
const rs = (): Scalar => scalarFromWide(wrng(64));

function transcript(statement: string, rng?: (n: number) => Uint8Array): Transcript {
  const t = rng ? new Transcript(PROTOCOL, rng) : new Transcript(PROTOCOL);
  t.appendString('test.statement', statement);
  return t;
}

// ---------------------------------------------------------------------------------------------------
// Proof items for mixed batches

interface OrItem {
  kind: 'or';
  statement: string;
  P1: Point;
  P2: Point;
  proof: OrProof;
}
interface ProductItem {
  kind: 'product';
  statement: string;
  A: Point;
  B: Point;
  P: Point;
  proof: ProductProof;
}
type Item = OrItem | ProductItem;

function orItem(statement: string, which: 1 | 2, v: bigint, x: Scalar = rs(), r: Scalar = rs()): OrItem {
  const Pt = commit(0, x);
  const Pf = commit(v, r);
  const [P1, P2] = which === 1 ? [Pt, Pf] : [Pf, Pt];
  return { kind: 'or', statement, P1, P2, proof: proveOr(transcript(statement), P1, P2, which, x) };
}

function productItem(statement: string, a: bigint, b: bigint, ra: Scalar = rs(), rb: Scalar = rs(), rp: Scalar = rs()): ProductItem {
  const A = commit(a, ra);
  const B = commit(b, rb);
  const P = commit(scalar(a * b), rp);
  const tau = sub(rp, mul(scalar(a), rb));
  return { kind: 'product', statement, A, B, P, proof: proveProduct(transcript(statement), A, B, P, scalar(a), ra, tau) };
}

function addItem(batch: EquationBatch, x: Item): void {
  if (x.kind === 'or') batchOr(batch, transcript(x.statement), x.P1, x.P2, x.proof);
  else batchProduct(batch, transcript(x.statement), x.A, x.B, x.P, x.proof);
}

function checkAll(items: readonly Item[]): boolean {
  const batch = new EquationBatch();
  for (const x of items) addItem(batch, x);
  expect(batch.size).toBe(2 * items.length);
  return batch.check();
}

function verifyItem(x: Item): boolean {
  return x.kind === 'or'
    ? verifyOr(transcript(x.statement), x.P1, x.P2, x.proof)
    : verifyProduct(transcript(x.statement), x.A, x.B, x.P, x.proof);
}

/** A corrupted copy of an item; `how` picks one of several corruptions. */
function corrupt(x: Item, how: number): Item {
  if (x.kind === 'or') {
    const p = x.proof;
    const variants: OrItem[] = [
      { ...x, proof: { ...p, R1: p.R1.add(G) } },
      { ...x, proof: { ...p, R2: p.R2.add(H) } },
      { ...x, proof: { ...p, c1: add(p.c1, ONE) } },
      { ...x, proof: { ...p, s1: add(p.s1, ONE) } },
      { ...x, proof: { ...p, s2: sub(p.s2, ONE) } },
      { ...x, P1: x.P1.add(G) },
      { ...x, statement: x.statement + '!' },
    ];
    return variants[how % variants.length]!;
  }
  const p = x.proof;
  const variants: ProductItem[] = [
    { ...x, proof: { ...p, T1: p.T1.add(G) } },
    { ...x, proof: { ...p, T2: p.T2.add(H) } },
    { ...x, proof: { ...p, za: add(p.za, ONE) } },
    { ...x, proof: { ...p, zr: add(p.zr, ONE) } },
    { ...x, proof: { ...p, zt: sub(p.zt, ONE) } },
    { ...x, P: x.P.add(G) },
    { ...x, statement: x.statement + '!' },
  ];
  return variants[how % variants.length]!;
}

// ---------------------------------------------------------------------------------------------------

describe('EquationBatch: the bare batch', () => {
  it('the empty batch checks true and has size 0', () => {
    const b = new EquationBatch();
    expect(b.size).toBe(0);
    expect(b.check()).toBe(true);
  });

  it('one true and one false equation', () => {
    const x = rs();
    const yes = new EquationBatch();
    yes.add([
      [x, G],
      [scalar(-x), G],
    ]);
    expect(yes.size).toBe(1);
    expect(yes.check()).toBe(true);
    const X = G.multiply(x);
    const yes2 = new EquationBatch();
    yes2.add([
      [x, G],
      [scalar(-1n), X],
    ]);
    expect(yes2.check()).toBe(true);
    const no = new EquationBatch();
    no.add([
      [x, G],
      [scalar(-1n), X.add(H)],
    ]);
    expect(no.check()).toBe(false);
    const no2 = new EquationBatch();
    no2.add([[1n, H]]);
    expect(no2.check()).toBe(false);
  });

  it('accepts unreduced and negative bigint coefficients (reduced mod ℓ)', () => {
    const b = new EquationBatch();
    b.add([
      [ORDER + 5n, G],
      [-5n, G],
    ]);
    b.add([
      [3n * ORDER - 1n, H],
      [1n, H],
    ]);
    expect(b.check()).toBe(true);
    b.add([
      [ORDER + 1n, G],
      [-2n, G],
    ]);
    expect(b.check()).toBe(false);
  });

  it('equations with only zero coefficients or identity points hold, and count towards size', () => {
    const b = new EquationBatch();
    b.add([]);
    b.add([[0n, G]]);
    b.add([[ORDER, H]]);
    b.add([[rs(), IDENTITY]]);
    expect(b.size).toBe(4);
    expect(b.check()).toBe(true);
    b.add([[1n, G]]);
    expect(b.check()).toBe(false);
  });

  it('equal points given as different objects are handled (not merged by identity, still correct)', () => {
    const x = rs();
    const X1 = G.multiply(x);
    const X2 = pointFromBytes(X1.toBytes());
    const b = new EquationBatch();
    b.add([
      [1n, X1],
      [scalar(-1n), X2],
    ]);
    expect(b.check()).toBe(true);
    const c = new EquationBatch();
    c.add([
      [1n, X1],
      [1n, X2],
    ]);
    expect(c.check()).toBe(false);
  });

  it('rejects two false equations whose errors would cancel without random weights', () => {
    const b = new EquationBatch();
    b.add([[1n, G]]);
    b.add([[scalar(-1n), G]]);
    expect(b.check()).toBe(false);
    const c = new EquationBatch();
    c.add([
      [1n, H],
      [2n, G],
    ]);
    c.add([
      [scalar(-1n), H],
      [scalar(-2n), G],
    ]);
    expect(c.check()).toBe(false);
  });

  it('one bad equation among many good ones, at any position, makes it false', () => {
    const pts = generatorVector('test/batch', 12);
    const good = (i: number): Array<[bigint, Point]> => {
      const s = rs();
      return [
        [s, pts[i]!],
        [scalar(-s), pts[i]!],
        [s, G.multiply(BigInt(i + 1))],
        [scalar(-s * BigInt(i + 1)), G],
      ];
    };
    for (const bad of [0, 5, 11]) {
      const b = new EquationBatch();
      for (let i = 0; i < 12; i++) {
        const eq = good(i);
        if (i === bad) eq.push([1n, pts[i]!]);
        b.add(eq);
      }
      expect(b.check(), `bad at ${bad}`).toBe(false);
    }
    const all = new EquationBatch();
    for (let i = 0; i < 12; i++) all.add(good(i));
    expect(all.check()).toBe(true);
  });

  it('the same equation added twice is fine, its opposite added too still is', () => {
    const X = G.multiply(7n);
    const eq: Array<[bigint, Point]> = [
      [7n, G],
      [scalar(-1n), X],
    ];
    const b = new EquationBatch();
    b.add(eq);
    b.add(eq);
    b.add(eq.map(([s, P]) => [scalar(-s), P] as [bigint, Point]));
    expect(b.size).toBe(3);
    expect(b.check()).toBe(true);
  });
});

describe('EquationBatch: OR and product proofs together', () => {
  // 12 + 12 proofs: well over STRAUS_THRESHOLD distinct points, so the Pippenger path runs too.
  const items: Item[] = [];
  for (let i = 0; i < 12; i++) items.push(orItem(`or-${i}`, i % 2 === 0 ? 1 : 2, BigInt(i + 1)));
  for (let i = 0; i < 12; i++) items.push(productItem(`product-${i}`, BigInt(1000 + i), BigInt(7 * i)));

  it('a large batch of honest OR + product proofs checks true (and each verifies alone)', () => {
    expect(5 * 12 + 3 * 12).toBeGreaterThan(STRAUS_THRESHOLD);
    for (const x of items) expect(verifyItem(x)).toBe(true);
    expect(checkAll(items)).toBe(true);
  });

  it('small batches (Straus path) of mixed proofs check true', () => {
    expect(checkAll(items.slice(0, 1))).toBe(true);
    expect(checkAll([items[0]!, items[12]!])).toBe(true);
    expect(checkAll([items[3]!, items[15]!, items[4]!])).toBe(true);
  });

  it('adding one bad equation to the honest batch makes it false', () => {
    const b = new EquationBatch();
    for (const x of items) addItem(b, x);
    expect(b.check()).toBe(true);
    b.add([
      [1n, G],
      [scalar(-1n), H],
    ]);
    expect(b.check()).toBe(false);
  });

  it('one corrupted proof anywhere in the batch makes it false', () => {
    for (const [pos, how] of [
      [0, 0],
      [5, 2],
      [11, 5],
      [12, 0],
      [17, 3],
      [23, 6],
      [20, 4],
      [9, 6],
    ] as const) {
      const its = items.slice();
      its[pos] = corrupt(items[pos]!, how);
      expect(verifyItem(its[pos]!)).toBe(false);
      expect(checkAll(its), `item ${pos}, corruption ${how}`).toBe(false);
    }
  });

  it('swapping the proofs of two statements makes it false', () => {
    const its = items.slice();
    const a = its[0] as OrItem;
    const b = its[2] as OrItem;
    its[0] = { ...a, proof: b.proof };
    its[2] = { ...b, proof: a.proof };
    expect(checkAll(its)).toBe(false);
  });

  it('fast-check: random honest mixes of up to 8 proofs verify; one corrupted among them fails', () => {
    const spec = fc.record({
      kind: fc.constantFrom('or' as const, 'product' as const),
      which: fc.constantFrom(1 as const, 2 as const),
      v: fc.bigInt({ min: 1n, max: (1n << 64n) - 1n }),
      a: fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }),
      b: fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }),
      r: fc.array(fc.bigInt({ min: 0n, max: ORDER - 1n }), { minLength: 3, maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.array(spec, { minLength: 1, maxLength: 8 }), fc.nat(), fc.nat(), (specs, badSeed, how) => {
        const made: Item[] = specs.map((s, i) => {
          const [r0, r1, r2] = s.r.map((x) => scalar(x)) as [Scalar, Scalar, Scalar];
          return s.kind === 'or' ? orItem(`mix-${i}`, s.which, s.v, r0, r1) : productItem(`mix-${i}`, s.a, s.b, r0, r1, r2);
        });
        expect(checkAll(made)).toBe(true);
        const bad = badSeed % made.length;
        const its = made.slice();
        its[bad] = corrupt(made[bad]!, how);
        expect(checkAll(its)).toBe(false);
      }),
      { numRuns: 20 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------
// Fixed vectors

const FILE = fileURLToPath(new URL('../vectors/gadgets.json', import.meta.url));
const RNG_SEED = 'gadget-vector-1';
const WITNESS_SEED = 'gadget-vector-1/witnesses';

interface OrVector {
  name: string;
  statement: string;
  which: 1 | 2;
  x: string;
  otherValue: string;
  otherBlinding: string;
  P1: string;
  P2: string;
  proof: string;
}
interface ProductVector {
  name: string;
  statement: string;
  a: string;
  b: string;
  ra: string;
  rb: string;
  rp: string;
  tau: string;
  A: string;
  B: string;
  P: string;
  proof: string;
}
interface GadgetVectors {
  description: string;
  protocol: string;
  rngSeed: string;
  witnessSeed: string;
  or: OrVector[];
  product: ProductVector[];
}

const hexS = (s: Scalar): string => toHex(scalarToBytes(s));
const hexP = (p: Point): string => toHex(p.toBytes());

/** Deterministic statements and witnesses: successive 64-byte blocks of seededRng(WITNESS_SEED). */
function witnesses() {
  const r = seededRng(WITNESS_SEED);
  const next = (): Scalar => scalarFromWide(r(64));
  const or = ([1, 2] as const).map((which, i) => {
    const x = next();
    const otherValue = 1000n + BigInt(i);
    const otherBlinding = next();
    const Pt = commit(0, x);
    const Pf = commit(otherValue, otherBlinding);
    const [P1, P2] = which === 1 ? [Pt, Pf] : [Pf, Pt];
    return { name: `or which=${which}`, statement: `gadget-vector:or:${which}`, which, x, otherValue, otherBlinding, P1, P2 };
  });
  const a = 123456789n;
  const b = 987654321n;
  const ra = next();
  const rb = next();
  const rp = next();
  const product = {
    name: 'product a=123456789 b=987654321',
    statement: 'gadget-vector:product',
    a,
    b,
    ra,
    rb,
    rp,
    tau: sub(rp, mul(scalar(a), rb)),
    A: commit(a, ra),
    B: commit(b, rb),
    P: commit(scalar(a * b), rp),
  };
  return { or, product };
}

function makeProductVector(): ProductVector {
  const w = witnesses().product;
  const t = transcript(w.statement, seededRng(RNG_SEED));
  const proof = proveProduct(t, w.A, w.B, w.P, scalar(w.a), w.ra, w.tau);
  return {
    name: w.name,
    statement: w.statement,
    a: String(w.a),
    b: String(w.b),
    ra: hexS(w.ra),
    rb: hexS(w.rb),
    rp: hexS(w.rp),
    tau: hexS(w.tau),
    A: hexP(w.A),
    B: hexP(w.B),
    P: hexP(w.P),
    proof: toHex(encodeProduct(proof)),
  };
}

function verifyStoredOr(v: Pick<OrVector, 'statement' | 'P1' | 'P2' | 'proof'>): boolean {
  let P1: Point, P2: Point, proof: OrProof;
  try {
    P1 = pointFromBytes(fromHex(v.P1, 32));
    P2 = pointFromBytes(fromHex(v.P2, 32));
    proof = decodeOr(fromHex(v.proof, OR_PROOF_BYTES));
  } catch (e) {
    expect((e as { code?: string }).code).toMatch(/^encoding\./);
    return false;
  }
  const direct = verifyOr(transcript(v.statement), P1, P2, proof);
  const batch = new EquationBatch();
  batchOr(batch, transcript(v.statement), P1, P2, proof);
  expect(batch.check()).toBe(direct);
  return direct;
}

function verifyStoredProduct(v: Pick<ProductVector, 'statement' | 'A' | 'B' | 'P' | 'proof'>): boolean {
  let A: Point, B: Point, P: Point, proof: ProductProof;
  try {
    A = pointFromBytes(fromHex(v.A, 32));
    B = pointFromBytes(fromHex(v.B, 32));
    P = pointFromBytes(fromHex(v.P, 32));
    proof = decodeProduct(fromHex(v.proof, PRODUCT_PROOF_BYTES));
  } catch (e) {
    expect((e as { code?: string }).code).toMatch(/^encoding\./);
    return false;
  }
  const direct = verifyProduct(transcript(v.statement), A, B, P, proof);
  const batch = new EquationBatch();
  batchProduct(batch, transcript(v.statement), A, B, P, proof);
  expect(batch.check()).toBe(direct);
  return direct;
}

/** The hex string with byte i XORed with `mask`. */
function flipHex(hex: string, i: number, mask: number): string {
  const b = fromHex(hex);
  b[i] = b[i]! ^ mask;
  return toHex(b);
}

/**
 * OR vectors: the stored OR proof is checked by verification (it was made before proveOr drew its
 * simulated branch from the transcript rng). When regenerating, a stored OR proof that still verifies
 * for the recomputed statement is kept, so the file only changes when it must.
 */
function makeVectors(previous: GadgetVectors | null): GadgetVectors {
  const w = witnesses();
  const or: OrVector[] = w.or.map((o) => {
    const base = {
      name: o.name,
      statement: o.statement,
      which: o.which,
      x: hexS(o.x),
      otherValue: String(o.otherValue),
      otherBlinding: hexS(o.otherBlinding),
      P1: hexP(o.P1),
      P2: hexP(o.P2),
    };
    const old = previous?.or.find((x) => x.name === o.name);
    if (old && old.P1 === base.P1 && old.P2 === base.P2 && old.statement === base.statement && verifyStoredOr(old)) {
      return { ...base, proof: old.proof };
    }
    const proof = proveOr(transcript(o.statement, seededRng(RNG_SEED)), o.P1, o.P2, o.which, o.x);
    return { ...base, proof: toHex(encodeOr(proof)) };
  });
  return {
    description:
      'OR (src/proofs/or.ts) and product (src/proofs/product.ts) proofs. Transcript: new Transcript("meterproof/v1/test/gadgets", seededRng(rngSeed)) then appendString("test.statement", statement). Witnesses: scalarFromWide of successive 64-byte blocks of seededRng(witnessSeed): x, otherBlinding for each OR vector in order, then ra, rb, rp. The OR proofs are not reproducible (the simulated branch uses the system RNG): tests verify them. The product proof is reproduced byte for byte.',
    protocol: PROTOCOL,
    rngSeed: RNG_SEED,
    witnessSeed: WITNESS_SEED,
    or,
    product: [makeProductVector()],
  };
}

describe('gadget fixed vectors (test/vectors/gadgets.json)', () => {
  const readDoc = (): GadgetVectors | null => (existsSync(FILE) ? (JSON.parse(readFileSync(FILE, 'utf8')) as GadgetVectors) : null);
  if (process.env['UPDATE_VECTORS'] || !existsSync(FILE)) {
    writeFileSync(FILE, JSON.stringify(makeVectors(readDoc()), null, 2) + '\n');
  }
  const doc = readDoc()!;

  it('the vector file exists and has the expected parameters', () => {
    expect(doc).not.toBeNull();
    expect(doc.protocol).toBe(PROTOCOL);
    expect(doc.rngSeed).toBe(RNG_SEED);
    expect(doc.witnessSeed).toBe(WITNESS_SEED);
    expect(doc.or.map((v) => v.which)).toEqual([1, 2]);
    expect(doc.product).toHaveLength(1);
  });

  it('the deterministic statements and witnesses are reproduced', () => {
    const fresh = makeVectors(doc);
    for (const [got, want] of fresh.or.map((v, i) => [v, doc.or[i]!] as const)) {
      const { proof: _p1, ...g } = got;
      const { proof: _p2, ...w } = want;
      expect(g).toEqual(w);
    }
    const { proof: _p3, ...gp } = fresh.product[0]!;
    const { proof: _p4, ...wp } = doc.product[0]!;
    expect(gp).toEqual(wp);
  });

  it('the product proof is reproduced byte for byte', () => {
    expect(makeProductVector().proof).toBe(doc.product[0]!.proof);
  });

  for (let k = 0; k < 2; k++) {
    it(`the stored OR proof #${k + 1} decodes and verifies, and not under another label`, () => {
      const v = doc.or[k]!;
      expect(verifyStoredOr(v)).toBe(true);
      expect(verifyStoredOr({ ...v, statement: v.statement + '!' })).toBe(false);
      expect(verifyStoredOr({ ...v, P1: v.P2, P2: v.P1 })).toBe(false);
      // The stored witness opens the true branch to 0: x·H is that commitment.
      const x = scalarFromBytes(fromHex(v.x, 32));
      expect(hexP(H.multiply(x))).toBe(v.which === 1 ? v.P1 : v.P2);
    });

    it(`changing any byte of OR vector #${k + 1} (proof, P1 or P2) makes it fail`, () => {
      const v = doc.or[k]!;
      for (let i = 0; i < OR_PROOF_BYTES; i++) {
        expect(verifyStoredOr({ ...v, proof: flipHex(v.proof, i, 1 << (i % 8)) }), `proof byte ${i}`).toBe(false);
      }
      for (let i = 0; i < 32; i++) {
        expect(verifyStoredOr({ ...v, P1: flipHex(v.P1, i, 0x01) }), `P1 byte ${i}`).toBe(false);
        expect(verifyStoredOr({ ...v, P2: flipHex(v.P2, i, 0x80 >> i % 8) }), `P2 byte ${i}`).toBe(false);
      }
    });
  }

  it('the stored product proof decodes and verifies; changing any byte makes it fail', () => {
    const v = doc.product[0]!;
    expect(verifyStoredProduct(v)).toBe(true);
    expect(verifyStoredProduct({ ...v, statement: v.statement + '!' })).toBe(false);
    for (let i = 0; i < PRODUCT_PROOF_BYTES; i++) {
      expect(verifyStoredProduct({ ...v, proof: flipHex(v.proof, i, 1 << (i % 8)) }), `proof byte ${i}`).toBe(false);
    }
    for (const key of ['A', 'B', 'P'] as const) {
      for (let i = 0; i < 32; i += 3) {
        expect(verifyStoredProduct({ ...v, [key]: flipHex(v[key], i, 0x04) }), `${key} byte ${i}`).toBe(false);
      }
    }
  });
});
