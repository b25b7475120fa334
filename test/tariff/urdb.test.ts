import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MeterproofError } from '../../src/core/errors.js';
import { TariffSchema, type TouEnergyComponent } from '../../src/tariff/model.js';
import { importUrdb } from '../../src/tariff/urdb.js';

const FIXTURES = '/work/shared/fixtures/urdb/';
const TZ = 'America/Los_Angeles';

type Json = Record<string, unknown>;

function fixture(file: string): Json {
  return JSON.parse(readFileSync(FIXTURES + file, 'utf8')) as Json;
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

const DEMAND_AND_MINIMUM = [
  'flatdemandstructure',
  'flatdemandmonths',
  'demandratestructure',
  'demandweekdayschedule',
  'demandweekendschedule',
  'demandreactivepowercharge',
  'mincharge',
  'minchargeunits',
];

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
    expect(() => importUrdb(item, { timezone: TZ })).not.toThrow();
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
  const unsupported = (item: Json): string => {
    const e = errorOf(() => importUrdb(item, { timezone: TZ }));
    expect(e.code).toBe('urdb.unsupported');
    expect(e.message).toMatch(/^this tariff uses features meterproof cannot price yet: /);
    return e.message;
  };

  it('tiered energy rates, naming the period and tier count', () => {
    const item = {
      ...residentialTou(),
      energyratestructure: [
        [{ rate: 0.1 }],
        [{ rate: 0.07531, adj: 0.0119, max: 1000 }, { rate: 0.08, max: 2000 }, { rate: 0.09613, adj: 0.0119 }],
        [{ rate: 0.3 }],
      ],
    };
    expect(unsupported(item)).toContain('tiered energy rates (energyratestructure period 1 has 3 tiers)');
  });

  it('collects every feature into one message', () => {
    const item = {
      ...flat(0.1),
      energyratestructure: [[{ rate: 0.1, sell: 0.03, unit: 'kWh daily' }], [{ rate: 0.1 }, { rate: 0.2 }]],
      flatdemandstructure: [[{ rate: 13.59, adj: 2.06 }]],
      demandratestructure: [[{ rate: 0 }], [{ rate: 11.609 }]],
      demandreactivepowercharge: 0.52,
      coincidentratestructure: [[{ rate: 3 }]],
      mincharge: 6833.67,
      minchargeunits: '$/month',
      minmonthlycharge: 5,
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
      'tiered energy rates (energyratestructure period 1 has 2 tiers)',
      'sell rates (energyratestructure period 0 sell 0.03 $/kWh)',
      'energy tier unit "kWh daily" (energyratestructure period 0)',
      'flat demand charges (flatdemandstructure period 0: 15.65 $/kW)',
      'time-of-use demand charges (demandratestructure period 1: 11.609 $/kW)',
      'coincident demand charges (coincidentratestructure period 0: 3 $/kW)',
      'reactive power demand charge (demandreactivepowercharge 0.52 $/kVAR; needs kVAR readings)',
      'minimum charge (mincharge 6833.67 $/month)',
      'minimum charge (minmonthlycharge 5 $/month)',
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

  it('a single tier with a usage cap (energy above it would be unpriced)', () => {
    expect(unsupported({ ...flat(0.1), energyratestructure: [[{ rate: 0.1, max: 500 }]] })).toContain(
      'energy usage limit (energyratestructure period 0 has max 500 kWh and no tier above it)',
    );
  });

  it('ignores an unknown field that does not look like a price, with a note', () => {
    const { notes } = importUrdb({ ...flat(0.1), colour: 'blue' }, { timezone: TZ });
    expect(notes).toContain('ignored unrecognised field "colour"');
  });
});

describe('importUrdb: the URDB fixtures', () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).sort();

  it('has the five fixtures', () => {
    expect(files).toEqual(['fpl-gsld-1.json', 'pge-bev-2-s.json', 'sce-tou-ev-9.json', 'sdge-ev-hp.json', 'smud-ci-tod3.json']);
  });

  // Every fixture has a demand charge of some kind, so every import must be refused by name.
  const expected: Record<string, string[]> = {
    'fpl-gsld-1.json': ['flat demand charges (flatdemandstructure period 0: 15.65 $/kW)', 'minimum charge (mincharge 6833.67 $/month)'],
    'pge-bev-2-s.json': ['flat demand charges (flatdemandstructure period 0: 1.91 $/kW)', 'reactive power demand charge (demandreactivepowercharge 0.52 $/kVAR'],
    // SCE's flat demand rate is 0, so only the reactive power charge is refused.
    'sce-tou-ev-9.json': ['reactive power demand charge (demandreactivepowercharge 0.52 $/kVAR'],
    'sdge-ev-hp.json': ['flat demand charges (flatdemandstructure period 0: 4.834 $/kW)', 'reactive power demand charge'],
    'smud-ci-tod3.json': ['flat demand charges (flatdemandstructure period 0: 5.539 $/kW)', 'time-of-use demand charges (demandratestructure period 1: 11.609 $/kW)'],
  };

  for (const [file, parts] of Object.entries(expected)) {
    it(`refuses ${file}, naming its demand features`, () => {
      const e = errorOf(() => importUrdb(fixture(file), { timezone: TZ }));
      expect(e.code).toBe('urdb.unsupported');
      expect(e.message).toContain('demand');
      for (const part of parts) expect(e.message).toContain(part);
      if (file.startsWith('fpl')) expect(e.message).toContain('minimum charge');
      else expect(e.message).not.toContain('minimum charge');
      expect(e.message).not.toContain('tiered');
    });
  }

  it('imports each fixture once its demand and minimum charges are deleted', () => {
    for (const file of files) {
      const doc = fixture(file);
      const item = firstItem(doc);
      expect((item.energyratestructure as unknown[][]).every((p) => p.length === 1), file).toBe(true);
      for (const k of Object.keys(item)) if (DEMAND_AND_MINIMUM.includes(k.toLowerCase())) delete item[k];
      const { tariff } = importUrdb(doc, { timezone: TZ });
      expect(TariffSchema.parse(tariff), file).toEqual(tariff);
      expect(tariff.scale, file).toBe(9);
      expect(energyOf(tariff).periods.length).toBe((item.energyratestructure as unknown[]).length);
    }
  });

  it('PG&E BEV-2-S: peak 0.39404 $/kWh → 394040 per Wh at scale 9; $447.44/month fixed', () => {
    const doc = fixture('pge-bev-2-s.json');
    const item = firstItem(doc);
    for (const k of DEMAND_AND_MINIMUM) delete item[k];
    const { tariff } = importUrdb(doc, { timezone: TZ });
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
  });

  it('FPL GSLD-1: 0.01958 + 0.03544 = 0.05502 $/kWh exactly', () => {
    const doc = fixture('fpl-gsld-1.json');
    const item = firstItem(doc);
    for (const k of DEMAND_AND_MINIMUM) delete item[k];
    const { tariff, notes } = importUrdb(doc, { timezone: 'America/New_York' });
    expect(energyOf(tariff).periods).toEqual([{ label: 'period 0', rate: '55020' }]);
    expect(tariff.components[0]).toMatchObject({ amount: '88670000000', per: 'month' });
    expect(notes.some((n) => n.includes('peakkwcapacitymin 500'))).toBe(true);
  });

  it('SMUD CI-TOD3: reads its casing variants, and the same data stored as Python-repr strings', () => {
    const doc = fixture('smud-ci-tod3.json');
    const item = firstItem(doc);
    // The fixture uses flatDemandUnits, demandRateUnits, dgRules, serviceMax, supercedes.
    expect(Object.keys(item)).toEqual(expect.arrayContaining(['flatDemandUnits', 'demandRateUnits', 'dgRules', 'serviceMax', 'supercedes']));
    for (const k of ['flatdemandstructure', 'demandratestructure']) delete item[k];
    const fromLists = importUrdb(doc, { timezone: TZ });
    expect(energyOf(fromLists.tariff).periods.map((p) => p.rate)).toEqual(['140800', '116300', '75300', '229700', '112100']);
    expect(fromLists.notes).toContain('supersedes URDB item 66635e3c5f3c73de780e30f8');
    expect(fromLists.tariff.source).not.toHaveProperty('uri'); // SMUD's record has no uri

    // The copy in the fixtures holds real lists; exports that went through pandas hold the repr strings.
    for (const k of ['energyratestructure', 'energyweekdayschedule', 'energyweekendschedule', 'flatdemandmonths', 'demandweekdayschedule', 'demandweekendschedule']) {
      item[k] = pyRepr(item[k]);
    }
    expect(importUrdb(doc, { timezone: TZ }).tariff).toEqual(fromLists.tariff);

    // And the demand structures as strings are still found and refused.
    const again = firstItem(fixture('smud-ci-tod3.json'));
    again.flatdemandstructure = pyRepr(again.flatdemandstructure);
    again.demandratestructure = pyRepr(again.demandratestructure);
    const e = errorOf(() => importUrdb(again, { timezone: TZ }));
    expect(e.code).toBe('urdb.unsupported');
    expect(e.message).toContain('demandratestructure period 1: 11.609 $/kW');
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
