/**
 * A two-register meter (import, export) for the net-metering tests: the NIST home's hourly load with a
 * synthetic rooftop solar array. Each hour the meter sees load − generation: a surplus is exported,
 * a shortfall imported, so in every record one of the two registers is 0.
 */
// @ts-nocheck

import { seededRng } from '../../src/core/rng.js';
import { buildLog, type MeterInterval } from '../../src/meter/log.js';
import { localTime } from '../../src/tariff/calendar.js';
import { keys, nistIntervals } from '../helpers.js';

export const TZ = 'America/Los_Angeles';
export const REGISTERS = ['import', 'export'];
export const meter = keys('meter');
export const provider = keys('provider');

/** Generation in Wh of an hour starting at local hour h in month m (1-12): a sine from 06:00 to 19:00, peak `kw` kW. */
export function solarWh(h: number, m: number, kw: number): number {
  const season = 0.65 + 0.35 * Math.cos(((m - 6.5) / 6) * Math.PI); // 1 in June/July, 0.3 in December
  const x = (h + 0.5 - 6) / 13;
  return x <= 0 || x >= 1 ? 0 : Math.round(kw * 1000 * season * Math.sin(Math.PI * x));
}

/** Import and export per hour for the NIST home with a `kw` array, over [from, to) (Unix seconds). */
export function solarIntervals(from: number, to: number, kw: number): MeterInterval[] {
  return nistIntervals()
    .filter((iv) => iv.start >= from && iv.start < to)
    .map((iv) => {
      const t = localTime(iv.start, TZ);
      const net = iv.values[0]! - solarWh(t.hour, t.month, kw);
      return { start: iv.start, duration: iv.duration, values: [Math.max(net, 0), Math.max(-net, 0)] };
    });
}

const logs = new Map<string, ReturnType<typeof buildLog>>();
/** The signed log and private file of `intervals` (memoised by name: signing takes a moment). */
export function netLog(name: string, intervals: readonly MeterInterval[], registers = REGISTERS) {
  let l = logs.get(name);
  if (!l) {
    l = buildLog({ meter: `net-${name}`, key: meter.secret, seed: seededRng(`seed/net-${name}`)(32), intervals, registers });
    logs.set(name, l);
  }
  return l;
}

/** A 12×24 schedule: peak (1) 16:00-21:00 every day, off-peak (0) otherwise. */
export const peakSchedule = Array.from({ length: 12 }, () => Array.from({ length: 24 }, (_, h) => (h >= 16 && h < 21 ? 1 : 0)));

export function netTariff(components: unknown[], over: Record<string, unknown> = {}) {
  return {
    v: 1,
    type: 'meterproof/tariff',
    id: 'net-test',
    name: 'Net metering test',
    currency: 'USD',
    timezone: TZ,
    scale: 9,
    unit: 'Wh',
    capacity: '60000',
    registers: REGISTERS,
    rounding: { decimals: 2, mode: 'half-up' },
    components,
    ...over,
  };
}
