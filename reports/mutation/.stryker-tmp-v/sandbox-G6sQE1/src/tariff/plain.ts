/**
 * The plaintext reference calculator: the fee straight from the readings, reading by reading, with no
 * cryptography. Tests and the demo compare every proven fee with it.
 */
// @ts-nocheck

import { MeterproofError } from '../core/errors.js';
import type { Tariff } from './model.js';
import type { BillingPeriod } from './period.js';
import { checkBillingPeriod, checkCoverage, checkTariffConsistency, demandFactor, energyPricer, fixedAmount, netPrice, scheduledPeriod, tieredPrice } from './rates.js';

export interface PlainReading {
  readonly start: number;
  readonly duration: number;
  readonly values: readonly number[];
}

export interface PlainBill {
  readonly total: bigint;
  readonly items: { component: string; amount: bigint }[];
}

/** The fee of `period`, from whichever of `readings` fall in it; they must cover it exactly. */
export function plainFee(tariff: Tariff, period: BillingPeriod, allReadings: readonly PlainReading[]): PlainBill {
  checkTariffConsistency(tariff);
  checkBillingPeriod(tariff, period);
  const readings = allReadings.filter((r) => r.start >= period.start && r.start < period.end);
  checkCoverage(period, readings);
  const q = (r: PlainReading, register: number, component: string): bigint => {
    const v = r.values[register];
    if (v === undefined) throw new MeterproofError('tariff.register', `component "${component}" prices register ${register}, which the meter does not have`);
    return BigInt(v);
  };
  const days = BigInt(period.days);
  const tz = tariff.timezone;
  const items = tariff.components.map((c): { component: string; amount: bigint } => {
    switch (c.kind) {
      case 'fixed':
        return { component: c.name, amount: fixedAmount(c, period) };
      case 'tou-energy':
      case 'interval-prices': {
        const pricer = energyPricer(c, tariff)!;
        let amount = 0n;
        for (const r of readings) amount += pricer.rate(r) * q(r, c.register, c.name);
        return { component: c.name, amount };
      }
      case 'net-energy': {
        // N_p = Σ_{i∈p} (import − export); buy_p·max(N_p, 0) − sell_p·max(−N_p, 0).
        const nets = c.periods.map(() => 0n);
        for (const r of readings) nets[scheduledPeriod(c, r, tz)]! += q(r, c.import, c.name) - q(r, c.export, c.name);
        return { component: c.name, amount: nets.reduce((s, n, p) => s + netPrice(n, c.periods[p]!), 0n) };
      }
      case 'tiered-energy': {
        const totals = c.periods.map(() => 0n);
        for (const r of readings) totals[c.basis === 'total' ? 0 : scheduledPeriod(c, r, tz)]! += q(r, c.register, c.name);
        const mult = c.per === 'day' ? days : 1n;
        return { component: c.name, amount: totals.reduce((s, x, p) => s + tieredPrice(x, c.periods[p]!.tiers, mult), 0n) };
      }
      case 'block-energy': {
        let amount = 0n;
        for (const r of readings) amount += tieredPrice(q(r, c.register, c.name), c.periods[scheduledPeriod(c, r, tz)]!.tiers);
        return { component: c.name, amount };
      }
      case 'polynomial-energy': {
        let amount = 0n;
        for (const r of readings) {
          const x = q(r, c.register, c.name);
          let pow = 1n;
          for (const a of c.coefficients) amount += BigInt(a) * (pow *= x);
        }
        return { component: c.name, amount };
      }
      case 'demand': {
        // Largest interval demand per period; a period with no interval in the bill has no demand.
        const peaks = c.periods.map(() => 0n);
        for (const r of readings) {
          const p = scheduledPeriod(c, r, tz);
          const w = q(r, c.register, c.name) * demandFactor(r.duration);
          if (w > peaks[p]!) peaks[p] = w;
        }
        return { component: c.name, amount: peaks.reduce((s, d, p) => s + tieredPrice(d, c.periods[p]!.tiers), 0n) };
      }
      case 'minimum':
        return { component: c.name, amount: 0n }; // settled below, once the rest is known
    }
  });
  const subtotal = items.reduce((s, i) => s + i.amount, 0n);
  const min = tariff.components.find((c) => c.kind === 'minimum');
  if (min) {
    const floor = BigInt(min.amount) * (min.per === 'day' ? days : 1n);
    items.find((i) => i.component === min.name)!.amount = subtotal < floor ? floor - subtotal : 0n;
  }
  return { total: items.reduce((s, i) => s + i.amount, 0n), items };
}
