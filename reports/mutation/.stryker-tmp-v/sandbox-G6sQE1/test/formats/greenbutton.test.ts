// @ts-nocheck
import { describe, expect, it } from 'vitest';
import { parseGreenButton } from '../../src/formats/greenbutton.js';
import { isoUtc, type Reading } from '../../src/formats/readings.js';
import { fixture as repoFixture } from '../helpers.js';
import { importError } from './helpers.js';

// Real public sample files (see test/fixtures/README.md for sources and licences).
const fixture = (name: string): string => repoFixture(`greenbutton/${name}`);

const sum = (rs: readonly Reading[]): number => rs.reduce((n, r) => n + r.wh, 0);

/** Independent of the importer: the <value> of every <IntervalReading>, by regex (any namespace prefix). */
function regexValues(xml: string): number[] {
  const blocks = xml.match(/<(?:\w+:)?IntervalReading>[\s\S]*?<\/(?:\w+:)?IntervalReading>/g) ?? [];
  return blocks.map((b) => Number(/<(?:\w+:)?value>(\d+)<\/(?:\w+:)?value>/.exec(b)![1]));
}


// --- a small synthetic feed, for the error cases ---------------------------------

interface Row {
  start: number | string;
  duration?: number | string;
  value?: number | string | null; // null: no <value> element
}
type Style = 'default' | 'espi' | 'ns0';

/** 2020-01-01T00:00:00Z */
const T0 = 1577836800;
const rows = (values: (number | string | null)[], from = T0, duration = 3600): Row[] =>
  values.map((value, i) => ({ start: from + i * duration, duration, value }));

function readingType(fields: Record<string, number | string>, style: Style = 'default'): string {
  const p = style === 'default' ? '' : `${style}:`;
  const xmlns = style === 'default' ? ' xmlns="http://naesb.org/espi"' : '';
  const body = Object.entries(fields)
    .map(([k, v]) => `<${p}${k}>${v}</${p}${k}>`)
    .join('');
  return `<${p}ReadingType${xmlns}>${body}</${p}ReadingType>`;
}

function feed(blocks: Row[][], opts: { types?: string[]; style?: Style } = {}): string {
  const style = opts.style ?? 'default';
  const p = style === 'default' ? '' : `${style}:`;
  const a = style === 'ns0' ? 'ns1:' : '';
  const root =
    style === 'ns0'
      ? '<ns1:feed xmlns:ns0="http://naesb.org/espi" xmlns:ns1="http://www.w3.org/2005/Atom">'
      : `<feed xmlns="http://www.w3.org/2005/Atom"${style === 'espi' ? ' xmlns:espi="http://naesb.org/espi"' : ''}>`;
  const xmlns = style === 'default' ? ' xmlns="http://naesb.org/espi"' : '';
  const el = (name: string, v: unknown): string => `<${p}${name}>${String(v)}</${p}${name}>`;
  const entry = (content: string): string => `<${a}entry><${a}content>${content}</${a}content></${a}entry>`;
  const blockXml = (rs: Row[]): string =>
    `<${p}IntervalBlock${xmlns}>` +
    rs
      .map(
        (r) =>
          `<${p}IntervalReading><${p}timePeriod>${el('duration', r.duration ?? 3600)}${el('start', r.start)}</${p}timePeriod>` +
          (r.value === null ? '' : el('value', r.value ?? 0)) +
          `</${p}IntervalReading>`,
      )
      .join('') +
    `</${p}IntervalBlock>`;
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    root +
    (opts.types ?? []).map(entry).join('') +
    blocks.map((b) => entry(blockXml(b))).join('') +
    `</${a}feed>`
  );
}

// --- real fixtures ----------------------------------------------------------------

describe('parseGreenButton: NIST Inland Single Family 2011 (hourly, default namespace)', () => {
  const xml = fixture('nist-inland-single-family-2011-hourly.xml');
  const out = parseGreenButton(xml);

  it('reads 8,760 contiguous hourly readings covering 2011 in Pacific time', () => {
    expect(out.source).toBe('greenbutton');
    expect(out.readings).toHaveLength(8760);
    expect(out.readings.every((r) => r.duration === 3600)).toBe(true);
    // 2011-01-01 00:00 PST = 08:00Z; the last hour starts 2011-12-31 23:00 PST = 2012-01-01T07:00Z.
    expect(isoUtc(out.readings[0]!.start)).toBe('2011-01-01T08:00:00Z');
    expect(isoUtc(out.readings.at(-1)!.start)).toBe('2012-01-01T07:00:00Z');
    expect(out.readings[0]).toEqual({ start: 1293868800, duration: 3600, wh: 1002 });
    expect(out.readings.at(-1)).toEqual({ start: 1325401200, duration: 3600, wh: 1034 });
    for (let i = 1; i < out.readings.length; i++) {
      expect(out.readings[i]!.start).toBe(out.readings[i - 1]!.start + 3600);
    }
  });

  it('keeps every Wh: the total matches a regex count over the file', () => {
    const values = regexValues(xml);
    expect(values).toHaveLength(8760);
    expect(sum(out.readings)).toBe(values.reduce((a, b) => a + b, 0));
    expect(sum(out.readings)).toBe(8_343_306);
  });

  it('uses the ReadingType (uom 72, powerOfTenMultiplier 0) without notes', () => {
    expect(out.notes).toEqual([]);
  });
});

describe('parseGreenButton: OpenESPI 15-minute with cost', () => {
  const xml = fixture('openespi-15min-with-cost.xml');
  const out = parseGreenButton(xml);

  it('reads one day of 15-minute readings, ignoring cost and ReadingQuality', () => {
    expect(out.readings).toHaveLength(96);
    expect(out.readings.every((r) => r.duration === 900)).toBe(true);
    expect(out.readings[0]).toEqual({ start: 1330578000, duration: 900, wh: 282 }); // 2012-03-01T05:00Z, has ReadingQuality
    expect(out.readings.at(-1)).toEqual({ start: 1330663500, duration: 900, wh: 324 });
    expect(isoUtc(out.readings.at(-1)!.start)).toBe('2012-03-02T04:45:00Z');
    expect(sum(out.readings)).toBe(regexValues(xml).reduce((a, b) => a + b, 0));
    expect(sum(out.readings)).toBe(93_846);
  });
});

describe('parseGreenButton: nine days hourly', () => {
  const xml = fixture('nine-days-hourly.xml');
  const out = parseGreenButton(xml);

  it('reads 216 hourly readings from nine daily blocks', () => {
    expect(out.readings).toHaveLength(216);
    expect(isoUtc(out.readings[0]!.start)).toBe('2014-01-01T05:00:00Z');
    expect(isoUtc(out.readings.at(-1)!.start)).toBe('2014-01-10T04:00:00Z');
    expect(out.readings[0]!.wh).toBe(273);
  });

  it("totals the same as the feed's own usage summary (overallConsumptionLastPeriod 199563 Wh)", () => {
    expect(xml).toContain('<value>199563</value>');
    expect(sum(out.readings)).toBe(199_563);
  });
});

describe('parseGreenButton: PG&E ns0:/ns1: interval blocks', () => {
  // The file has 24 IntervalBlocks that all start at 2015-04-30T07:00Z: block k repeats the
  // first k hours (1, 2, ..., 23), and the 24th holds all 2,280 hours. 2,556 IntervalReadings,
  // 2,280 distinct; every repeated reading is an exact copy (same start, duration and value).
  const xml = fixture('pge-prefixed-interval-block.xml');

  it('reports the overlapping blocks as duplicates instead of double counting', () => {
    const e = importError(() => parseGreenButton(xml));
    expect(e.code).toBe('import.invalid');
    expect(e.message).toContain('duplicate reading');
    expect(e.message).toContain('2015-04-30T07:00:00Z to 2015-04-30T08:00:00Z');
    expect(e.message).toMatch(/^duplicate reading: /);
    expect(e.message).toContain('(IntervalBlock 1, IntervalReading 1 and IntervalBlock 2, IntervalReading 1)');
    expect(e.where).toBe('IntervalBlock 1, IntervalReading 1 and IntervalBlock 2, IntervalReading 1');
    expect(e.message).toContain('276 duplicate readings in total');
  });

  it("imports with duplicates: 'drop-identical', keeping one copy of each hour", () => {
    const out = parseGreenButton(xml, { duplicates: 'drop-identical' });
    expect(out.readings).toHaveLength(2280);
    expect(isoUtc(out.readings[0]!.start)).toBe('2015-04-30T07:00:00Z');
    expect(isoUtc(out.readings.at(-1)!.start)).toBe('2015-08-03T06:00:00Z');
    expect(out.readings[0]!.wh).toBe(86400);

    // Independent total: one value per distinct start, checking the copies agree.
    const byStart = new Map<number, number>();
    for (const m of xml.matchAll(/<ns0:start>(\d+)<\/ns0:start>\s*<\/ns0:timePeriod>\s*<ns0:value>(\d+)</g)) {
      const [start, value] = [Number(m[1]), Number(m[2])];
      expect(byStart.get(start) ?? value).toBe(value);
      byStart.set(start, value);
    }
    expect(byStart.size).toBe(2280);
    const distinctTotal = [...byStart.values()].reduce((a, b) => a + b, 0);
    expect(sum(out.readings)).toBe(distinctTotal);
    expect(sum(out.readings)).toBeLessThan(regexValues(xml).reduce((a, b) => a + b, 0)); // not double counted

    // No ReadingType in this file: the unit is an assumption and says so.
    expect(out.notes).toContain('the feed has no ReadingType: assumed uom 72 (Wh) and powerOfTenMultiplier 0');
    expect(out.notes).toContain('dropped 276 identical duplicate readings');
  });
});

describe('parseGreenButton: PG&E ReadingType-only feed', () => {
  it('says there are no readings (the file has 48 ReadingType entries and no IntervalBlock)', () => {
    const e = importError(() => parseGreenButton(fixture('pge-prefixed-reading-type.xml')));
    expect(e.message).toBe(
      'no readings: the feed has no IntervalBlock (it holds 48 ReadingType entries only; the interval data must be in another file)',
    );
  });
});

// --- synthetic feeds --------------------------------------------------------------

describe('parseGreenButton: namespaces and structure', () => {
  const wh = readingType({ accumulationBehaviour: 4, flowDirection: 1, powerOfTenMultiplier: 0, uom: 72 });

  it.each(['default', 'espi', 'ns0'] as const)('reads %s namespace style', (style) => {
    const xml = feed([rows([5, 6]), rows([7], T0 + 7200)], {
      types: [readingType({ powerOfTenMultiplier: 0, uom: 72 }, style)],
      style,
    });
    expect(parseGreenButton(xml)).toEqual({
      source: 'greenbutton',
      registers: ['import'],
      notes: [],
      readings: [
        { start: T0, duration: 3600, wh: 5 },
        { start: T0 + 3600, duration: 3600, wh: 6 },
        { start: T0 + 7200, duration: 3600, wh: 7 },
      ],
    });
  });

  it('reads a single IntervalReading (not an array) and a UTF-8 BOM', () => {
    const out = parseGreenButton('\uFEFF' + feed([rows([42])], { types: [wh] }));
    expect(out.readings).toEqual([{ start: T0, duration: 3600, wh: 42 }]);
  });

  it('sorts blocks given out of order', () => {
    const out = parseGreenButton(feed([rows([3], T0 + 3600), rows([2])], { types: [wh] }));
    expect(out.readings.map((r) => r.wh)).toEqual([2, 3]);
  });

  it('keeps large values exact (no float parsing)', () => {
    const out = parseGreenButton(feed([rows(['9007199254740991'])], { types: [wh] }));
    expect(out.readings[0]!.wh).toBe(Number.MAX_SAFE_INTEGER);
    const e = importError(() => parseGreenButton(feed([rows(['9007199254740993'])], { types: [wh] })));
    expect(e.message).toBe('IntervalBlock 1, IntervalReading 1: value 9007199254740993 × 10^0 Wh is too large');
  });

  it('assumes Wh with a note when there is no ReadingType', () => {
    const out = parseGreenButton(feed([rows([1])]));
    expect(out.notes).toEqual(['the feed has no ReadingType: assumed uom 72 (Wh) and powerOfTenMultiplier 0']);
  });

  it('accepts several ReadingTypes that agree on the unit and scale', () => {
    const a = readingType({ intervalLength: 900, powerOfTenMultiplier: 0, uom: 72 });
    const b = readingType({ intervalLength: 3600, powerOfTenMultiplier: 0, uom: 72 });
    const out = parseGreenButton(feed([rows([1])], { types: [a, b] }));
    expect(out.readings).toHaveLength(1);
    expect(out.notes[0]).toContain('2 ReadingTypes that agree');
  });
});

describe('parseGreenButton: units and scale', () => {
  it('scales by a positive powerOfTenMultiplier and says so', () => {
    const out = parseGreenButton(feed([rows([2, 15])], { types: [readingType({ powerOfTenMultiplier: 3, uom: 72 })] }));
    expect(out.readings.map((r) => r.wh)).toEqual([2000, 15000]);
    expect(out.notes).toEqual(['scaled by powerOfTenMultiplier 3 (Wh = value × 10^3)']);
  });

  it('accepts a negative multiplier only when it leaves whole Wh', () => {
    const types = [readingType({ powerOfTenMultiplier: -3, uom: 72 })];
    expect(parseGreenButton(feed([rows([5000, 0])], { types })).readings.map((r) => r.wh)).toEqual([5, 0]);
    const e = importError(() => parseGreenButton(feed([rows([5000, 1234])], { types })));
    expect(e.message).toBe(
      'IntervalBlock 1, IntervalReading 2: value 1234 × 10^-3 is not a whole number of Wh (powerOfTenMultiplier -3)',
    );
    expect(e.where).toBe('IntervalBlock 1, IntervalReading 2');
  });

  it('rejects a unit other than Wh, naming it', () => {
    const e = importError(() => parseGreenButton(feed([rows([1])], { types: [readingType({ uom: 38 })] })));
    expect(e.message).toBe('ReadingType uom 38 (W) is not supported: only 72 (Wh) is');
  });

  it('rejects cumulative register readings and non-forward flow', () => {
    const cumulative = readingType({ accumulationBehaviour: 1, uom: 72 });
    expect(importError(() => parseGreenButton(feed([rows([1])], { types: [cumulative] }))).message).toContain(
      'accumulationBehaviour 1 is not supported',
    );
    const net = readingType({ flowDirection: 19, uom: 72 });
    expect(importError(() => parseGreenButton(feed([rows([1])], { types: [net] }))).message).toContain(
      'flowDirection 19 is not supported yet',
    );
  });

  it('rejects several different ReadingTypes, naming them', () => {
    const types = [readingType({ powerOfTenMultiplier: 0, uom: 72 }), readingType({ powerOfTenMultiplier: 3, uom: 72 })];
    const e = importError(() => parseGreenButton(feed([rows([1])], { types })));
    expect(e.message).toBe(
      'the feed has 2 ReadingTypes of 2 different kinds (uom 72, powerOfTenMultiplier 0; uom 72, powerOfTenMultiplier 3); ' +
        'feeds with several reading types are not supported yet',
    );
  });

  it('rejects a malformed multiplier with its location', () => {
    const e = importError(() => parseGreenButton(feed([rows([1])], { types: [readingType({ powerOfTenMultiplier: 'k' })] })));
    expect(e.message).toBe('ReadingType 1: powerOfTenMultiplier "k" is not an integer');
  });
});

describe('parseGreenButton: errors name the place', () => {
  it('malformed XML', () => {
    const xml = feed([rows([1, 2])]).replace('</value>', '</valeu>');
    const e = importError(() => parseGreenButton(xml));
    expect(e.message).toMatch(/^line \d+, column \d+: XML is not well-formed: /);
    expect(e.message).toContain("closing tag 'valeu'");
    expect(e.message.length).toBeLessThan(200);
  });

  it('input that is not XML at all, or empty', () => {
    expect(importError(() => parseGreenButton('start,duration_s,wh\n1,2,3\n')).message).toContain('XML is not well-formed');
    expect(importError(() => parseGreenButton('  \n')).message).toBe('empty input: expected a Green Button (ESPI) XML feed');
  });

  it('XML without interval data', () => {
    expect(importError(() => parseGreenButton('<feed xmlns="http://www.w3.org/2005/Atom"/>')).message).toBe(
      'no readings: the feed has no IntervalBlock',
    );
    expect(importError(() => parseGreenButton(feed([[]]))).message).toBe(
      'no readings: its IntervalBlocks hold no IntervalReading',
    );
  });

  it('missing value', () => {
    const e = importError(() => parseGreenButton(feed([rows([1]), rows([2, null], T0 + 3600)])));
    expect(e.message).toBe('IntervalBlock 2, IntervalReading 2: missing value');
    expect(e.where).toBe('IntervalBlock 2, IntervalReading 2');
  });

  it('missing start or timePeriod', () => {
    const noStart = feed([rows([1])]).replace(/<start>\d+<\/start>/, '');
    expect(importError(() => parseGreenButton(noStart)).message).toBe(
      'IntervalBlock 1, IntervalReading 1: missing timePeriod.start',
    );
    const noPeriod = feed([rows([1])]).replace(/<timePeriod>.*<\/timePeriod>/, '');
    expect(importError(() => parseGreenButton(noPeriod)).message).toBe('IntervalBlock 1, IntervalReading 1: missing timePeriod');
  });

  it.each([
    ['12.5', 'value "12.5" is not an integer'],
    ['1e3', 'value "1e3" is not an integer'],
    ['0x10', 'value "0x10" is not an integer'],
    ['', 'value "" is not an integer'],
    ['-5', 'value -5 is negative (reverse flow / export); net metering is not supported yet'],
  ])('value %j', (value, what) => {
    const e = importError(() => parseGreenButton(feed([rows([1, 2, value])])));
    expect(e.message).toBe(`IntervalBlock 1, IntervalReading 3: ${what}`);
  });

  it('bad start or duration', () => {
    const badDuration = feed([[{ start: T0, duration: 0, value: 1 }]]);
    expect(importError(() => parseGreenButton(badDuration)).message).toBe(
      'IntervalBlock 1, IntervalReading 1: timePeriod.duration 0 is not a positive number of seconds',
    );
    const badStart = feed([[{ start: '2020-01-01', value: 1 }]]);
    expect(importError(() => parseGreenButton(badStart)).message).toBe(
      'IntervalBlock 1, IntervalReading 1: timePeriod.start "2020-01-01" is not an integer',
    );
  });

  it('a gap between blocks', () => {
    const e = importError(() => parseGreenButton(feed([rows([1]), rows([2], T0 + 7200)])));
    expect(e.message).toBe(
      'gap in readings: no data from 2020-01-01T01:00:00Z to 2020-01-01T02:00:00Z (1 h) ' +
        'between IntervalBlock 1, IntervalReading 1 and IntervalBlock 2, IntervalReading 1',
    );
  });

  it('an overlap with different values, even with drop-identical', () => {
    const e = importError(() =>
      parseGreenButton(feed([rows([1, 2]), rows([9], T0 + 3600)]), { duplicates: 'drop-identical' }),
    );
    expect(e.message).toContain('overlapping readings: 2020-01-01T01:00:00Z to 2020-01-01T02:00:00Z');
    expect(e.message).toContain('IntervalBlock 1, IntervalReading 2');
    expect(e.message).toContain('IntervalBlock 2, IntervalReading 1');
  });
});
