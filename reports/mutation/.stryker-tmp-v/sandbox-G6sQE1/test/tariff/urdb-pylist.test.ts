// @ts-nocheck
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MeterproofError } from '../../src/core/errors.js';
import { parsePyLiteral } from '../../src/tariff/pylist.js';

function fails(text: string, re: RegExp): void {
  try {
    parsePyLiteral(text);
  } catch (e) {
    expect(e).toBeInstanceOf(MeterproofError);
    expect((e as MeterproofError).code).toBe('pylist.invalid');
    expect((e as Error).message).toMatch(re);
    return;
  }
  throw new Error(`expected ${JSON.stringify(text)} to fail`);
}

describe('parsePyLiteral', () => {
  it('reads a Python repr of a URDB structure', () => {
    expect(parsePyLiteral("[[{'unit': 'kWh', 'rate': 0.1405, 'adj': 0.0003}], [{'rate': 1e-05, 'sell': None}]]")).toEqual([
      [{ unit: 'kWh', rate: 0.1405, adj: 0.0003 }],
      [{ rate: 0.00001, sell: null }],
    ]);
  });

  it('reads True/False/None, JSON keywords, tuples, trailing commas, u-prefixes and escapes', () => {
    expect(parsePyLiteral('[True, False, None, true, false, null]')).toEqual([true, false, null, true, false, null]);
    expect(parsePyLiteral('(1, 2,)')).toEqual([1, 2]);
    expect(parsePyLiteral("{'a': [1, 2,], }")).toEqual({ a: [1, 2] });
    expect(parsePyLiteral(`u'Peak'`)).toBe('Peak');
    expect(parsePyLiteral(String.raw`'it\'s \"x\" \\ \n \x41 \u00e9'`)).toBe('it\'s "x" \\ \n A é');
    expect(parsePyLiteral(`"Winter 'Off' Peak"`)).toBe("Winter 'Off' Peak");
    expect(parsePyLiteral('  -0.5 ')).toBe(-0.5);
    expect(parsePyLiteral('[]')).toEqual([]);
    expect(parsePyLiteral('{}')).toEqual({});
  });

  it('keeps "__proto__" as a plain key', () => {
    const v = parsePyLiteral("{'__proto__': {'polluted': 1}}") as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses what is not a literal, naming the offset', () => {
    fails('[1, 2', /expected "\]" but the text ended at offset 5/);
    fails("__import__('os')", /unknown name "__import__"/);
    fails('[1 2]', /expected "\]" but found "2"/);
    fails("{'a': 1, 'a': 2}", /duplicate dict key "a"/);
    fails('{1: 2}', /dict keys must be strings/);
    fails("'abc", /unterminated string/);
    fails(String.raw`'\q'`, /unknown string escape/);
    fails('[1] [2]', /unexpected text after the value/);
    fails('', /expected a value/);
    fails('[inf]', /unknown name "inf"/);
    fails('0.12345678901234567891', /more digits than a double/);
    fails('['.repeat(100) + ']'.repeat(100), /nesting deeper/);
    fails('1e999', /out of range/);
  });

  it('parses every JSON value the same as JSON.parse', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = JSON.stringify(v);
        expect(parsePyLiteral(text)).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });
});
