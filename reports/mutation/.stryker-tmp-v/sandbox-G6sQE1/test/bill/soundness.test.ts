/**
 * The review's forgeries (issue 8), each as a test that failed on the code before the fix:
 *  - revealed figures bound as integers, not residues (fee ± ℓ, line items ± ℓ, a subtotal of S − ℓ
 *    re-proven with a consistent transcript under a minimum charge);
 *  - per-month quantities only on month periods; demand prices that never fall;
 *  - proof shapes that depend on public data only;
 *  - hostile input that costs or crashes; the expected meter.
 * See docs/bounds.md for the argument each test checks.
 */
// @ts-nocheck

import { describe, expect, it } from 'vitest';
import { proveBill, type Figures } from '../../src/bill/prove.js';
import { prepareBill, verifyBill, type VerifyBillInput } from '../../src/bill/verify.js';
import type { Bill } from '../../src/bill/message.js';
import { FIGURE_LIMIT } from '../../src/core/bounds.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { toHex, utf8 } from '../../src/core/bytes.js';
import { signDigest } from '../../src/core/ed25519.js';
import { MeterproofError } from '../../src/core/errors.js';
import { canonicalJson } from '../../src/core/jcs.js';
import { ORDER } from '../../src/core/scalar.js';
import { formatDecimal, parseDecimal, roundAmount } from '../../src/tariff/money.js';
import { parsePeriod } from '../../src/tariff/period.js';
import { plainFee } from '../../src/tariff/plain.js';
import { parseTariff, signTariff } from '../../src/tariff/signed.js';
import { importUrdb } from '../../src/tariff/urdb.js';
import { keys, meterLog, nistIntervals, schedule, signed, touTariff } from '../helpers.js';
import { dayData, tariffOf, TZ } from './nonlinear-fixtures.js';

const provider = keys('provider');
const meter = keys('meter');
const july = nistIntervals().filter((iv) => iv.start >= 1309503600 && iv.start < 1312182000); // 2011-07, Los Angeles
const { log, priv } = meterLog(july, 'nist-july', meter);

const input = (st: unknown, b: unknown, over: Partial<VerifyBillInput> = {}): VerifyBillInput => ({
  bill: b,
  signedTariff: st,
  providerKey: provider.public,
  meterKey: meter.public,
  ...over,
});
const reason = (st: unknown, b: unknown, over: Partial<VerifyBillInput> = {}): string => {
  const r = verifyBill(input(st, b, over));
  return r.ok ? 'accepted' : r.reason;
};
const errorOf = (f: () => unknown): MeterproofError => {
  try {
    f();
  } catch (e) {
    if (e instanceof MeterproofError) return e;
    throw e;
  }
  throw new Error('expected a MeterproofError');
};
/** Signs a tariff document as it is, without the validator: what a hostile or careless provider could publish. */
function signRaw(tariff: unknown) {
  const digest = sha256(utf8(canonicalJson(tariff)));
  return { v: 1, type: 'meterproof/signed-tariff', tariff, digest: toHex(digest), kid: provider.secret.kid, signature: toHex(signDigest('meterproof/v1/tariff', provider.secret.secret, digest)) };
}

describe('revealed figures are integers, not residues (break 1)', () => {
  const st = signed(touTariff({ itemised: false }), provider);
  const tariff = parseTariff(st.tariff);
  const honest = proveBill({ signedTariff: st, log, priv, account: 'a', period: '2011-07' }).bill;
  const withFee = (b: Bill, fee: bigint): Bill => ({
    ...structuredClone(b),
    fee: formatDecimal(fee, tariff.scale),
    amountDue: formatDecimal(roundAmount(fee, tariff.scale, 2, 'half-up'), 2),
  });

  it('the honest bill verifies (control)', () => {
    expect(reason(st, honest)).toBe('accepted');
  });

  it('an honest bill edited to fee − ℓ or fee + ℓ (the old proof) is rejected', () => {
    const fee = parseDecimal(honest.fee, tariff.scale);
    for (const f of [fee - ORDER, fee + ORDER, fee - 2n * ORDER]) expect(reason(st, withFee(honest, f))).toBe('malformed.fee');
  });

  it('a fee just outside 2^160 is rejected by the bound, one inside only by its proof', () => {
    expect(reason(st, withFee(honest, FIGURE_LIMIT))).toBe('malformed.fee');
    expect(reason(st, withFee(honest, -FIGURE_LIMIT))).toBe('malformed.fee');
    expect(reason(st, withFee(honest, FIGURE_LIMIT - 1n))).toBe('proof.linear');
  });

  it('a re-proven fee of F − ℓ, with a consistent transcript, is rejected (adaptive forgery)', () => {
    const forged = proveBill({
      signedTariff: st, log, priv, account: 'a', period: '2011-07',
      dishonestFigures: (f: Figures) => ({ ...f, fee: f.fee - ORDER }),
    }).bill;
    expect(reason(st, forged)).toBe('malformed.fee');
  });

  it('line items shifted by +ℓ and −ℓ (a false itemisation that adds up) are rejected', () => {
    const sti = signed(touTariff({ itemised: true, components: [
      ...touTariff().components,
      { kind: 'tou-energy', name: 'distribution', periods: [{ label: 'all', rate: '31000' }], weekday: schedule(() => 0), weekend: schedule(() => 0) },
    ] }), provider);
    const b = proveBill({ signedTariff: sti, log, priv, account: 'a', period: '2011-07' }).bill;
    expect(reason(sti, b)).toBe('accepted');
    const edited = structuredClone(b);
    const li = edited.lineItems!;
    const shift = (text: string, d: bigint) => formatDecimal(parseDecimal(text, 9) + d, 9);
    li[1]!.fee = shift(li[1]!.fee, ORDER);
    li[2]!.fee = shift(li[2]!.fee, -ORDER);
    expect(reason(sti, edited)).toBe('malformed.fee');
    // The same shift re-proven with a consistent transcript: still refused.
    const forged = proveBill({
      signedTariff: sti, log, priv, account: 'a', period: '2011-07',
      dishonestFigures: (f: Figures) => ({ ...f, lineItems: f.lineItems.map((x, j) => ({ ...x, fee: x.fee + (j === 1 ? ORDER : j === 2 ? -ORDER : 0n) })) }),
    }).bill;
    expect(reason(sti, forged)).toBe('malformed.fee');
  });

  it('under a minimum charge, a subtotal re-proven as S − ℓ does not buy the minimum (the review\'s $20 bill)', () => {
    const stm = signed(touTariff({ components: [...touTariff().components, { kind: 'minimum', name: 'minimum charge', amount: '20000000000', per: 'month' }] }), provider);
    const good = proveBill({ signedTariff: stm, log, priv, account: 'a', period: '2011-07' });
    const ok = verifyBill(input(stm, good.bill));
    expect(ok.ok).toBe(true);
    const forged = proveBill({
      signedTariff: stm, log, priv, account: 'a', period: '2011-07',
      dishonestFigures: (f: Figures) => ({ ...f, subtotal: f.subtotal! - ORDER, fee: 20_000_000_000n }),
    }).bill;
    expect(forged.fee).toBe('20.000000000');
    expect(reason(stm, forged)).toBe('malformed.fee');
  });

  it('a fee of a million digits is turned away by the schema, before any parsing', () => {
    const b = { ...structuredClone(honest), fee: '9'.repeat(1_000_000) };
    expect(reason(st, b)).toBe('malformed.schema');
    expect(reason(st, JSON.stringify(b))).toBe('malformed.schema');
  });

  it('a statement whose fee could exceed 2^160 is refused, naming the fix (polynomials without a capacity)', () => {
    const { capacity: _none, ...poly } = tariffOf([{ kind: 'polynomial-energy', name: 'quartic', coefficients: ['1', '1', '1', '1'] }]);
    const data = dayData();
    const e = errorOf(() => proveBill({ signedTariff: signed(poly, provider), log: data.log, priv: data.priv, account: 'a', period: '2012-03-01/2012-03-02' }));
    expect(e.code).toBe('tariff.unsupported');
    expect(e.message).toMatch(/quartic.*2\^160.*capacity/);
  });
});

describe('per-month quantities only on month periods (break 2)', () => {
  const monthly = touTariff({
    components: [{
      kind: 'tiered-energy', name: 'energy', basis: 'total', per: 'month',
      periods: [{ label: 'all', tiers: [{ upTo: '500000', rate: '200000' }, { rate: '400000' }] }],
      weekday: schedule(() => 0), weekend: schedule(() => 0),
    }],
  });
  const st = signed(monthly, provider);
  const tariff = parseTariff(st.tariff);

  it('a day-range bill under monthly tiers cannot be proven, priced plainly, or verified', () => {
    const days = '2011-07-01/2011-07-01';
    expect(errorOf(() => proveBill({ signedTariff: st, log, priv, account: 'a', period: days })).code).toBe('tariff.period');
    expect(errorOf(() => plainFee(tariff, parsePeriod(days, tariff.timezone), priv.readings)).code).toBe('tariff.period');
    // A bill for that period (built under a per-day variant, then pointed at the monthly tariff): the
    // verifier refuses the statement itself, before any proof.
    const perDay = signed({ ...monthly, components: [{ ...monthly.components[0]!, per: 'day' }] }, provider);
    const b = structuredClone(proveBill({ signedTariff: perDay, log, priv, account: 'a', period: days }).bill);
    b.tariff = st.digest;
    expect(reason(st, b)).toBe('tariff.period');
  });

  it('31 one-day bills no longer undercut the month: the month still bills', () => {
    expect(verifyBill(input(st, proveBill({ signedTariff: st, log, priv, account: 'a', period: '2011-07' }).bill)).ok).toBe(true);
  });

  it('per-day tiers, flat monthly-basis energy and demand still bill a range of days', () => {
    const flat = signed(touTariff({ components: [{ ...monthly.components[0]!, periods: [{ label: 'all', tiers: [{ rate: '200000' }] }] }] }), provider);
    expect(verifyBill(input(flat, proveBill({ signedTariff: flat, log, priv, account: 'a', period: '2011-07-01/2011-07-02' }).bill)).ok).toBe(true);
  });
});

describe('demand prices never fall (break 3)', () => {
  const demand = (rate: string) => tariffOf([{
    kind: 'demand', name: 'demand', periods: [{ label: 'all', tiers: [{ upTo: '2000', rate: '1000000' }, { rate }] }],
    weekday: schedule(() => 0), weekend: schedule(() => 0),
  }]);

  it('signing, parsing and verifying refuse a negative demand rate, naming the component and tier', () => {
    const e = errorOf(() => signTariff(demand('-5'), provider.secret));
    expect(e.code).toBe('tariff.invalid');
    expect(e.message).toMatch(/"demand".*tier 2.*negative demand rate/);
    // A provider that signs it anyway (bypassing the validator): verification refuses the tariff.
    const raw = signRaw(demand('-5'));
    const data = dayData();
    const honestTariff = signed(demand('5'), provider);
    const b = structuredClone(proveBill({ signedTariff: honestTariff, log: data.log, priv: data.priv, account: 'a', period: '2012-03-01/2012-03-02' }).bill);
    b.tariff = raw.digest;
    const r = verifyBill({ bill: b, signedTariff: raw, providerKey: provider.public, meterKey: keys('meter').public });
    expect(r.ok ? 'accepted' : r.reason).toBe('tariff.malformed');
  });

  it('a URDB demand tier whose rate + adj is negative is refused by name', () => {
    const zeros = Array.from({ length: 12 }, () => new Array<number>(24).fill(0));
    const urdb = {
      label: 'neg', name: 'negative demand', utility: 'X',
      energyratestructure: [[{ rate: 0.1 }]], energyweekdayschedule: zeros, energyweekendschedule: zeros,
      flatdemandstructure: [[{ rate: 2, adj: -3 }]], flatdemandmonths: new Array(12).fill(0), flatdemandunit: 'kW',
    };
    const e = errorOf(() => importUrdb(urdb, { timezone: TZ }));
    expect(e.message).toMatch(/flatdemandstructure period 0.*rate \+ adj is -1 \$\/kW.*negative demand price/);
  });
});

describe('proof shapes depend on public data only (break 6)', () => {
  const shapeOf = (b: Bill) => ({
    aux: b.proof.aux?.length,
    range: b.proof.range?.map((r) => r.length),
    or: b.proof.or?.length,
    product: b.proof.product?.length,
    size: JSON.stringify(b.proof).length,
  });
  // Tiers whose last rate is 0: any usage beyond 10 kWh costs the same, so the two bills below have the
  // same fee while one goes ten times further past the breakpoint (the old code sized that range proof
  // from the hidden amount: 16 bits for one bill, 32 for the other).
  const tiered = tariffOf([
    { kind: 'tiered-energy', name: 'energy', basis: 'total', per: 'day', periods: [{ label: 'all', tiers: [{ upTo: '5000', rate: '300000' }, { rate: '0' }] }], weekday: schedule(() => 0), weekend: schedule(() => 0) },
  ], { capacity: '60000' });

  it('two bills with the same fee and very different readings have the same shape and size', () => {
    const st = signed(tiered, provider);
    const period = '2012-03-01/2012-03-02';
    const small = dayData(period, 900, 'small');
    const p = parsePeriod(period, TZ);
    const big = meterLog(small.log.records.map((r, i) => ({ start: r.start, duration: r.duration, values: [i % 3 === 0 ? 9000 : 700] })), 'nl-big', keys('meter'));
    const a = proveBill({ signedTariff: st, log: small.log, priv: small.priv, account: 'a', period }).bill;
    const b = proveBill({ signedTariff: st, log: big.log, priv: big.priv, account: 'a', period }).bill;
    expect(p.end - p.start).toBe(small.log.records.length * 900);
    expect(a.fee).toBe(b.fee);
    expect(shapeOf(a)).toEqual(shapeOf(b));
    const ks = keys('meter');
    for (const [bill] of [[a], [b]] as const) expect(verifyBill({ bill, signedTariff: st, providerKey: provider.public, meterKey: ks.public }).ok).toBe(true);
  });

  it('a reading above the tariff\'s capacity cannot be proven, and the error says so', () => {
    const blocks = tariffOf([
      { kind: 'block-energy', name: 'blocks', periods: [{ label: 'all', tiers: [{ upTo: '50', rate: '300000' }, { rate: '100000' }] }], weekday: schedule(() => 0), weekend: schedule(() => 0) },
    ], { capacity: '400' });
    const st = signed(blocks, provider);
    const data = dayData('2012-03-01/2012-03-02', 900, 'small');
    const e = errorOf(() => proveBill({ signedTariff: st, log: data.log, priv: data.priv, account: 'a', period: '2012-03-01/2012-03-02' }));
    expect(e.code).toBe('statement.capacity');
    expect(e.message).toMatch(/capacity/);
  });
});

describe('hostile input returns a reason, at a cost fixed by public data (break 8)', () => {
  const st = signed(touTariff(), provider);
  const honest = proveBill({ signedTariff: st, log, priv, account: 'a', period: '2011-07' }).bill;

  it('200,000 records out of order are records.order, not internal', () => {
    const c = honest.records.items[0]!.slice(3) as string[];
    const items = Array.from({ length: 200_000 }, (_, i) => [i, 1309503600 + i * 13, 13, ...c] as [number, number, number, ...string[]]);
    [items[5], items[6]] = [items[6]!, items[5]!];
    const b = { ...structuredClone(honest), records: { ...honest.records, count: items.length, firstSeq: 0, items } };
    expect(reason(st, b)).toBe('records.order');
  });

  it('a period label with a year below 1900 is period.invalid, not internal', () => {
    for (const label of ['0050-01', '0099-12', '1899-12']) {
      const b = { ...structuredClone(honest), period: { ...honest.period, label } };
      expect(reason(st, b)).toBe('period.invalid');
    }
  });

  it('prepareBill names the generators the statement needs, whatever the bill claims about its proofs', () => {
    const lin = prepareBill(input(st, honest));
    expect(lin.ok && lin.rangeGenerators).toBe(0);
    // A linear tariff's bill that carries a huge "range proof" gains nothing: it is refused, and the
    // statement (public) still needs no generators.
    const b = structuredClone(honest);
    b.proof.range = ['00'.repeat(32 * 39)];
    const p = prepareBill(input(st, b));
    expect(p.ok && p.rangeGenerators).toBe(0);
    expect(p.ok && p.verify()).toMatchObject({ ok: false, reason: 'proof.count' });
  });
});

describe('the expected meter (break 9)', () => {
  const st = signed(touTariff(), provider);
  const honest = proveBill({ signedTariff: st, log, priv, account: 'a', period: '2011-07' }).bill;
  it('a bill for another meter than the one expected is meter.mismatch', () => {
    expect(reason(st, honest, { expect: { meter: 'nist-july' } })).toBe('accepted');
    expect(reason(st, honest, { expect: { meter: 'other-meter' } })).toBe('meter.mismatch');
  });
});
