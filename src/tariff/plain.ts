/**
 * The plaintext reference calculator: the fee straight from the readings, reading by reading, with no
 * cryptography. Tests and the demo compare every proven fee with it.
 */
import { MeterproofError } from '../core/errors.js';
import type { Tariff } from './model.js';
import type { BillingPeriod } from './period.js';
import { checkCoverage, checkTariffConsistency, energyPricer, fixedAmount } from './rates.js';

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
  const readings = allReadings.filter((r) => r.start >= period.start && r.start < period.end);
  checkCoverage(period, readings);
  const items = tariff.components.map((c) => {
    let amount = fixedAmount(c, period);
    const pricer = energyPricer(c, tariff);
    if (pricer) {
      for (const r of readings) {
        const q = r.values[pricer.register];
        if (q === undefined) throw new MeterproofError('tariff.register', `component "${c.name}" prices register ${pricer.register}, which the meter does not have`);
        amount += pricer.rate(r) * BigInt(q);
      }
    }
    return { component: c.name, amount };
  });
  return { total: items.reduce((s, i) => s + i.amount, 0n), items };
}
