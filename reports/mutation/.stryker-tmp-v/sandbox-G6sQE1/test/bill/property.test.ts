/**
 * Properties (fast-check): random readings under random time-of-use tariffs always prove and verify
 * with the plain fee, and any single-field mutation of the bill is rejected.
 */
// @ts-nocheck

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { proveBill } from '../../src/bill/prove.js';
import { verifyBill } from '../../src/bill/verify.js';
import { seededRng } from '../../src/core/rng.js';
import { buildLog } from '../../src/meter/log.js';
import { formatDecimal } from '../../src/tariff/money.js';
import { parsePeriod } from '../../src/tariff/period.js';
import { plainFee } from '../../src/tariff/plain.js';
import { parseTariff } from '../../src/tariff/signed.js';
import { keys, signed } from '../helpers.js';

const provider = keys('provider');
const meter = keys('meter');

const ZONES = ['America/Los_Angeles', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC'];
// Periods that include daylight-saving changes in some of the zones above.
const PERIODS = ['2012-03-10/2012-03-12', '2012-10-27/2012-10-28', '2012-04-01/2012-04-01', '2012-11-03/2012-11-04'];

const rate = fc.bigInt({ min: -(10n ** 6n), max: 10n ** 9n }).map(String);
const scheduleArb = (n: number) => fc.array(fc.array(fc.nat({ max: n - 1 }), { minLength: 24, maxLength: 24 }), { minLength: 12, maxLength: 12 });

const tariffArb = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    scale: fc.integer({ min: 0, max: 15 }),
    periods: fc.array(rate, { minLength: 1, maxLength: 5 }),
    daily: fc.bigInt({ min: 0n, max: 10n ** 12n }),
    itemised: fc.boolean(),
    rounding: fc.option(fc.record({ decimals: fc.integer({ min: 0, max: 4 }), mode: fc.constantFrom('half-up', 'half-even') }), { nil: undefined }),
  })
  .chain((t) =>
    fc.record({ weekday: scheduleArb(t.periods.length), weekend: scheduleArb(t.periods.length) }).map((s) => ({
      v: 1,
      type: 'meterproof/tariff',
      id: 'prop',
      name: 'random TOU',
      currency: 'EUR',
      timezone: t.zone,
      scale: t.scale,
      unit: 'Wh',
      ...(t.rounding ? { rounding: t.rounding } : {}),
      itemised: t.itemised,
      components: [
        { kind: 'fixed', name: 'daily', amount: String(t.daily), per: 'day' },
        { kind: 'tou-energy', name: 'energy', periods: t.periods.map((r, i) => ({ label: `p${i}`, rate: r })), ...s },
      ],
    })),
  );

const caseArb = fc.record({
  tariff: tariffArb,
  period: fc.constantFrom(...PERIODS),
  step: fc.constantFrom(900, 1800, 3600),
  seed: fc.nat(),
  maxWh: fc.constantFrom(0, 1, 5000, 2 ** 40),
});

function makeCase(c: { tariff: unknown; period: string; step: number; seed: number; maxWh: number }) {
  const st = signed(c.tariff, provider);
  const tariff = parseTariff(st.tariff);
  const p = parsePeriod(c.period, tariff.timezone);
  const rng = seededRng(`prop/${c.seed}`);
  // Lord Howe's half-hour DST shift makes 24.5-hour days: use quarter hours where hours do not tile.
  const step = (p.end - p.start) % c.step === 0 ? c.step : 900;
  const n = (p.end - p.start) / step;
  const intervals = Array.from({ length: n }, (_, i) => {
    const b = rng(6);
    const v = b.reduce((a, x) => a * 256 + x, 0) % (c.maxWh + 1);
    return { start: p.start + i * step, duration: step, values: [v] };
  });
  const { log, priv } = buildLog({ meter: 'prop-meter', key: meter.secret, seed: rng(32), intervals });
  return { st, tariff, p, log, priv };
}

/** Every leaf of a JSON value, as a path. */
function leaves(v: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (v !== null && typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>).flatMap(([k, x]) => leaves(x, [...path, Array.isArray(v) ? Number(k) : k]));
  }
  return [path];
}

function mutate(x: unknown, salt: number): unknown {
  if (typeof x === 'number') return x + 1 + (salt % 3);
  if (typeof x === 'string') {
    if (x.length === 0) return 'x';
    const i = salt % x.length;
    const ch = x[i]!;
    const repl = /[0-9a-f]/.test(ch) ? ((parseInt(ch, 16) + 1 + (salt % 15)) % 16).toString(16) : ch === 'x' ? 'y' : 'x';
    return x.slice(0, i) + (repl === ch ? (ch === '0' ? '1' : '0') : repl) + x.slice(i + 1);
  }
  return x;
}

describe('bill properties', () => {
  it('random readings under random TOU tariffs prove, verify, and match the plain fee', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { st, tariff, p, log, priv } = makeCase(c);
        const { bill } = proveBill({ signedTariff: st, log, priv, account: 'prop-acct', period: c.period });
        const res = verifyBill({ bill: JSON.stringify(bill), signedTariff: st, providerKey: provider.public, meterKey: meter.public });
        expect(res).toMatchObject({ ok: true, fee: formatDecimal(plainFee(tariff, p, priv.readings).total, tariff.scale) });
      }),
      { numRuns: 25 },
    );
  });

  it('any single-field mutation of the bill is rejected', () => {
    fc.assert(
      fc.property(caseArb, fc.nat(), fc.nat(), (c, pick, salt) => {
        const { st, log, priv } = makeCase(c);
        const { bill } = proveBill({ signedTariff: st, log, priv, account: 'prop-acct', period: c.period });
        const paths = leaves(bill);
        const path = paths[pick % paths.length]!;
        const b = structuredClone(bill) as unknown as Record<string | number, unknown>;
        let parent: Record<string | number, unknown> = b;
        for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
        const last = path[path.length - 1]!;
        const before = parent[last];
        parent[last] = mutate(before, salt);
        fc.pre(parent[last] !== before);
        const res = verifyBill({ bill: b, signedTariff: st, providerKey: provider.public, meterKey: meter.public });
        expect(res.ok, `mutating ${path.join('.')} was accepted`).toBe(false);
      }),
      { numRuns: 60 },
    );
  });
});
