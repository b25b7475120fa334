/**
 * Nonces and blindings under a weak rng (issue 8, point 7), outside the range prover (see
 * test/rangeproof/weak-rng.test.ts for that): the sigma proofs (Schnorr, CDS OR, one-of, product) and
 * a Statement's auxiliary blindings and range-job keys. Every one is derived from the transcript and the
 * witness under a label of its own, so with a constant rng
 *   - the values one proof draws are distinct, and two proofs about different witnesses share none;
 *   - (d) auxiliary blindings are distinct, not the rng's output, and change with the witness;
 * while a seeded rng still reproduces every byte, and a range job proves the same bytes wherever it runs.
 */
// @ts-nocheck

import { describe, expect, it } from 'vitest';
import { proveBill, proveBillAsync } from '../../src/bill/prove.js';
import { verifyBill } from '../../src/bill/verify.js';
import { toHex } from '../../src/core/bytes.js';
import { H } from '../../src/core/generators.js';
import { commit } from '../../src/core/pedersen.js';
import type { Point } from '../../src/core/point.js';
import { seededRng, type Rng } from '../../src/core/rng.js';
import { mul as smul, scalar, scalarFromWide, sub as ssub, type Scalar } from '../../src/core/scalar.js';
import { Transcript } from '../../src/core/transcript.js';
import { proveOneOf, verifyOneOf } from '../../src/proofs/oneof.js';
import { proveOr, verifyOr } from '../../src/proofs/or.js';
import { proveProduct, verifyProduct } from '../../src/proofs/product.js';
import { proveSchnorr, verifySchnorr } from '../../src/proofs/schnorr.js';
import { add, constant, sub } from '../../src/statement/expr.js';
import { proveConstraints, proveRangeJob, proveRangeJobAsync, verifyConstraints } from '../../src/statement/proof.js';
import { Statement, type RecordWitness } from '../../src/statement/system.js';
import type { MsmBatch } from '../../src/proofs/rangeproof/index.js';
import { msm } from '../../src/core/msm.js';
import { keys, schedule, signed } from '../helpers.js';
import { dayData, tariffOf } from '../bill/nonlinear-fixtures.js';
import { WEAK } from '../core/weak-rng.js';

const PROTOCOL = 'meterproof/v1/test/nonces';
const wrng = seededRng('nonces-tests/witnesses');
const rs = (): Scalar => scalarFromWide(wrng(64));
const tr = (rng: Rng, statement = 'nonces') => new Transcript(PROTOCOL, rng).appendString('test.statement', statement);
const distinct = (xs: readonly unknown[]) => new Set(xs.map((x) => (typeof x === 'bigint' ? x : toHex((x as Point).toBytes())))).size === xs.length;
const hex = (p: Point) => toHex(p.toBytes());

/** A small statement over three records: two tier-like auxiliaries, their product, ranges of two widths, an OR. */
function statement(values: readonly bigint[], openings: readonly Scalar[], withWitness = true) {
  const witness: RecordWitness = { value: (i) => values[i]!, blinding: (i) => openings[i]! };
  const st = withWitness ? new Statement(3, 1, witness) : new Statement(3, 1);
  const [r0, r1, r2] = [0, 1, 2].map((i) => st.record(i, 0)) as [ReturnType<Statement['record']>, ReturnType<Statement['record']>, ReturnType<Statement['record']>];
  const a = st.auxiliary(() => values[0]! + values[1]!, 1n << 16n);
  const b = st.auxiliary(() => 2n * values[2]!, 1n << 8n);
  const p = st.auxiliary(() => (values[0]! + values[1]!) * 2n * values[2]!, 1n << 24n);
  st.range(a, 16);
  st.range(b, 8);
  st.range(r2, 8);
  st.zeroOr(sub(a, add(r0, r1)), constant(1n));
  st.product(a, b, p);
  const points = values.map((v, i) => commit(v, openings[i]!));
  return { st, recordPoint: (id: number) => points[id]! };
}

describe('sigma proofs under a weak rng', () => {
  for (const [name, rng] of WEAK) {
    it(`${name}: Schnorr nonces differ between witnesses and are not the rng's`, () => {
      const [x1, x2] = [rs(), rs()];
      const p1 = proveSchnorr(tr(rng), H, H.multiply(x1), x1);
      const p2 = proveSchnorr(tr(rng), H, H.multiply(x2), x2);
      expect(verifySchnorr(tr(rng), H, H.multiply(x1), p1)).toBe(true);
      expect(p1.R.equals(p2.R)).toBe(false);
      expect(p1.R.equals(H.multiplyUnsafe(scalarFromWide(rng(64))))).toBe(false);
    });

    it(`${name}: a CDS OR proof draws three distinct values, other witnesses others`, () => {
      const [x1, x2] = [rs(), rs()];
      const P2 = commit(5, rs());
      const p1 = proveOr(tr(rng), commit(0, x1), P2, 1, x1);
      const p2 = proveOr(tr(rng), commit(0, x2), P2, 1, x2);
      expect(verifyOr(tr(rng), commit(0, x1), P2, p1)).toBe(true);
      // the simulated branch shows c_2 = c − c_1 and s_2 directly; R_1 = k·H
      expect(distinct([p1.c1, p1.s1, p1.s2])).toBe(true);
      expect(distinct([p1.R1, p1.R2, p2.R1, p2.R2])).toBe(true);
      expect(p1.s2).not.toBe(p2.s2);
    });

    it(`${name}: a one-of proof draws its own c_i, s_i for every simulated branch`, () => {
      const x = rs();
      const P = [commit(3, rs()), commit(0, x), commit(4, rs()), commit(9, rs()), commit(1, rs())];
      const p = proveOneOf(tr(rng), P, 1, x);
      expect(verifyOneOf(tr(rng), P, p)).toBe(true);
      expect(distinct([...p.c.slice(0, 4), ...p.s])).toBe(true);
      expect(distinct(p.R)).toBe(true);
    });

    it(`${name}: product proofs of different witnesses share no commitment`, () => {
      const prove = (a: bigint) => {
        const [ra, rb, rp] = [rs(), rs(), rs()];
        const A = commit(a, ra);
        const B = commit(6n, rb);
        const P = commit(6n * a, rp);
        const proof = proveProduct(tr(rng), A, B, P, scalar(a), ra, ssub(rp, smul(scalar(a), rb)));
        expect(verifyProduct(tr(rng), A, B, P, proof)).toBe(true);
        return proof;
      };
      const [p1, p2] = [prove(7n), prove(8n)];
      expect(distinct([p1.T1, p1.T2, p2.T1, p2.T2])).toBe(true);
    });
  }
});

describe('a statement under a weak rng: auxiliary blindings and range jobs', () => {
  const values = [10n, 20n, 30n];
  const openings = [rs(), rs(), rs()];

  for (const [name, rng] of WEAK) {
    it(`${name}: (d) aux blindings are distinct, not the rng's output, and the proofs verify`, () => {
      const { st, recordPoint } = statement(values, openings);
      const proofs = proveConstraints(st, tr(rng), recordPoint);
      const { blindings } = st.auxOpenings();
      expect(blindings).toHaveLength(3);
      expect(distinct(blindings)).toBe(true);
      const weak = [0n, scalarFromWide(rng(64)), scalarFromWide(new Uint8Array([...rng(32), ...rng(32)]))];
      for (const b of blindings) expect(weak).not.toContain(b);
      const v = statement(values, openings, false);
      expect(verifyConstraints(v.st, tr(rng), v.recordPoint, proofs)).toMatchObject({ ok: true });
    });

    it(`${name}: (b) two witnesses of one statement share no blinding, job key or nonce`, () => {
      const one = statement(values, openings);
      const two = statement([10n, 20n, 31n], openings);
      const p1 = proveConstraints(one.st, tr(rng), one.recordPoint, { deferRange: true });
      const p2 = proveConstraints(two.st, tr(rng), two.recordPoint, { deferRange: true });
      expect(distinct([...one.st.auxOpenings().blindings, ...two.st.auxOpenings().blindings])).toBe(true);
      const keys = [...p1.rangeJobs, ...p2.rangeJobs].map((j) => j.rngKey);
      expect(p1.rangeJobs.length).toBeGreaterThan(1); // two widths, two jobs
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys).not.toContain(toHex(rng(32)));
      expect(p1.or).not.toEqual(p2.or);
      expect(p1.product).not.toEqual(p2.product);
      expect(p1.rangeJobs.map(proveRangeJob)).not.toEqual(p2.rangeJobs.map(proveRangeJob));
    });
  }

  it('a seeded rng reproduces every byte; another seed changes every blinding', () => {
    const run = (seed: string) => {
      const { st, recordPoint } = statement(values, openings);
      return { proofs: proveConstraints(st, tr(seededRng(seed)), recordPoint), blindings: st.auxOpenings().blindings };
    };
    const [a, b, c] = [run('s'), run('s'), run('t')];
    expect(b).toEqual(a);
    for (const x of c.blindings) expect(a.blindings).not.toContain(x);
  });

  it('forgeAux still works: the blindings are derived after it, from the forged values', () => {
    const { st, recordPoint } = statement(values, openings);
    st.forgeAux(1, 61n);
    const proofs = proveConstraints(st, tr(seededRng('forge')), recordPoint, { unchecked: true });
    const { values: aux, blindings } = st.auxOpenings();
    expect(aux[1]).toBe(61n);
    expect(proofs.aux[1]).toBe(hex(commit(61n, blindings[1]!)));
    const v = statement(values, openings, false);
    expect(verifyConstraints(v.st, tr(seededRng('forge')), v.recordPoint, proofs)).toMatchObject({ ok: false, reason: 'proof.product' });
  });

  it('a range job gives the same bytes in this thread, through the async driver, and from a copy of its data', async () => {
    const { st, recordPoint } = statement(values, openings);
    const { rangeJobs } = proveConstraints(st, tr(seededRng('jobs')), recordPoint, { deferRange: true });
    const exec = async (b: MsmBatch) => b.msms.map((m) => msm(m.points, m.scalars));
    for (const job of rangeJobs) {
      const copy = JSON.parse(JSON.stringify(job)) as typeof job;
      expect(proveRangeJob(copy)).toBe(proveRangeJob(job));
      expect(await proveRangeJobAsync(job, exec)).toBe(proveRangeJob(job));
    }
  });
});

describe('a bill under a weak rng, and its range jobs', () => {
  const provider = keys('provider');
  const meter = keys('meter');
  const period = '2012-03-01/2012-03-01';
  const data = dayData(period, 3 * 3600); // 8 records: small proofs
  const flat = schedule(() => 0);
  const blocks = signed(
    tariffOf([{ kind: 'block-energy', name: 'blocks', periods: [{ label: 'all', tiers: [{ upTo: '100', rate: '300' }, { upTo: '250', rate: '200' }, { rate: '100' }] }], weekday: flat, weekend: flat }]),
    provider,
  );
  const input = (rng: Rng) => ({ signedTariff: blocks, log: data.log, priv: data.priv, account: 'a', period, rng });

  for (const [name, rng] of WEAK) {
    it(`${name}: a bill verifies and its aux commitments are all distinct`, () => {
      const { bill } = proveBill(input(rng));
      expect(verifyBill({ bill, signedTariff: blocks, providerKey: provider.public, meterKey: meter.public })).toMatchObject({ ok: true });
      const aux = (bill.proof as { aux?: string[] }).aux ?? [];
      expect(aux.length).toBeGreaterThan(10);
      expect(new Set(aux).size).toBe(aux.length);
    });
  }

  it('with a seeded rng, range jobs run elsewhere give the bill proved in one thread, byte for byte', async () => {
    const inThread = proveBill(input(seededRng('bill-jobs')));
    const viaJobs = await proveBillAsync(input(seededRng('bill-jobs')), async (jobs) => jobs.map((j) => proveRangeJob(JSON.parse(JSON.stringify(j)))));
    expect(viaJobs.bill).toEqual(inThread.bill);
  });
});
