/**
 * Dynamic tariffs from a published price feed: the Octopus Agile unit-rate JSON, `{ results: [{
 * value_inc_vat, valid_from, valid_to, … }] }`, newest first, prices in pence per kWh including VAT and
 * times in UTC (for another currency, in its hundredths per kWh). Each slot becomes an exact price per Wh: p/kWh → currency units per Wh is a factor of
 * 10^-5, so the tariff's scale is the smallest k ≥ 9 that keeps every price exact.
 */
// @ts-nocheck

import { MeterproofError } from '../core/errors.js';
import { isoUtc } from '../core/time.js';
import { assertTimeZone } from './calendar.js';
import { decimalPlaces, numberToDecimalText, parseDecimal } from './money.js';
import { TariffSchema, type Tariff } from './model.js';

export interface PriceFeedOptions {
  readonly currency: string;
  readonly timezone: string;
  readonly id?: string;
  readonly name?: string;
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?Z$/;

function bad(message: string): never {
  throw new MeterproofError('prices.invalid', message);
}

function instant(v: unknown, where: string): number {
  if (typeof v !== 'string' || !ISO_UTC.test(v)) bad(`${where}: expected a UTC time such as 2024-01-01T00:00:00Z`);
  const ms = Date.parse(v as string);
  if (!Number.isFinite(ms) || ms % 1000 !== 0) bad(`${where}: not a whole-second UTC time`);
  return ms / 1000;
}

/** Octopus Agile unit rates → an `interval-prices` tariff. Throws MeterproofError('prices.invalid'). */
export function importAgilePrices(json: unknown, opts: PriceFeedOptions): { tariff: Tariff; notes: string[] } {
  if (!/^[A-Z]{3}$/.test(opts.currency)) bad(`currency "${opts.currency}": use an ISO 4217 code such as GBP`);
  assertTimeZone(opts.timezone);
  const results = (json as { results?: unknown })?.results;
  if (!Array.isArray(results) || results.length === 0) bad('expected {"results": [...]} with at least one price');
  const slots = results.map((r: unknown, i) => {
    const where = `results[${i}]`;
    if (typeof r !== 'object' || r === null) bad(`${where}: not an object`);
    const o = r as Record<string, unknown>;
    if (typeof o.value_inc_vat !== 'number' || !Number.isFinite(o.value_inc_vat)) bad(`${where}.value_inc_vat: expected a number (pence per kWh)`);
    const start = instant(o.valid_from, `${where}.valid_from`);
    const end = instant(o.valid_to, `${where}.valid_to`);
    if (end <= start) bad(`${where}: valid_to is not after valid_from`);
    return { start, end, pence: numberToDecimalText(o.value_inc_vat as number) };
  });
  // Newest first in the feed; oldest first in the tariff.
  slots.sort((a, b) => a.start - b.start);
  const notes: string[] = [];
  for (let i = 1; i < slots.length; i++) {
    const prev = slots[i - 1]!;
    const cur = slots[i]!;
    if (cur.start < prev.end) bad(`two prices cover ${isoUtc(cur.start)}: slots overlap or repeat`);
    if (cur.start > prev.end) notes.push(`no price from ${isoUtc(prev.end)} to ${isoUtc(cur.start)}: readings there cannot be billed`);
  }
  // p/kWh with d decimals is £/Wh with d + 5 decimals.
  const scale = Math.max(9, ...slots.map((s) => decimalPlaces(s.pence) + 5));
  if (scale > 18) bad('a price has more decimals than meterproof can represent exactly');
  // p·10^scale / 10^5 is exact because scale ≥ decimals(p) + 5.
  const prices = slots.map((s) => ({ start: s.start, end: s.end, rate: (parseDecimal(s.pence, scale) / 100_000n).toString() }));
  const first = slots[0]!;
  const last = slots[slots.length - 1]!;
  const tariff = TariffSchema.parse({
    v: 1,
    type: 'meterproof/tariff',
    id: opts.id ?? `agile-${isoUtc(first.start).slice(0, 10)}`,
    name: opts.name ?? `Dynamic prices ${isoUtc(first.start)} to ${isoUtc(last.end)}`,
    currency: opts.currency,
    timezone: opts.timezone,
    scale,
    unit: 'Wh',
    rounding: { decimals: 2, mode: 'half-up' },
    components: [{ kind: 'interval-prices', name: 'energy', prices }],
    source: { feed: 'Octopus Agile unit rates', slots: slots.length },
  });
  return { tariff, notes };
}
