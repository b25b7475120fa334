/**
 * Net metering on a two-register meter (import, export): export credited at sell rates (a linear
 * component with negative rates), true net metering per time-of-use period (the net split gadget),
 * negative totals and their rounding, and the ways a bill can cheat, each rejected with its reason.
 */
// @ts-nocheck

import { describe, expect, it } from 'vitest';
import type { Bill } from '../../src/bill/message.js';
import { proveBill } from '../../src/bill/prove.js';
import { verifyBill } from '../../src/bill/verify.js';
import type { Statement } from '../../src/statement/system.js';
import { formatDecimal, roundAmount } from '../../src/tariff/money.js';
import { parsePeriod } from '../../src/tariff/period.js';
import { plainFee } from '../../src/tariff/plain.js';
import { parseTariff } from '../../src/tariff/signed.js';
import { signed } from '../helpers.js';
import { meter, netLog, netTariff, peakSchedule, provider, solarIntervals, TZ } from './net-fixtures.js';

const june = parsePeriod('2011-06', TZ);
const week = '2011-06-06/2011-06-12';
// A 3 kW array: in June it exports at midday and imports in the evening.
const data = netLog('june-3kw', solarIntervals(june.start, june.end, 3));
// A 9 kW array: it exports far more than the home takes, so the bill is a credit.
const big = netLog('june-9kw', solarIntervals(june.start, june.end, 9));

function run(tariffJson: unknown, period = '2011-06', d = data, dishonest?: (st: Statement) => void) {
  const st = signed(tariffJson, provider);
  const tariff = parseTariff(st.tariff);
  const { bill } = proveBill({ signedTariff: st, log: d.log, priv: d.priv, account: 'a', period, ...(dishonest ? { dishonest } : {}) });
  const plain = plainFee(tariff, parsePeriod(period, TZ), d.priv.readings);
  const verify = (b: unknown = bill) => verifyBill({ bill: b, signedTariff: st, providerKey: provider.public, meterKey: meter.public });
  const reason = (b: unknown = bill) => {
    const r = verify(b);
    return r.ok ? 'accepted' : r.reason;
  };
  return { st, tariff, bill, plain, verify, reason, fee: formatDecimal(plain.total, tariff.scale) };
}

const zeros = Array.from({ length: 12 }, () => new Array<number>(24).fill(0));
const energy = { kind: 'tou-energy', name: 'energy', register: 0, periods: [{ label: 'off-peak', rate: '250000' }, { label: 'peak', rate: '450000' }], weekday: peakSchedule, weekend: peakSchedule };
const exportCredit = { kind: 'tou-energy', name: 'export credit', register: 1, periods: [{ label: 'off-peak', rate: '-40000' }, { label: 'peak', rate: '-90000' }], weekday: peakSchedule, weekend: peakSchedule };
const daily = { kind: 'fixed', name: 'daily charge', amount: '330000000', per: 'day' };
/** True net metering: sell above buy off-peak, so only the OR keeps the prover from inflating both parts. */
const netEnergy = { kind: 'net-energy', name: 'net energy', periods: [{ label: 'off-peak', buy: '250000', sell: '300000' }, { label: 'peak', buy: '450000', sell: '120000' }], weekday: peakSchedule, weekend: peakSchedule };

/** Per-period net Wh of a run of readings (import − export). */
function nets(period: string, d = data): bigint[] {
  const p = parsePeriod(period, TZ);
  const out = [0n, 0n];
  for (const r of d.priv.readings) {
    if (r.start < p.start || r.start >= p.end) continue;
    const h = new Date((r.start - 7 * 3600) * 1000).getUTCHours(); // PDT all June
    out[h >= 16 && h < 21 ? 1 : 0]! += BigInt(r.values[0]! - r.values[1]!);
  }
  return out;
}

describe('export credited at sell rates (linear, negative rates on register 1)', () => {
  it('the synthetic data exports and imports, never both in one hour', () => {
    const rs = data.priv.readings;
    expect(rs.some((r) => r.values[1]! > 0)).toBe(true);
    expect(rs.some((r) => r.values[0]! > 0)).toBe(true);
    expect(rs.every((r) => r.values[0] === 0 || r.values[1] === 0)).toBe(true);
  });

  it('proven = plain, itemised, the credit a negative line item', () => {
    const r = run(netTariff([daily, energy, exportCredit], { itemised: true }));
    expect(r.verify()).toMatchObject({ ok: true, fee: r.fee, amountDue: r.bill.amountDue });
    const res = r.verify();
    if (!res.ok) throw new Error(res.detail);
    expect(res.lineItems!.map((l) => l.fee)).toEqual(r.plain.items.map((i) => formatDecimal(i.amount, 9)));
    expect(res.lineItems![2]!.fee.startsWith('-')).toBe(true);
    expect(r.bill.proof.range).toBeUndefined(); // linear only: no range proofs
  });

  it('a negative total (a 9 kW array, export credited near the retail price): proven = plain, amount due rounded as the tariff says', () => {
    const generous = { ...exportCredit, periods: [{ label: 'off-peak', rate: '-200000' }, { label: 'peak', rate: '-400000' }] };
    const r = run(netTariff([daily, energy, generous]), '2011-06', big);
    expect(r.plain.total).toBeLessThan(0n);
    expect(r.verify()).toMatchObject({ ok: true, fee: r.fee, amountDue: formatDecimal(roundAmount(r.plain.total, 9, 2, 'half-up'), 2) });
    expect(r.fee.startsWith('-')).toBe(true);
  });

  it('a wrong fee is rejected: proof.linear', () => {
    const r = run(netTariff([daily, energy, exportCredit]));
    const b: Bill = structuredClone(r.bill);
    b.fee = formatDecimal(r.plain.total + 1n, 9);
    expect(r.reason(b)).toBe('proof.linear');
    // Crediting export at the import price's sign (a bill that adds the export instead of subtracting it).
    const exp = r.plain.items[2]!.amount;
    b.fee = formatDecimal(r.plain.total - 2n * exp, 9);
    b.amountDue = formatDecimal(roundAmount(r.plain.total - 2n * exp, 9, 2, 'half-up'), 2);
    expect(r.reason(b)).toBe('proof.linear');
  });
});

describe('rounding a negative total follows the tariff mode exactly', () => {
  it('roundAmount is symmetric: half away from zero (half-up), to even (half-even)', () => {
    const cases: [string, string, string][] = [
      // total, half-up, half-even
      ['-12.345000000', '-12.35', '-12.34'],
      ['-12.355000000', '-12.36', '-12.36'],
      ['-12.344999999', '-12.34', '-12.34'],
      ['-12.345000001', '-12.35', '-12.35'],
      ['-0.005000000', '-0.01', '0.00'],
      ['-0.004999999', '0.00', '0.00'],
    ];
    for (const [total, up, even] of cases) {
      const v = BigInt(total.replace('.', ''));
      expect(formatDecimal(roundAmount(v, 9, 2, 'half-up'), 2)).toBe(up);
      expect(formatDecimal(roundAmount(v, 9, 2, 'half-even'), 2)).toBe(even);
      expect(roundAmount(v, 9, 2, 'half-up')).toBe(-roundAmount(-v, 9, 2, 'half-up'));
      expect(roundAmount(v, 9, 2, 'half-even')).toBe(-roundAmount(-v, 9, 2, 'half-even'));
    }
  });

  it.each([
    ['half-up', -12345000000n, '-12.35'],
    ['half-even', -12345000000n, '-12.34'],
    ['half-even', -12355000000n, '-12.36'],
  ] as const)('a proven bill of exactly %s %s is due as %s', (mode, target, due) => {
    // One day billed, with a daily adjustment that lands the plain total exactly on the half-cent.
    const oneDay = '2011-06-07/2011-06-07';
    const b1 = run(netTariff([energy, exportCredit]), oneDay, big);
    const exact = netTariff([energy, exportCredit, { kind: 'fixed', name: 'adjustment', amount: String(target - b1.plain.total), per: 'day' }], { rounding: { decimals: 2, mode } });
    const r1 = run(exact, oneDay, big);
    expect(r1.plain.total).toBe(target);
    expect(r1.verify()).toMatchObject({ ok: true, fee: formatDecimal(target, 9), amountDue: due });
    const b: Bill = structuredClone(r1.bill);
    b.amountDue = formatDecimal(BigInt(due.replace('.', '')) + 1n, 2); // one cent off, towards zero
    expect(r1.reason(b)).toBe('amount.rounding');
  });
});

describe('true net metering (net-energy: per time-of-use period, net = import − export)', () => {
  it('the June data nets negative off-peak and positive at peak', () => {
    const [off, peak] = nets('2011-06');
    expect(off).toBeLessThan(0n);
    expect(peak).toBeGreaterThan(0n);
  });

  it('proven = plain, itemised (a credit off-peak at the sell rate, a charge at peak at the buy rate)', () => {
    const r = run(netTariff([daily, netEnergy], { itemised: true }));
    const [off, peak] = nets('2011-06');
    expect(r.plain.items[1]!.amount).toBe(off! * 300000n + peak! * 450000n);
    expect(r.verify()).toMatchObject({ ok: true, fee: r.fee, lineItems: r.plain.items.map((i) => ({ component: i.component, fee: formatDecimal(i.amount, 9) })) });
  });

  it('a negative total (9 kW): proven = plain', () => {
    const r = run(netTariff([daily, netEnergy]), '2011-06', big);
    expect(r.plain.total).toBeLessThan(0n);
    expect(r.verify()).toMatchObject({ ok: true, fee: r.fee, amountDue: formatDecimal(roundAmount(r.plain.total, 9, 2, 'half-up'), 2) });
  });

  it('a period with no readings in it costs nothing; a net of exactly zero is neither charged nor credited', () => {
    const zero = Array.from({ length: 24 }, (_, i) => ({ start: parsePeriod('2011-06-01/2011-06-01', TZ).start + 3600 * i, duration: 3600, values: i % 2 === 0 ? [500, 0] : [0, 500] }));
    const d = netLog('zero-net', zero);
    const allOff = { ...netEnergy, weekday: zeros, weekend: zeros };
    const r = run(netTariff([allOff]), '2011-06-01/2011-06-01', d);
    expect(r.plain.total).toBe(0n);
    expect(r.verify()).toMatchObject({ ok: true, fee: '0.000000000' });
  });

  it('refuses a tariff whose import and export registers are the same', () => {
    expect(() => signed(netTariff([{ ...netEnergy, export: 0 }]), provider)).toThrow(/must differ/);
  });
});

describe('a dishonest net-metering prover is caught', () => {
  // Aux j is the positive part P of period j (0 off-peak, 1 peak); the negative part is M = P − N.
  const t = netTariff([netEnergy]);
  const [off, peak] = nets(week);

  it('the honest bill verifies (control), with the week netting negative off-peak and positive at peak', () => {
    expect(off).toBeLessThan(0n);
    expect(peak).toBeGreaterThan(0n);
    expect(run(t, week).reason()).toBe('accepted');
  });

  it('both parts inflated (P = d, M = d − N off-peak, sell > buy, so it pays less): proof.or', () => {
    const honest = run(t, week);
    const r = run(t, week, data, (st) => st.forgeAux(0, 1000n));
    expect(BigInt(r.bill.fee.replace('.', ''))).toBeLessThan(BigInt(honest.bill.fee.replace('.', '')));
    expect(r.reason()).toBe('proof.or');
  });

  it('a positive net declared as a credit (P = 0, so M = −N < 0): proof.range', () => {
    const r = run(t, week, data, (st) => st.forgeAux(1, 0n));
    expect(r.reason()).toBe('proof.range');
  });

  it('a negative net declared as a negative charge (P = N < 0, M = 0): proof.range', () => {
    const r = run(t, week, data, (st) => st.forgeAux(0, off!));
    expect(r.reason()).toBe('proof.range');
  });

  it('the fee claimed for the honest split, off by one: proof.linear', () => {
    const r = run(t, week);
    const b: Bill = structuredClone(r.bill);
    b.fee = formatDecimal(r.plain.total - 1n, 9);
    b.amountDue = formatDecimal(roundAmount(r.plain.total - 1n, 9, 2, 'half-up'), 2);
    expect(r.reason(b)).toBe('proof.linear');
  });
});

describe('records of another register order', () => {
  const t = netTariff([daily, energy, exportCredit]);

  it('import and export commitments swapped in the bill (export charged as import): chain.hash', () => {
    const r = run(t, week);
    const b: Bill = structuredClone(r.bill);
    b.records.items = b.records.items.map(([seq, start, dur, c0, c1]) => [seq, start, dur, c1!, c0!]);
    expect(r.reason(b)).toBe('chain.hash');
  });

  it('a meter whose log lists export first: the prover refuses it by name', () => {
    const swapped = netLog('swapped', solarIntervals(june.start, june.end, 3).map((iv) => ({ ...iv, values: [iv.values[1]!, iv.values[0]!] })), ['export', 'import']);
    expect(() => proveBill({ signedTariff: signed(t, provider), log: swapped.log, priv: swapped.priv, account: 'a', period: week })).toThrow(/registers \[import, export\] in that order, but the meter log has \[export, import\]/);
  });

  it('a validly signed one-register run billed under the two-register tariff: meter.registers', () => {
    const one = netLog('one-register', solarIntervals(june.start, june.end, 3).map((iv) => ({ ...iv, values: [iv.values[0]!] })), ['import']);
    const importOnly = { ...t, registers: ['import'], components: [daily, energy] };
    const { bill } = proveBill({ signedTariff: signed(importOnly, provider), log: one.log, priv: one.priv, account: 'a', period: week });
    const st2 = signed(t, provider);
    const b: Bill = { ...structuredClone(bill), tariff: st2.digest };
    const r = verifyBill({ bill: b, signedTariff: st2, providerKey: provider.public, meterKey: meter.public });
    expect(r).toMatchObject({ ok: false, reason: 'meter.registers', detail: 'the tariff prices registers [import, export] in that order, but the meter has [import]' });
    // The prover refuses the same up front.
    const noNames = { ...t, registers: undefined };
    expect(() => proveBill({ signedTariff: signed(noNames, provider), log: one.log, priv: one.priv, account: 'a', period: week })).toThrow(/register 1, which the meter does not have/);
  });

  it('a log in another unit: the prover refuses it', () => {
    const km = { ...t, unit: 'm' };
    expect(() => proveBill({ signedTariff: signed(km, provider), log: data.log, priv: data.priv, account: 'a', period: week })).toThrow(/counts in Wh, but the tariff prices m/);
  });
});

describe('tariff checks for several registers and other units', () => {
  it('a component pricing a register the tariff does not name is refused', () => {
    expect(() => signed(netTariff([energy, exportCredit], { registers: ['import'] }), provider)).toThrow(/prices register 1, but the tariff names 1 register/);
  });

  it('a demand charge needs energy in Wh', () => {
    const demand = { kind: 'demand', name: 'demand', periods: [{ label: 'all', tiers: [{ rate: '1' }] }], weekday: zeros, weekend: zeros };
    expect(() => signed(netTariff([demand], { unit: 'm', registers: undefined }), provider)).toThrow(/demand charges price power from energy in Wh, but this tariff's unit is m/);
    expect(() => signed(netTariff([energy], { unit: 'cpu-s', registers: undefined }), provider)).not.toThrow();
  });
});
