// @ts-nocheck
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localTime, startOfLocalDay } from '../../src/tariff/calendar.js';
import { formatDecimal, numberToDecimalText, parseDecimal, roundAmount } from '../../src/tariff/money.js';
import { parsePeriod } from '../../src/tariff/period.js';
import { plainFee } from '../../src/tariff/plain.js';
import { parseTariff } from '../../src/tariff/signed.js';
import { schedule, touTariff } from '../helpers.js';

const LA = 'America/Los_Angeles';

describe('billing periods', () => {
  it('a calendar month runs between local midnights', () => {
    expect(parsePeriod('2011-07', LA)).toMatchObject({ start: Date.UTC(2011, 6, 1, 7) / 1000, end: Date.UTC(2011, 7, 1, 7) / 1000, days: 31, kind: 'month' });
    expect(parsePeriod('2011-12', LA)).toMatchObject({ start: Date.UTC(2011, 11, 1, 8) / 1000, end: Date.UTC(2012, 0, 1, 8) / 1000 });
  });

  it('daylight-saving months are an hour short or long', () => {
    const h = (p: string) => (parsePeriod(p, LA).end - parsePeriod(p, LA).start) / 3600;
    expect(h('2011-03')).toBe(31 * 24 - 1);
    expect(h('2011-11')).toBe(30 * 24 + 1);
    expect(h('2011-03-13/2011-03-13')).toBe(23);
    expect(h('2011-11-06/2011-11-06')).toBe(25);
    expect(h('2011-03-12/2011-03-14')).toBe(71);
    expect((parsePeriod('2012-04-01/2012-04-01', 'Australia/Lord_Howe').end - parsePeriod('2012-04-01/2012-04-01', 'Australia/Lord_Howe').start) / 60).toBe(24 * 60 + 30);
  });

  it('finds the start of a day whose midnight does not exist', () => {
    // Santiago skipped 2022-09-11 00:00 (clocks went to 01:00).
    const s = startOfLocalDay(2022, 9, 11, 'America/Santiago');
    expect(localTime(s, 'America/Santiago')).toMatchObject({ day: 11, hour: 1, minute: 0 });
    expect(localTime(s - 1, 'America/Santiago').day).toBe(10);
  });

  it('day boundaries hold in many zones', () => {
    fc.assert(
      fc.property(fc.constantFrom(LA, 'Europe/London', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'UTC', 'America/St_Johns'), fc.integer({ min: 0, max: 3000 }), (tz, d) => {
        const day = new Date(Date.UTC(2010, 0, 1 + d));
        const s = startOfLocalDay(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), tz);
        const t = localTime(s, tz);
        expect([t.year, t.month, t.day]).toEqual([day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()]);
        expect(localTime(s - 1, tz).day).not.toBe(t.day);
      }),
      { numRuns: 200 },
    );
  });

  it('rejects malformed periods clearly', () => {
    for (const p of ['2011-13', '2011-7', '2011-02-30/2011-03-01', '2011-03-02/2011-03-01', 'july', '']) {
      expect(() => parsePeriod(p, LA)).toThrow(expect.objectContaining({ code: 'period.invalid' }));
    }
    expect(() => parsePeriod('2011-07', 'Mars/Olympus')).toThrow(expect.objectContaining({ code: 'tariff.timezone' }));
  });
});

describe('money', () => {
  it('parses exactly or refuses', () => {
    expect(parseDecimal('22.344', 12)).toBe(22344000000000n);
    expect(parseDecimal('0.08721', 9)).toBe(87210000n);
    expect(parseDecimal('-1.5', 1)).toBe(-15n);
    expect(() => parseDecimal('0.0000000001', 9)).toThrow(expect.objectContaining({ code: 'money.inexact' }));
    for (const bad of ['1e3', '+1', '01', '.5', '1.', '', ' 1']) expect(() => parseDecimal(bad, 9)).toThrow();
  });

  it('formats canonically and round-trips', () => {
    fc.assert(fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 18 }), (v, k) => {
      expect(parseDecimal(formatDecimal(v, k), k)).toBe(v);
    }));
    expect(formatDecimal(-5n, 3)).toBe('-0.005');
    expect(formatDecimal(7n, 0)).toBe('7');
  });

  it('reads JSON numbers as the decimals their authors wrote', () => {
    expect(numberToDecimalText(0.07531)).toBe('0.07531');
    expect(numberToDecimalText(1e-7)).toBe('0.0000001');
    expect(numberToDecimalText(1.5e-10)).toBe('0.00000000015');
    expect(numberToDecimalText(2e21)).toBe('2000000000000000000000');
  });

  it('rounds by the public rule', () => {
    expect(roundAmount(12345n, 3, 2, 'half-up')).toBe(1235n);
    expect(roundAmount(12345n, 3, 2, 'half-even')).toBe(1234n);
    expect(roundAmount(12355n, 3, 2, 'half-even')).toBe(1236n);
    expect(roundAmount(-12345n, 3, 2, 'half-up')).toBe(-1235n);
    expect(roundAmount(12344n, 3, 2, 'half-up')).toBe(1234n);
    expect(roundAmount(5n, 0, 2, 'half-up')).toBe(500n);
  });
});

describe('plain calculator, known answers by hand', () => {
  const rates = (peak: string, off: string) => ({
    ...touTariff({ rounding: undefined }),
    components: [
      { kind: 'fixed', name: 'daily', amount: '1000', per: 'day' },
      { kind: 'tou-energy', name: 'energy', periods: [{ label: 'off', rate: off }, { label: 'peak', rate: peak }], weekday: schedule((_m, h) => (h === 1 || h === 17 ? 1 : 0)), weekend: schedule((_m, h) => (h === 1 ? 1 : 0)) },
    ],
  });

  it('prices both 01:00 hours of the 25-hour day as hour 1, and skips the missing 02:00 of the 23-hour day', () => {
    const tariff = parseTariff(rates('10', '1'));
    // 2011-11-06 (Sunday) in Los Angeles: 25 hours, 01:00 twice. Every hour 1 Wh.
    const fall = parsePeriod('2011-11-06/2011-11-06', LA);
    const hours = (p: typeof fall) => Array.from({ length: (p.end - p.start) / 3600 }, (_, i) => ({ start: p.start + 3600 * i, duration: 3600, values: [1] }));
    // 23 off-peak hours at 1, two hour-1s at 10 (weekend schedule), plus the daily 1000.
    expect(plainFee(tariff, fall, hours(fall)).total).toBe(23n * 1n + 2n * 10n + 1000n);
    // 2011-03-13 (Sunday): 23 hours, one hour 1.
    const spring = parsePeriod('2011-03-13/2011-03-13', LA);
    expect(plainFee(tariff, spring, hours(spring)).total).toBe(22n + 10n + 1000n);
    // Monday 2011-03-14: weekday schedule, hours 1 and 17 peak.
    const monday = parsePeriod('2011-03-14/2011-03-14', LA);
    expect(plainFee(tariff, monday, hours(monday)).total).toBe(22n + 20n + 1000n);
  });

  it('refuses readings that do not cover the period', () => {
    const tariff = parseTariff(rates('10', '1'));
    const p = parsePeriod('2011-03-14/2011-03-14', LA);
    expect(() => plainFee(tariff, p, [{ start: p.start, duration: 3600, values: [1] }])).toThrow(expect.objectContaining({ code: 'period.coverage' }));
  });

  it('refuses a monthly charge on a range of days', () => {
    const tariff = parseTariff(touTariff());
    const p = parsePeriod('2011-03-14/2011-03-14', LA);
    const hours = Array.from({ length: 24 }, (_, i) => ({ start: p.start + 3600 * i, duration: 3600, values: [1] }));
    expect(() => plainFee(tariff, p, hours)).toThrow(expect.objectContaining({ code: 'tariff.period' }));
  });
});

describe('tariff validation', () => {
  it('names what is wrong', () => {
    expect(() => parseTariff({ ...touTariff(), scale: 19 })).toThrow(/scale/);
    expect(() => parseTariff({ ...touTariff(), currency: 'usd' })).toThrow(/currency/);
    expect(() => parseTariff({ ...touTariff(), timezone: 'Nowhere/Land' })).toThrow(/Nowhere\/Land/);
    const t = touTariff() as { components: { weekday?: number[][] }[] };
    t.components[1]!.weekday![6]![17] = 9;
    expect(() => parseTariff(t)).toThrow(/month 7 hour 17 names period 9/);
    expect(() => parseTariff({ ...touTariff(), components: [{ kind: 'fixed', name: 'x', amount: '1.5', per: 'month' }] })).toThrow(/integer/);
  });
});

describe('local time cache', () => {
  it('agrees with Intl for instants inside slots, and in zones with historical odd offsets', () => {
    const f = (tz: string) => new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    fc.assert(
      fc.property(fc.constantFrom(LA, 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Africa/Monrovia', 'Europe/Amsterdam'), fc.integer({ min: -2_500_000_000, max: 2_500_000_000 }), (tz, unix) => {
        const parts = Object.fromEntries(f(tz).formatToParts(new Date(unix * 1000)).map((p) => [p.type, p.value]));
        const t = localTime(unix, tz);
        expect([t.year, t.month, t.day, t.hour, t.minute]).toEqual([+parts.year!, +parts.month!, +parts.day!, +parts.hour!, +parts.minute!]);
      }),
      { numRuns: 500 },
    );
  });
});
