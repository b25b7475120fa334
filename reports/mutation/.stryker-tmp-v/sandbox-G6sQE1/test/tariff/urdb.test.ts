// @ts-nocheck
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MeterproofError } from '../../src/core/errors.js';
import { parseGreenButton } from '../../src/formats/greenbutton.js';
import { localTime } from '../../src/tariff/calendar.js';
import { TariffSchema, type TouEnergyComponent } from '../../src/tariff/model.js';
import { parsePeriod } from '../../src/tariff/period.js';
import { plainFee } from '../../src/tariff/plain.js';
import { importUrdb } from '../../src/tariff/urdb.js';
import { FIXTURES as REPO_FIXTURES, fixtureUrl } from '../helpers.js';

const FIXTURES = fileURLToPath(new URL('urdb/', REPO_FIXTURES));
const GREENBUTTON = fileURLToPath(fixtureUrl('greenbutton/nist-inland-single-family-2011-hourly.xml'));
const TZ = 'America/Los_Angeles';

type Json = Record<string, unknown>;

function fixture(file: string): Json {
  return JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as Json;
}

function firstItem(doc: Json): Json {
  return (doc.items as Json[])[0]!;
}

/** The error thrown by `fn`, asserting it is a MeterproofError (never a TypeError or stack trace). */
function errorOf(fn: () => unknown): MeterproofError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MeterproofError);
    return e as MeterproofError;
  }
  throw new Error('expected an error');
}

/** The message of a `urdb.unsupported` refusal. */
function unsupported(item: Json): string {
  const e = errorOf(() => importUrdb(item, { timezone: TZ }));
  expect(e.code).toBe('urdb.unsupported');
  expect(e.message).toMatch(/^this tariff uses features meterproof cannot price yet: /);
  return e.message;
}

function energyOf(tariff: { components: unknown[] }): TouEnergyComponent {
  return tariff.components.find((c) => (c as { kind: string }).kind === 'tou-energy') as TouEnergyComponent;
}

const fill = (p: number): number[][] => Array.from({ length: 12 }, () => new Array<number>(24).fill(p));

/** Summer (Jun–Sep) peak 16–21 weekdays; like a simple 3-period residential TOU. */
function residentialTou(): Json {
  const weekday = Array.from({ length: 12 }, (_, m) =>
    Array.from({ length: 24 }, (_, h) => (h >= 16 && h < 21 ? (m >= 5 && m <= 8 ? 2 : 1) : 0)),
  );
  return {
    label: 'abc123',
    utility: 'Test Power',
    name: 'TOU-R',
    uri: 'https://example.org/rate/abc123',
    startdate: 1700000000,
    energyratestructure: [
      [{ rate: 0.25, adj: 0.01, unit: 'kWh' }],
      [{ rate: 0.35, adj: 0.01, unit: 'kWh' }],
      [{ rate: 0.5, adj: 0.01, unit: 'kWh' }],
    ],
    energytoulabels: ['Off-Peak', 'Winter Peak', 'Summer Peak'],
    energyweekdayschedule: weekday,
    energyweekendschedule: fill(0),
    fixedchargefirstmeter: 10,
    fixedchargeunits: '$/month',
  };
}

/** One period, flat all year. */
function flat(rate: number, adj?: number): Json {
  return {
    label: 'flat',
    utility: 'U',
    name: 'Flat',
    energyratestructure: [[adj === undefined ? { rate } : { rate, adj }]],
    energyweekdayschedule: fill(0),
    energyweekendschedule: fill(0),
  };
}

/** Python repr of a JSON value (single quotes, True/False/None), as pandas-era exports store it. */
function pyRepr(v: unknown): string {
  if (v === null) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
  return `{${Object.entries(v as Json).map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`).join(', ')}}`;
}

describe('importUrdb: the success path', () => {
  it('imports a 3-period residential TOU with a monthly fixed charge', () => {
    const { tariff, notes } = importUrdb(residentialTou(), { timezone: TZ });
    expect(TariffSchema.parse(tariff)).toEqual(tariff);
    expect(tariff).toMatchObject({
      v: 1,
      type: 'meterproof/tariff',
      id: 'urdb-abc123',
      name: 'Test Power TOU-R',
      provider: 'Test Power',
      currency: 'USD',
      timezone: TZ,
      scale: 9,
      unit: 'Wh',
      rounding: { decimals: 2, mode: 'half-up' },
      source: { urdb: 'abc123', uri: 'https://example.org/rate/abc123', utility: 'Test Power', name: 'TOU-R', startdate: 1700000000 },
    });
    expect(tariff.components[0]).toEqual({ kind: 'fixed', name: 'fixed charge', amount: '10000000000', per: 'month' });
    const energy = energyOf(tariff);
    expect(energy.name).toBe('energy');
    expect(energy.register).toBe(0);
    // 0.25 + 0.01 = 0.26 $/kWh = 0.00026 $/Wh = 260000 × 10^-9.
    expect(energy.periods).toEqual([
      { label: 'Off-Peak', rate: '260000' },
      { label: 'Winter Peak', rate: '360000' },
      { label: 'Summer Peak', rate: '510000' },
    ]);
    expect(energy.weekday[6]![17]).toBe(2);
    expect(energy.weekday[0]![17]).toBe(1);
    expect(energy.weekend[6]![17]).toBe(0);
    expect(notes).toEqual([]);
  });

  it('takes a $/day fixed charge per day, and fixedmonthlycharge (older field) per month', () => {
    const daily = { ...flat(0.1), fixedchargefirstmeter: 0.39, fixedchargeunits: '$/day' };
    expect(importUrdb(daily, { timezone: TZ }).tariff.components[0]).toEqual({
      kind: 'fixed',
      name: 'fixed charge',
      amount: '390000000',
      per: 'day',
    });
    const older = { ...flat(0.1), fixedmonthlycharge: 12.5 };
    expect(importUrdb(older, { timezone: TZ }).tariff.components[0]).toMatchObject({ amount: '12500000000', per: 'month' });
  });

  it('adds no fixed component for a zero fixed charge', () => {
    const { tariff } = importUrdb({ ...flat(0.1), fixedchargefirstmeter: 0, fixedchargeunits: '$/month' }, { timezone: TZ });
    expect(tariff.components.map((c) => c.kind)).toEqual(['tou-energy']);
  });

  it('known answer: 0.08721 $/kWh is 87210 per Wh at scale 9', () => {
    const { tariff } = importUrdb(flat(0.08721), { timezone: TZ });
    expect(tariff.scale).toBe(9);
    expect(energyOf(tariff).periods[0]!.rate).toBe('87210');
  });

  it('known answer: 0.0753125 + 0.0119 = 0.0872125 $/kWh needs scale 10 (872125 per Wh)', () => {
    const { tariff, notes } = importUrdb(flat(0.0753125, 0.0119), { timezone: TZ });
    expect(tariff.scale).toBe(10);
    expect(energyOf(tariff).periods[0]!.rate).toBe('872125');
    expect(notes.some((n) => n.includes('scale 10'))).toBe(true);
  });

  it('adds rate + adj exactly, where float addition would not be exact', () => {
    // 0.1 + 0.2 = 0.30000000000000004 in floating point.
    expect(0.1 + 0.2).not.toBe(0.3);
    const { tariff } = importUrdb(flat(0.1, 0.2), { timezone: TZ });
    expect(energyOf(tariff).periods[0]!.rate).toBe('300000');
    // 5 decimals + 5 decimals stays at scale 9 (8 needed).
    const five = importUrdb(flat(0.12345, 0.00421), { timezone: TZ }).tariff;
    expect(five.scale).toBe(9);
    expect(energyOf(five).periods[0]!.rate).toBe('127660');
  });

  it('raises the scale for a fixed charge that needs it', () => {
    const { tariff } = importUrdb({ ...flat(0.1), fixedchargefirstmeter: 0.0123456789012, fixedchargeunits: '$/day' }, { timezone: TZ });
    expect(tariff.scale).toBe(13);
    expect(tariff.components[0]).toMatchObject({ amount: '123456789012' });
    expect(energyOf(tariff).periods[0]!.rate).toBe('1000000000');
  });

  it('keeps negative prices (credits) exact', () => {
    const { tariff } = importUrdb(flat(0.05, -0.06), { timezone: TZ });
    expect(energyOf(tariff).periods[0]!.rate).toBe('-10000');
  });

  it('accepts a bare item and a { items: [...] } response alike, and picks an item by index', () => {
    const bare = importUrdb(residentialTou(), { timezone: TZ }).tariff;
    const wrapped = importUrdb({ items: [residentialTou()] }, { timezone: TZ }).tariff;
    expect(wrapped).toEqual(bare);
    const second = importUrdb({ items: [flat(0.1), residentialTou()] }, { timezone: TZ, item: 1 }).tariff;
    expect(second).toEqual(bare);
  });

  it('refuses an item index out of range, saying how many items there are', () => {
    const e = errorOf(() => importUrdb({ items: [flat(0.1), flat(0.2)] }, { timezone: TZ, item: 2 }));
    expect(e.code).toBe('urdb.invalid');
    expect(e.message).toMatch(/item 2 is out of range: the response has 2 items/);
    expect(errorOf(() => importUrdb(flat(0.1), { timezone: TZ, item: 1 })).message).toMatch(/single URDB item/);
    expect(errorOf(() => importUrdb({ items: [] }, { timezone: TZ })).message).toMatch(/no items/);
    expect(errorOf(() => importUrdb({ items: [flat(0.1)] }, { timezone: TZ, item: -1 })).code).toBe('urdb.invalid');
  });

  it('uses opts.id, or a sanitised label', () => {
    expect(importUrdb(flat(0.1), { timezone: TZ, id: 'my-tariff:2025' }).tariff.id).toBe('my-tariff:2025');
    expect(importUrdb({ ...flat(0.1), label: 'a b/c' }, { timezone: TZ }).tariff.id).toBe('urdb-a-b-c');
    expect(errorOf(() => importUrdb(flat(0.1), { timezone: TZ, id: 'bad id' })).code).toBe('urdb.invalid');
  });

  it('labels periods "period N" without energytoulabels', () => {
    const item = residentialTou();
    delete item.energytoulabels;
    expect(energyOf(importUrdb(item, { timezone: TZ }).tariff).periods.map((p) => p.label)).toEqual(['period 0', 'period 1', 'period 2']);
  });

  it('matches field names case-insensitively (fixedChargeFirstMeter, EnergyRateStructure, supercedes)', () => {
    const item: Json = {};
    for (const [k, v] of Object.entries(residentialTou())) item[k === 'energyratestructure' ? 'EnergyRateStructure' : k] = v;
    item.fixedChargeFirstMeter = item.fixedchargefirstmeter;
    delete item.fixedchargefirstmeter;
    item.supercedes = 'old';
    item.dgRules = 'Net Metering';
    const { tariff, notes } = importUrdb(item, { timezone: TZ });
    expect(tariff).toEqual(importUrdb(residentialTou(), { timezone: TZ }).tariff);
    expect(notes).toContain('supersedes URDB item old');
    expect(notes.some((n) => n.includes('Net Metering'))).toBe(true);
  });

  it('refuses two casings of one field with different values', () => {
    const e = errorOf(() => importUrdb({ ...flat(0.1), Label: 'other' }, { timezone: TZ }));
    expect(e.code).toBe('urdb.invalid');
    expect(e.message).toMatch(/"label" and "Label"/);
  });

  it('parses structures stored as Python-repr strings', () => {
    const item = residentialTou();
    for (const k of ['energyratestructure', 'energyweekdayschedule', 'energyweekendschedule', 'energytoulabels']) item[k] = pyRepr(item[k]);
    expect(item.energyratestructure).toMatch(/^\[\[\{'rate': 0.25/);
    expect(importUrdb(item, { timezone: TZ }).tariff).toEqual(importUrdb(residentialTou(), { timezone: TZ }).tariff);
  });

  it('reads Python True/False/None in string structures (sell None, lookbackmonths False)', () => {
    const item = {
      ...flat(0.1),
      energyratestructure: "[[{'rate': 0.1, 'adj': None, 'sell': None, 'unit': u'kWh'}]]",
      lookbackmonths: '[False, False, False, False, False, False, False, False, False, False, False, False]',
    };
    expect(energyOf(importUrdb(item, { timezone: TZ }).tariff).periods[0]!.rate).toBe('100000');
  });

  it('notes informational fields (attrs, eligibility) without refusing them', () => {
    const item = {
      ...flat(0.1),
      energyattrs: [{ 'Fuel Adjustment': 'see tariff' }],
      demandattrs: [{ Note: 'x' }],
      mindemand: 20,
      peakkwhusagemin: 1000,
      serviceMax: 12000,
      demandwindow: 15,
      demandunits: 'kW',
      flatdemandmonths: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    };
    const { notes } = importUrdb(item, { timezone: TZ });
    expect(notes.some((n) => n.startsWith('energyattrs is informational'))).toBe(true);
    expect(notes.some((n) => n.startsWith('demandattrs is informational'))).toBe(true);
    const eligibility = notes.find((n) => n.startsWith('eligibility limits are not prices'));
    for (const part of ['mindemand 20', 'peakkwhusagemin 1000', 'servicemax 12000']) expect(eligibility).toContain(part);
    expect(notes.join('\n')).not.toContain('demandwindow'); // a window is not a price: nothing to say
  });

  it('accepts zero-valued demand and minimum fields', () => {
    const item = {
      ...flat(0.1),
      flatdemandstructure: [[{ rate: 0, adj: 0 }]],
      demandratestructure: [[{ rate: 0 }], [{ rate: 0 }]],
      demandreactivepowercharge: 0,
      mincharge: 0,
      lookbackpercent: 0,
    };
    const { tariff, notes } = importUrdb(item, { timezone: TZ });
    expect(tariff.components.map((c) => c.kind)).toEqual(['tou-energy']);
    expect(notes).toContain('flatdemandstructure has no non-zero price: no flat demand charge');
    expect(notes).toContain('demandratestructure has no non-zero price: no time-of-use demand charge');
    expect(notes.join('\n')).not.toContain('demand is the largest');
  });

  it('notes the demand window when it imports a demand charge', () => {
    const { notes } = importUrdb({ ...flat(0.1), flatdemandstructure: [[{ rate: 2 }]], demandwindow: 15 }, { timezone: TZ });
    expect(notes).toContain(
      'demand is the largest average power over one meter interval (W = Wh × 3600 / interval seconds); URDB demandwindow is 15 minutes, so bill from readings of that length',
    );
  });

  it('fills a flat single-period tariff without schedules, with a note', () => {
    const item = flat(0.1);
    delete item.energyweekdayschedule;
    delete item.energyweekendschedule;
    const { tariff, notes } = importUrdb(item, { timezone: TZ });
    expect(energyOf(tariff).weekday.flat().every((p) => p === 0)).toBe(true);
    expect(notes.some((n) => n.includes('no energy schedules'))).toBe(true);
  });
});

describe('importUrdb: invalid input', () => {
  it('validates the timezone, naming it', () => {
    const e = errorOf(() => importUrdb(flat(0.1), { timezone: 'Mars/Olympus_Mons' }));
    expect(e.code).toBe('urdb.invalid');
    expect(e.message).toContain('Mars/Olympus_Mons');
    expect(errorOf(() => importUrdb(flat(0.1), { timezone: '' })).code).toBe('urdb.invalid');
  });

  it('validates the schedule shape and period indexes', () => {
    const short = { ...flat(0.1), energyweekdayschedule: fill(0).slice(0, 11) };
    expect(errorOf(() => importUrdb(short, { timezone: TZ })).message).toMatch(/energyweekdayschedule: expected 12 months.*11 months/);
    const hours = fill(0);
    hours[3] = hours[3]!.slice(0, 23);
    expect(errorOf(() => importUrdb({ ...flat(0.1), energyweekendschedule: hours }, { timezone: TZ })).message).toMatch(
      /energyweekendschedule month 3 \(Apr\): expected 24 hours, got 23/,
    );
    const bad = fill(0);
    bad[6]![17] = 3;
    const e = errorOf(() => importUrdb({ ...flat(0.1), energyweekdayschedule: bad }, { timezone: TZ }));
    expect(e.code).toBe('urdb.invalid');
    expect(e.message).toMatch(/month 6 \(Jul\) hour 17: period 3 does not exist \(energyratestructure has 1 periods/);
    const frac = fill(0);
    frac[0]![0] = 0.5;
    expect(errorOf(() => importUrdb({ ...flat(0.1), energyweekdayschedule: frac }, { timezone: TZ })).code).toBe('urdb.invalid');
  });

  it('requires schedules when there is more than one period', () => {
    const item = residentialTou();
    delete item.energyweekendschedule;
    expect(errorOf(() => importUrdb(item, { timezone: TZ })).message).toMatch(/energyweekendschedule: missing/);
  });

  it('names malformed fields', () => {
    const cases: [Json, RegExp][] = [
      [{ ...flat(0.1), energyratestructure: [[{ rate: 'cheap' }]] }, /energyratestructure period 0 rate: expected a number, got "cheap"/],
      [{ ...flat(0.1), energyratestructure: [[{ adj: 0.1 }]] }, /energyratestructure period 0 tier 0: rate is missing/],
      [{ ...flat(0.1), energyratestructure: [[]] }, /energyratestructure period 0: has no tiers/],
      [{ ...flat(0.1), energyratestructure: [] }, /energyratestructure: has no periods/],
      [{ ...flat(0.1), energyratestructure: { rate: 1 } }, /energyratestructure: expected a list of periods/],
      [{ ...flat(0.1), energyratestructure: "[[{'rate': 0.1}]" }, /energyratestructure: a string that is not a readable list/],
      [{ ...flat(0.1), mincharge: 'lots' }, /mincharge: expected a number/],
      [{ ...flat(0.1), energytoulabels: 'Peak' }, /energytoulabels: a string that is not a readable list/],
      [{ label: 'x', utility: 'U', name: 'N' }, /energyratestructure: missing/],
      [{ ...flat(0.1), fixedchargefirstmeter: 5, fixedmonthlycharge: 6 }, /fixedchargefirstmeter \(5\) and fixedmonthlycharge \(6\) disagree/],
    ];
    for (const [item, re] of cases) {
      const e = errorOf(() => importUrdb(item, { timezone: TZ }));
      expect(e.code, re.source).toBe('urdb.invalid');
      expect(e.message).toMatch(re);
    }
  });

  it('refuses input that is not an object', () => {
    for (const bad of [null, 42, 'text', [flat(0.1)], { items: 'x' }, { items: [5] }]) {
      expect(errorOf(() => importUrdb(bad, { timezone: TZ })).code).toBe('urdb.invalid');
    }
  });

  it('reads decimal strings exactly', () => {
    const { tariff } = importUrdb(flat(0.1, 0), { timezone: TZ });
    const str = importUrdb({ ...flat(0.1), energyratestructure: [[{ rate: '0.10', adj: '000.0' }]] }, { timezone: TZ }).tariff;
    expect(str).toEqual(tariff);
  });
});

describe('importUrdb: features it cannot price are refused by name', () => {
  it('collects every feature into one message', () => {
    const item = {
      ...flat(0.1),
      energyratestructure: [[{ rate: 0.1, sell: 0.03, unit: 'kWh/kW' }], [{ rate: 0.1, unit: 'MWh' }]],
      energyweekdayschedule: fill(0),
      energyweekendschedule: fill(1),
      demandreactivepowercharge: 0.52,
      coincidentratestructure: [[{ rate: 3 }]],
      mincharge: 100,
      minchargeunits: '$/year',
      annualmincharge: 100,
      lookbackpercent: 0.8,
      lookbackrange: 12,
      lookbackmonths: [true, false, false, false, false, false, false, false, false, false, false, false],
      demandratchetpercentage: [0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      fueladjustmentsmonthly: [0.01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      fixedchargefirstmeter: 10,
      fixedchargeunits: '$/year',
      fixedchargeeaaddl: 4,
      specialsurcharge: 1,
    };
    const message = unsupported(item);
    for (const part of [
      'sell rates (energyratestructure period 0 sell 0.03 $/kWh)',
      'kWh/kW tier units (tiers that grow with peak demand: energyratestructure period 0)',
      'energy tier unit "MWh" (energyratestructure period 1)',
      'coincident demand charges (coincidentratestructure period 0: 3 $/kW)',
      'reactive power demand charge (demandreactivepowercharge 0.52 $/kVAR; needs kVAR readings, which the meter does not measure',
      '--leave-out demandreactivepowercharge',
      'annual minimum charge (mincharge 100 $/year)',
      'annual minimum charge (annualmincharge 100 $/year)',
      'demand ratchet (lookbackpercent 0.8)',
      'demand ratchet (lookbackrange 12)',
      'demand ratchet (lookbackmonths)',
      'demand ratchet (demandratchetpercentage)',
      'monthly fuel adjustments (fueladjustmentsmonthly)',
      'fixed charge unit "$/year" (fixedchargefirstmeter 10)',
      'additional-meter fixed charge (fixedchargeeaaddl 4)',
      'unrecognised field "specialsurcharge"',
    ]) {
      expect(message).toContain(part);
    }
  });

  it('a single tier with a usage cap (energy above it would be unpriced), and a cap on the last tier', () => {
    expect(unsupported({ ...flat(0.1), energyratestructure: [[{ rate: 0.1, max: 500 }]] })).toContain(
      'energy usage limit (energyratestructure period 0 has max 500 kWh and no tier above it)',
    );
    expect(unsupported({ ...flat(0.1), energyratestructure: [[{ rate: 0.1, max: 500 }, { rate: 0.2, max: 900 }]] })).toContain(
      'energy usage limit (energyratestructure period 0 tier 1 has max 900 kWh and no tier above it)',
    );
    expect(unsupported({ ...flat(0.1), flatdemandstructure: [[{ rate: 5, max: 100 }]] })).toContain(
      'demand limit (flatdemandstructure period 0 has max 100 kW and no tier above it)',
    );
  });

  it('kWh/kW tiers, mixed tier units, bounds finer than a Wh, more than 16 tiers', () => {
    expect(unsupported({ ...flat(0.1), energyratestructure: [[{ rate: 0.1, max: 200, unit: 'kWh/kW' }, { rate: 0.05, unit: 'kWh/kW' }]] })).toContain(
      'kWh/kW tier units (tiers that grow with peak demand: energyratestructure period 0 tier 0, energyratestructure period 0 tier 1)',
    );
    const mixed = {
      ...residentialTou(),
      energyratestructure: [
        [{ rate: 0.1, max: 10, unit: 'kWh daily' }, { rate: 0.2, unit: 'kWh daily' }],
        [{ rate: 0.1, max: 300, unit: 'kWh' }, { rate: 0.2, unit: 'kWh' }],
        [{ rate: 0.3, unit: 'kWh' }],
      ],
    };
    expect(unsupported(mixed)).toContain(
      'mixed energy tier units (energyratestructure: "kWh" in energyratestructure period 1 tier 0, "kWh daily" in energyratestructure period 0 tier 0)',
    );
    expect(unsupported({ ...flat(0.1), energyratestructure: [[{ rate: 0.1, max: 0.0005 }, { rate: 0.2 }]] })).toContain(
      'tier bounds finer than 1 Wh (energyratestructure period 0 tier 0 max 0.0005 kWh)',
    );
    const many = Array.from({ length: 17 }, (_, j) => (j < 16 ? { rate: 0.1, max: j + 1 } : { rate: 0.2 }));
    expect(unsupported({ ...flat(0.1), energyratestructure: [many] })).toContain('more than 16 tiers (energyratestructure period 0 has 17)');
  });

  it('demand in units other than kW', () => {
    const msg = unsupported({ ...flat(0.1), flatdemandstructure: [[{ rate: 5 }]], flatdemandmonths: new Array(12).fill(0), flatdemandunit: 'kVA', demandunits: 'hp' });
    expect(msg).toContain('demand unit "kVA" (flatdemandunit; meterproof prices demand in kW)');
    expect(msg).toContain('demand unit "hp" (demandunits; meterproof prices demand in kW)');
    // Units do not matter when there is no demand charge at all.
    expect(() => importUrdb({ ...flat(0.1), flatdemandstructure: [[{ rate: 0 }]], flatdemandunit: 'kVA' }, { timezone: TZ })).not.toThrow();
  });

  it('minimum charges per year, or in an unknown unit', () => {
    expect(unsupported({ ...flat(0.1), mincharge: 120, minchargeunits: '$/year' })).toContain('annual minimum charge (mincharge 120 $/year)');
    expect(unsupported({ ...flat(0.1), mincharge: 1, minchargeunits: '$/kWh' })).toContain('minimum charge unit "$/kWh" (mincharge 1)');
    expect(unsupported({ ...flat(0.1), annualmincharge: 1200 })).toContain('annual minimum charge (annualmincharge 1200 $/year)');
  });

  it('ignores an unknown field that does not look like a price, with a note', () => {
    const { notes } = importUrdb({ ...flat(0.1), colour: 'blue' }, { timezone: TZ });
    expect(notes).toContain('ignored unrecognised field "colour"');
  });
});

describe('importUrdb: tiered energy', () => {
  const rs1 = (): Json => ({
    label: 'rs1',
    utility: 'FPL',
    name: 'RS-1 style',
    energyratestructure: [[{ max: 1000, rate: 0.07531, adj: 0.0119, unit: 'kWh' }, { rate: 0.09613, adj: 0.0119, unit: 'kWh' }]],
    energyweekdayschedule: fill(0),
    energyweekendschedule: fill(0),
  });

  it('one period with tiers: cumulative monthly tiers on the total, bounds in Wh', () => {
    const { tariff } = importUrdb(rs1(), { timezone: 'America/New_York' });
    expect(tariff.scale).toBe(9);
    expect(tariff.components).toEqual([
      {
        kind: 'tiered-energy',
        name: 'energy',
        register: 0,
        basis: 'total',
        per: 'month',
        periods: [{ label: 'period 0', tiers: [{ upTo: '1000000', rate: '87210' }, { rate: '108030' }] }],
        weekday: fill(0),
        weekend: fill(0),
      },
    ]);
  });

  it('known answer (FPL RS-1): 2,000 kWh in every month of a year costs $2,342.88 of energy', () => {
    const { tariff } = importUrdb(rs1(), { timezone: 'America/New_York' });
    let total = 0n;
    for (let m = 1; m <= 12; m++) {
      const p = parsePeriod(`2025-${String(m).padStart(2, '0')}`, tariff.timezone);
      const n = (p.end - p.start) / 3600;
      const r = Array.from({ length: n }, (_, i) => ({
        start: p.start + 3600 * i,
        duration: 3600,
        values: [Math.floor((2_000_000 * (i + 1)) / n) - Math.floor((2_000_000 * i) / n)],
      }));
      total += plainFee(tariff, p, r).total;
    }
    expect(total).toBe(2342_880_000_000n);
  });

  it('"kWh daily" tiers count per day billed', () => {
    const item = { ...flat(0.1), energyratestructure: [[{ rate: 0.1, max: 20, unit: 'kWh daily' }, { rate: 0.2, unit: 'kWh daily' }]] };
    const { tariff } = importUrdb(item, { timezone: TZ });
    const c = tariff.components[0]!;
    expect(c).toMatchObject({ kind: 'tiered-energy', basis: 'total', per: 'day', periods: [{ tiers: [{ upTo: '20000', rate: '100000' }, { rate: '200000' }] }] });
    // Two days of 1 kWh an hour: 48 kWh against a bound of 2 × 20 kWh: 40 × 0.1 + 8 × 0.2 = $5.60.
    const p = parsePeriod('2012-03-01/2012-03-02', TZ);
    const r = Array.from({ length: (p.end - p.start) / 3600 }, (_, i) => ({ start: p.start + 3600 * i, duration: 3600, values: [1000] }));
    expect(plainFee(tariff, p, r).total).toBe(5_600_000_000n);
  });

  it('"kWh daily" on untiered rates changes nothing (a note says so)', () => {
    const { tariff, notes } = importUrdb({ ...flat(0.1), energyratestructure: [[{ rate: 0.1, unit: 'kWh daily' }]] }, { timezone: TZ });
    expect(tariff).toEqual(importUrdb(flat(0.1), { timezone: TZ }).tariff);
    expect(notes.some((n) => n.includes('"kWh daily" has no effect'))).toBe(true);
  });

  const touTiered = (same: boolean): Json => ({
    ...residentialTou(),
    energyratestructure: [
      [{ rate: 0.1, max: 300 }, { rate: 0.15 }],
      [{ rate: 0.1, max: 300 }, { rate: 0.15 }],
      same ? [{ rate: 0.1, max: 300 }, { rate: 0.15 }] : [{ rate: 0.3, max: 100.5 }, { rate: 0.35, max: 200 }, { rate: 0.4 }],
    ],
  });

  it('several periods: per-period tiers by default, keeping the schedules (a note explains)', () => {
    const { tariff, notes } = importUrdb(touTiered(false), { timezone: TZ });
    const c = tariff.components[1]!;
    expect(c).toMatchObject({ kind: 'tiered-energy', basis: 'per-period', per: 'month' });
    if (c.kind !== 'tiered-energy') throw new Error('kind');
    expect(c.periods.map((p) => p.label)).toEqual(['Off-Peak', 'Winter Peak', 'Summer Peak']);
    expect(c.periods[2]!.tiers).toEqual([{ upTo: '100500', rate: '300000' }, { upTo: '200000', rate: '350000' }, { rate: '400000' }]);
    expect(c.weekday[6]![17]).toBe(2);
    expect(notes.some((n) => n.startsWith('energy tiers count per time-of-use period'))).toBe(true);
    expect(importUrdb(touTiered(false), { timezone: TZ, tierBasis: 'per-period' }).tariff).toEqual(tariff);
  });

  it('tier basis total: identical tiers merge into one period; differing tiers are refused', () => {
    const { tariff } = importUrdb(touTiered(true), { timezone: TZ, tierBasis: 'total' });
    expect(tariff.components[1]).toEqual({
      kind: 'tiered-energy',
      name: 'energy',
      register: 0,
      basis: 'total',
      per: 'month',
      periods: [{ label: 'all periods', tiers: [{ upTo: '300000', rate: '100000' }, { rate: '150000' }] }],
      weekday: fill(0),
      weekend: fill(0),
    });
    const e = errorOf(() => importUrdb(touTiered(false), { timezone: TZ, tierBasis: 'total' }));
    expect(e.code).toBe('urdb.option');
    expect(e.message).toMatch(/tier basis "total" .* every energy period needs the same tiers; energyratestructure period 0 and period 2 differ/);
    expect(errorOf(() => importUrdb(flat(0.1), { timezone: TZ, tierBasis: 'both' as 'total' })).code).toBe('urdb.option');
  });

  it('keeps untiered time-of-use rates as tou-energy, whatever the tier basis', () => {
    const { tariff, notes } = importUrdb(residentialTou(), { timezone: TZ, tierBasis: 'total' });
    expect(tariff).toEqual(importUrdb(residentialTou(), { timezone: TZ }).tariff);
    expect(notes).toContain('tier basis "total" has no effect: the energy rates have no tiers');
  });

  it('refuses malformed tier bounds by name', () => {
    const cases: [unknown[], RegExp][] = [
      [[{ rate: 0.1 }, { rate: 0.2 }], /energyratestructure period 0 tier 0: max is missing/],
      [[{ rate: 0.1, max: 500 }, { rate: 0.2, max: 500 }, { rate: 0.3 }], /period 0 tier 1 max 500 kWh: tier bounds must increase \(the tier below ends at 500 kWh\)/],
      [[{ rate: 0.1, max: 0 }, { rate: 0.2 }], /period 0 tier 0 max 0 kWh: a tier bound must be above 0/],
      [[{ rate: 0.1, max: 'lots' }, { rate: 0.2 }], /period 0 tier 0 max: expected a number/],
    ];
    for (const [tiers, re] of cases) {
      const e = errorOf(() => importUrdb({ ...flat(0.1), energyratestructure: [tiers] }, { timezone: TZ }));
      expect(e.code, re.source).toBe('urdb.invalid');
      expect(e.message).toMatch(re);
    }
  });
});

describe('importUrdb: demand charges', () => {
  it('flat demand by season: each month maps to its period; $/kW become per W', () => {
    const item = {
      ...flat(0.1),
      flatdemandstructure: [[{ rate: 10 }], [{ rate: 15, adj: 0.5 }]],
      flatdemandmonths: [0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0],
      flatdemandunit: 'kW',
    };
    const { tariff, notes } = importUrdb(item, { timezone: TZ });
    const d = tariff.components[1]!;
    if (d.kind !== 'demand') throw new Error('expected demand');
    expect(d.name).toBe('flat demand');
    expect(d.periods).toEqual([
      { label: 'Jan, Feb, Mar, Apr, May, Oct, Nov, Dec', tiers: [{ rate: '10000000' }] },
      { label: 'Jun, Jul, Aug, Sep', tiers: [{ rate: '15500000' }] },
    ]);
    expect(d.weekday[6]).toEqual(new Array(24).fill(1));
    expect(d.weekend[6]).toEqual(new Array(24).fill(1));
    expect(d.weekday[0]).toEqual(new Array(24).fill(0));
    expect(notes.some((n) => n.startsWith('demand is the largest average power over one meter interval'))).toBe(true);
  });

  it('tiered demand: max in kW becomes upTo in W; a fine $/kW raises the scale', () => {
    const item = { ...flat(0.1), flatdemandstructure: [[{ rate: 5, max: 50.5 }, { rate: 0.1234567 }]], flatdemandmonths: new Array(12).fill(0) };
    const { tariff } = importUrdb(item, { timezone: TZ });
    expect(tariff.scale).toBe(10);
    expect(tariff.components[1]).toMatchObject({ periods: [{ label: 'all months', tiers: [{ upTo: '50500', rate: '50000000' }, { rate: '1234567' }] }] });
  });

  it('time-of-use demand with its schedules; tiered likewise', () => {
    const weekday = fill(0).map((row, m) => row.map((_, h) => (m >= 5 && m <= 8 && h >= 16 && h < 21 ? 1 : 0)));
    const item = {
      ...flat(0.1),
      demandratestructure: [[{ rate: 0 }], [{ rate: 8, max: 100 }, { rate: 6.25 }]],
      demandweekdayschedule: weekday,
      demandweekendschedule: fill(0),
    };
    const { tariff } = importUrdb(item, { timezone: TZ });
    expect(tariff.components[1]).toEqual({
      kind: 'demand',
      name: 'time-of-use demand',
      register: 0,
      periods: [
        { label: 'period 0', tiers: [{ rate: '0' }] },
        { label: 'period 1', tiers: [{ upTo: '100000', rate: '8000000' }, { rate: '6250000' }] },
      ],
      weekday,
      weekend: fill(0),
    });
    const missing = { ...item } as Json;
    delete missing.demandweekendschedule;
    expect(errorOf(() => importUrdb(missing, { timezone: TZ })).message).toMatch(/demandweekendschedule: missing \(needed when demandratestructure has 2 periods\)/);
    const bad = { ...item, demandweekdayschedule: fill(2) };
    expect(errorOf(() => importUrdb(bad, { timezone: TZ })).message).toMatch(/demandweekdayschedule month 0 \(Jan\) hour 0: period 2 does not exist \(demandratestructure has 2 periods/);
  });

  it('checks flatdemandmonths', () => {
    const two = { ...flat(0.1), flatdemandstructure: [[{ rate: 1 }], [{ rate: 2 }]] };
    expect(errorOf(() => importUrdb(two, { timezone: TZ })).message).toMatch(/flatdemandmonths: missing \(needed when flatdemandstructure has 2 periods\)/);
    expect(errorOf(() => importUrdb({ ...two, flatdemandmonths: [0, 1] }, { timezone: TZ })).message).toMatch(/flatdemandmonths: expected 12 period indexes/);
    expect(errorOf(() => importUrdb({ ...two, flatdemandmonths: [0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0] }, { timezone: TZ })).message).toMatch(
      /flatdemandmonths month 7 \(Aug\): period 2 does not exist/,
    );
    // One period needs no month map.
    const { notes } = importUrdb({ ...flat(0.1), flatdemandstructure: [[{ rate: 1 }]] }, { timezone: TZ });
    expect(notes).toContain('no flatdemandmonths: the single flat demand period applies in every month');
  });
});

describe('importUrdb: minimum charges', () => {
  const minOf = (extra: Json) => importUrdb({ ...flat(0.1), ...extra }, { timezone: TZ }).tariff.components.find((c) => c.kind === 'minimum');

  it('per month (mincharge or the older minmonthlycharge) or per day', () => {
    expect(minOf({ mincharge: 6833.67, minchargeunits: '$/month' })).toEqual({ kind: 'minimum', name: 'minimum charge', amount: '6833670000000', per: 'month' });
    expect(minOf({ mincharge: 0.5, minchargeunits: '$/day' })).toEqual({ kind: 'minimum', name: 'minimum charge', amount: '500000000', per: 'day' });
    expect(minOf({ minmonthlycharge: 25 })).toMatchObject({ amount: '25000000000', per: 'month' });
    expect(minOf({ mincharge: 25, minchargeunits: '$/month', minmonthlycharge: '25.00' })).toMatchObject({ amount: '25000000000', per: 'month' });
    const { notes } = importUrdb({ ...flat(0.1), mincharge: 5 }, { timezone: TZ });
    expect(notes).toContain('minchargeunits missing: mincharge taken as $/month');
  });

  it('refuses two fields that disagree, and a negative minimum', () => {
    for (const extra of [{ mincharge: 25, minchargeunits: '$/month', minmonthlycharge: 30 }, { mincharge: 25, minchargeunits: '$/day', minmonthlycharge: 25 }]) {
      const e = errorOf(() => importUrdb({ ...flat(0.1), ...extra }, { timezone: TZ }));
      expect(e.code).toBe('urdb.invalid');
      expect(e.message).toMatch(/mincharge \(25 \$\/(month|day)\) and minmonthlycharge \(\d+ \$\/month\) disagree/);
    }
    expect(errorOf(() => importUrdb({ ...flat(0.1), mincharge: -5 }, { timezone: TZ })).message).toMatch(/mincharge: a minimum charge cannot be negative/);
  });
});

describe('importUrdb: leaving out charges the meter cannot measure', () => {
  const pge = () => fixture('pge-bev-2-s.json');
  const option = (json: unknown, leaveOut: string[]): string => {
    const e = errorOf(() => importUrdb(json, { timezone: TZ, leaveOut }));
    expect(e.code).toBe('urdb.option');
    return e.message;
  };

  it('records the reactive power charge in "omitted" and in a note', () => {
    const { tariff, notes } = importUrdb(pge(), { timezone: TZ, leaveOut: ['demandreactivepowercharge'] });
    expect(tariff.omitted).toEqual(['reactive power demand charge (demandreactivepowercharge 0.52 $/kVAR): the meter does not measure kVAR']);
    expect(notes).toContain(
      'left out on request: reactive power demand charge (demandreactivepowercharge 0.52 $/kVAR); the tariff lists it under "omitted" and bills will not include it',
    );
    // Case-insensitive, and naming it twice is the same request.
    expect(importUrdb(pge(), { timezone: TZ, leaveOut: ['DemandReactivePowerCharge', 'demandreactivepowercharge'] }).tariff).toEqual(tariff);
  });

  it('refuses to leave out a priceable charge, a field that is not a charge, an unknown field, or a charge that is not there', () => {
    expect(option(pge(), ['flatdemandstructure'])).toMatch(
      /^cannot leave out flatdemandstructure: it is priced from data the meter does measure .* only a charge that needs data the meter does not measure can be left out \(demandreactivepowercharge\)/,
    );
    for (const f of ['mincharge', 'coincidentratestructure', 'energyratestructure', 'flatdemandmonths']) expect(option(pge(), [f])).toMatch(/would make every bill too low/);
    expect(option(pge(), ['label'])).toMatch(/cannot leave out label: it is not a charge/);
    expect(option(pge(), ['kvarcharge'])).toMatch(/cannot leave out "kvarcharge": not a URDB field meterproof knows/);
    expect(option(flat(0.1), ['demandreactivepowercharge'])).toMatch(/this tariff has no reactive power demand charge \(no demandreactivepowercharge field\), so there is nothing to leave out/);
    expect(option({ ...flat(0.1), demandreactivepowercharge: 0 }, ['demandreactivepowercharge'])).toMatch(/demandreactivepowercharge is 0/);
    expect(option(pge(), [''])).toMatch(/expected a URDB field name/);
  });
});

describe('importUrdb: the URDB fixtures', () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).sort();
  /** Fixtures with a reactive power charge, which must be left out explicitly. */
  const REACTIVE = new Set(['pge-bev-2-s.json', 'sce-tou-ev-9.json', 'sdge-ev-hp.json']);
  const load = (file: string, tz = TZ) => importUrdb(fixture(file), { timezone: tz, ...(REACTIVE.has(file) ? { leaveOut: ['demandreactivepowercharge'] } : {}) });

  let nist: { start: number; duration: number; values: number[] }[] | undefined;
  const nistReadings = () =>
    (nist ??= parseGreenButton(readFileSync(GREENBUTTON, 'utf8')).readings.map((r) => ({ start: r.start, duration: r.duration, values: [r.wh] })));

  it('has the five fixtures', () => {
    expect(files).toEqual(['fpl-gsld-1.json', 'pge-bev-2-s.json', 'sce-tou-ev-9.json', 'sdge-ev-hp.json', 'smud-ci-tod3.json']);
  });

  const components: Record<string, string[]> = {
    'fpl-gsld-1.json': ['fixed charge', 'energy', 'flat demand', 'minimum charge'],
    'pge-bev-2-s.json': ['fixed charge', 'energy', 'flat demand'],
    // SCE's flat demand rate is 0, so it has no demand component.
    'sce-tou-ev-9.json': ['fixed charge', 'energy'],
    'sdge-ev-hp.json': ['fixed charge', 'energy', 'flat demand'],
    'smud-ci-tod3.json': ['fixed charge', 'energy', 'flat demand', 'time-of-use demand'],
  };

  for (const file of Object.keys(components)) {
    it(`imports ${file}: components ${components[file]!.join(', ')}; plainFee of July 2011 (NIST year) is positive`, () => {
      const { tariff } = load(file);
      expect(TariffSchema.parse(tariff), file).toEqual(tariff);
      expect(tariff.components.map((c) => c.name)).toEqual(components[file]);
      expect(tariff.scale).toBe(9);
      expect(tariff.omitted).toEqual(REACTIVE.has(file) ? ['reactive power demand charge (demandreactivepowercharge 0.52 $/kVAR): the meter does not measure kVAR'] : undefined);
      const bill = plainFee(tariff, parsePeriod('2011-07', TZ), nistReadings());
      expect(bill.total > 0n).toBe(true);
      expect(bill.items.map((i) => i.component)).toEqual(components[file]);
      for (const i of bill.items) expect(i.amount >= 0n, `${file} ${i.component}`).toBe(true);
      if (tariff.components.some((c) => c.kind === 'demand')) {
        expect(bill.items.find((i) => i.component === 'flat demand')!.amount > 0n).toBe(true);
      }
    });
  }

  for (const file of REACTIVE) {
    it(`refuses ${file} without --leave-out, naming the reactive power charge`, () => {
      const e = errorOf(() => importUrdb(fixture(file), { timezone: TZ }));
      expect(e.code).toBe('urdb.unsupported');
      expect(e.message).toBe(
        'this tariff uses features meterproof cannot price yet: reactive power demand charge (demandreactivepowercharge 0.52 $/kVAR; ' +
          'needs kVAR readings, which the meter does not measure: leave it out explicitly with --leave-out demandreactivepowercharge to import the rest)',
      );
    });
  }

  it('FPL GSLD-1: energy 0.01958 + 0.03544 = 0.05502 $/kWh, flat demand 13.59 + 2.06 = 15.65 $/kW, minimum $6,833.67 a month', () => {
    const { tariff, notes } = load('fpl-gsld-1.json', 'America/New_York');
    expect(tariff.components).toEqual([
      { kind: 'fixed', name: 'fixed charge', amount: '88670000000', per: 'month' },
      { kind: 'tou-energy', name: 'energy', register: 0, periods: [{ label: 'period 0', rate: '55020' }], weekday: fill(0), weekend: fill(0) },
      // 15.65 $/kW = 0.01565 $/W = 15,650,000 × 10^-9 $/W.
      { kind: 'demand', name: 'flat demand', register: 0, periods: [{ label: 'all months', tiers: [{ rate: '15650000' }] }], weekday: fill(0), weekend: fill(0) },
      { kind: 'minimum', name: 'minimum charge', amount: '6833670000000', per: 'month' },
    ]);
    expect(tariff.omitted).toBeUndefined();
    expect(notes.some((n) => n.includes('peakkwcapacitymin 500'))).toBe(true);
  });

  it('FPL GSLD-1, July 2011 of the NIST home, by hand from the raw readings', () => {
    const { tariff } = load('fpl-gsld-1.json');
    const period = parsePeriod('2011-07', TZ);
    const month = nistReadings().filter((r) => r.start >= period.start && r.start < period.end);
    expect(month).toHaveLength(31 * 24);
    expect(month.every((r) => r.duration === 3600)).toBe(true);
    const wh = month.reduce((s, r) => s + BigInt(r.values[0]!), 0n);
    const peakWh = month.reduce((m, r) => (BigInt(r.values[0]!) > m ? BigInt(r.values[0]!) : m), 0n);
    // In 10^-9 dollars. Energy: wh/1000 kWh × 5502/100000 $/kWh.
    const E9 = 10n ** 9n;
    const exact = (num: bigint, den: bigint): bigint => {
      expect(num % den).toBe(0n);
      return num / den;
    };
    const energy = exact(wh * 5502n * E9, 1000n * 100000n);
    // Hourly readings: average kW over the hour = Wh / 1000. Demand: peak kW × (1359 + 206)/100 $/kW.
    const demand = exact(peakWh * (1359n + 206n) * E9, 1000n * 100n);
    const fixed = exact(8867n * E9, 100n);
    const floor = exact(683367n * E9, 100n);
    const subtotal = fixed + energy + demand;
    const topUp = subtotal < floor ? floor - subtotal : 0n;
    const bill = plainFee(tariff, period, nistReadings());
    expect(bill.items).toEqual([
      { component: 'fixed charge', amount: fixed },
      { component: 'energy', amount: energy },
      { component: 'flat demand', amount: demand },
      { component: 'minimum charge', amount: topUp },
    ]);
    expect(bill.total).toBe(subtotal > floor ? subtotal : floor);
    // A home is far below a large-demand customer's minimum: the bill is the minimum.
    expect(bill.total).toBe(6833_670_000_000n);
  });

  it('SMUD CI-TOD3: flat 5.539 $/kW every month, time-of-use 11.609 $/kW on summer weekday 4–9 pm', () => {
    const { tariff } = load('smud-ci-tod3.json');
    const [flatD, tou] = tariff.components.filter((c) => c.kind === 'demand');
    expect(flatD).toMatchObject({ name: 'flat demand', periods: [{ label: 'all months', tiers: [{ rate: '5539000' }] }] });
    if (tou?.kind !== 'demand') throw new Error('expected time-of-use demand');
    expect(tou.periods).toEqual([
      { label: 'period 0', tiers: [{ rate: '0' }] },
      { label: 'period 1', tiers: [{ rate: '11609000' }] },
    ]);
    expect(tou.weekday[6]!.slice(15, 22)).toEqual([0, 1, 1, 1, 1, 1, 0]);
    expect(tou.weekday[0]!.every((p) => p === 0)).toBe(true);
    expect(tou.weekend.flat().every((p) => p === 0)).toBe(true);
    // July 2011: the TOU item is 11.609 $/kW × the largest weekday 16–21 h hourly Wh / 1000.
    const period = parsePeriod('2011-07', TZ);
    let peak = 0n;
    for (const r of nistReadings()) {
      if (r.start < period.start || r.start >= period.end) continue;
      const t = localTime(r.start, TZ);
      if (t.weekday !== 0 && t.weekday !== 6 && t.hour >= 16 && t.hour < 21 && BigInt(r.values[0]!) > peak) peak = BigInt(r.values[0]!);
    }
    const bill = plainFee(tariff, period, nistReadings());
    expect(bill.items.find((i) => i.component === 'time-of-use demand')!.amount).toBe(peak * 11_609_000n);
  });

  it('PG&E BEV-2-S: peak 0.39404 $/kWh → 394040 per Wh at scale 9; $447.44/month fixed; 1.91 $/kW flat demand', () => {
    const { tariff } = load('pge-bev-2-s.json');
    expect(tariff.id).toBe('urdb-6757525f259975f54b0eccbf');
    expect(tariff.name).toBe('Pacific Gas & Electric Co BEV-2-S Business Electric Vehicle (Secondary Voltage)');
    expect(tariff.components[0]).toEqual({ kind: 'fixed', name: 'fixed charge', amount: '447440000000', per: 'month' });
    const energy = energyOf(tariff);
    expect(energy.periods).toEqual([
      { label: 'Off-Peak', rate: '180810' },
      { label: 'Super Off-Peak', rate: '157540' },
      { label: 'Peak', rate: '394040' },
    ]);
    // 4–9 pm is Peak, 9 am–2 pm Super Off-Peak.
    expect(energy.weekday[0]!.slice(16, 21)).toEqual([2, 2, 2, 2, 2]);
    expect(energy.weekday[0]![9]).toBe(1);
    expect(tariff.components[2]).toMatchObject({ kind: 'demand', periods: [{ tiers: [{ rate: '1910000' }] }] });
  });

  it('SCE TOU-EV-9: a zero flat demand rate gives no demand component, with a note', () => {
    const { tariff, notes } = load('sce-tou-ev-9.json');
    expect(tariff.components.some((c) => c.kind === 'demand')).toBe(false);
    expect(notes).toContain('flatdemandstructure has no non-zero price: no flat demand charge');
  });

  it('SMUD CI-TOD3: reads its casing variants, and the same data stored as Python-repr strings', () => {
    const doc = fixture('smud-ci-tod3.json');
    const item = firstItem(doc);
    // The fixture uses flatDemandUnits, demandRateUnits, dgRules, serviceMax, supercedes.
    expect(Object.keys(item)).toEqual(expect.arrayContaining(['flatDemandUnits', 'demandRateUnits', 'dgRules', 'serviceMax', 'supercedes']));
    const fromLists = importUrdb(doc, { timezone: TZ });
    expect(energyOf(fromLists.tariff).periods.map((p) => p.rate)).toEqual(['140800', '116300', '75300', '229700', '112100']);
    expect(fromLists.notes).toContain('supersedes URDB item 66635e3c5f3c73de780e30f8');
    expect(fromLists.notes.find((n) => n.startsWith('eligibility limits'))).toContain('mindemand 500');
    expect(fromLists.tariff.source).not.toHaveProperty('uri'); // SMUD's record has no uri

    // The copy in the fixtures holds real lists; exports that went through pandas hold the repr strings.
    for (const k of [
      'energyratestructure',
      'energyweekdayschedule',
      'energyweekendschedule',
      'flatdemandstructure',
      'flatdemandmonths',
      'demandratestructure',
      'demandweekdayschedule',
      'demandweekendschedule',
    ]) {
      item[k] = pyRepr(item[k]);
    }
    expect(item.demandratestructure).toMatch(/^\[\[\{'rate': 0\}\], \[\{'rate': 11.609\}\]\]$/);
    expect(importUrdb(doc, { timezone: TZ }).tariff).toEqual(fromLists.tariff);
  });
});

describe('importUrdb: component order and names', () => {
  it('fixed charge, energy, flat demand, time-of-use demand, minimum charge', () => {
    const item = {
      ...residentialTou(),
      energyratestructure: [[{ rate: 0.1, max: 300 }, { rate: 0.15 }], [{ rate: 0.2 }], [{ rate: 0.3 }]],
      mincharge: 20,
      minchargeunits: '$/month',
      demandratestructure: [[{ rate: 1 }], [{ rate: 2 }]],
      demandweekdayschedule: fill(1),
      demandweekendschedule: fill(0),
      flatdemandstructure: [[{ rate: 3 }]],
      flatdemandmonths: new Array(12).fill(0),
    };
    const { tariff } = importUrdb(item, { timezone: TZ });
    expect(tariff.components.map((c) => [c.kind, c.name])).toEqual([
      ['fixed', 'fixed charge'],
      ['tiered-energy', 'energy'],
      ['demand', 'flat demand'],
      ['demand', 'time-of-use demand'],
      ['minimum', 'minimum charge'],
    ]);
  });
});

describe('demo/data/residential-tou.urdb.json', () => {
  const doc = JSON.parse(readFileSync(new URL('../../demo/data/residential-tou.urdb.json', import.meta.url), 'utf8')) as Json;

  it('is an illustrative residential TOU that imports cleanly', () => {
    const item = firstItem(doc);
    expect(item.sector).toBe('Residential');
    expect(String(item.description)).toMatch(/illustrative/i);
    expect(String(item.description)).toMatch(/not a current utility rate/i);
    const { tariff, notes } = importUrdb(doc, { timezone: TZ });
    expect(notes).toEqual([]);
    expect(tariff.scale).toBe(9);
    expect(tariff.components[0]).toEqual({ kind: 'fixed', name: 'fixed charge', amount: '390000000', per: 'day' });
    const energy = energyOf(tariff);
    expect(energy.periods).toEqual([
      { label: 'Winter Off-Peak', rate: '368950' },
      { label: 'Winter Peak (4-9 pm)', rate: '402350' },
      { label: 'Summer Off-Peak', rate: '393450' },
      { label: 'Summer Peak (4-9 pm)', rate: '502850' },
    ]);
    // 4–9 pm peak; summer is June–September.
    expect(energy.weekday[6]!.slice(15, 22)).toEqual([2, 3, 3, 3, 3, 3, 2]);
    expect(energy.weekday[0]!.slice(15, 22)).toEqual([0, 1, 1, 1, 1, 1, 0]);
    expect(energy.weekend[4]![17]).toBe(1);
    expect(energy.weekend[9]![17]).toBe(1);
  });
});
