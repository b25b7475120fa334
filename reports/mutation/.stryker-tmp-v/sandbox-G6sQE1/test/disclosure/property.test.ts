/**
 * Property: honest disclosures of random queries over random small logs verify, with the plain answers;
 * the same disclosure with one answer changed is rejected. fast-check with a fixed seed, so a failure
 * reproduces.
 */
// @ts-nocheck

import fc from 'fast-check';
import { expect, it } from 'vitest';
import { proveDisclosure } from '../../src/disclosure/prove.js';
import type { QueryItem } from '../../src/disclosure/query.js';
import { verifyDisclosure } from '../../src/disclosure/verify.js';
import { seededRng } from '../../src/core/rng.js';
import { buildLog } from '../../src/meter/log.js';
import { meter, NOW, user } from './fixtures.js';

const T0 = 1331366400; // 2012-03-10T08:00:00Z
const iso = (t: number) => new Date(t * 1000).toISOString().replace('.000Z', 'Z');

const logArb = fc.record({
  values: fc.array(fc.tuple(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 5000 })), { minLength: 2, maxLength: 8 }),
  step: fc.constantFrom(900, 1800, 3600),
});

/** An item over records [i, j) of the log. */
const itemArb = (n: number, step: number): fc.Arbitrary<QueryItem> => {
  const win = fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 1, max: n })).map(([a, b]) => (a < b ? [a, b] : [b - 1, a + 1]) as [number, number]).filter(([a, b]) => a < b && b <= n);
  const reg = fc.constantFrom(undefined, 'import', 'export');
  const t = (i: number) => iso(T0 + i * step);
  return fc.oneof(
    fc.tuple(fc.integer({ min: 0, max: n - 1 }), reg).map(([i, r]) => ({ kind: 'reading' as const, at: t(i), ...(r ? { register: r } : {}) })),
    fc.tuple(win, reg).map(([[a, b], r]) => ({ kind: 'sum' as const, from: t(a), to: t(b), ...(r ? { register: r } : {}) })),
    fc.tuple(fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: -1000, max: 1000 }), reg), { minLength: 1, maxLength: 4 }), fc.integer({ min: -99, max: 99 })).map(([terms, c]) => ({
      kind: 'linear' as const,
      terms: terms.map(([i, k, r]) => ({ at: t(i), coefficient: String(k), ...(r ? { register: r } : {}) })),
      constant: String(c),
    })),
    fc.tuple(win, fc.integer({ min: 0, max: 20000 })).map(([[a, b], th]) => ({ kind: 'threshold' as const, from: t(a), to: t(b), threshold: String(th) })),
    fc.tuple(win, reg).map(([[a, b], r]) => ({ kind: 'max' as const, from: t(a), to: t(b), ...(r ? { register: r } : {}) })),
  );
};

it('honest random queries verify with the plain answers; a changed answer is rejected', () => {
  fc.assert(
    fc.property(
      logArb.chain((l) => fc.record({ l: fc.constant(l), items: fc.array(itemArb(l.values.length, l.step), { minLength: 1, maxLength: 3 }), mutate: fc.nat() })),
      ({ l, items, mutate }) => {
        const intervals = l.values.map(([a, b], i) => ({ start: T0 + i * l.step, duration: l.step, values: [a, b] }));
        const { log: registered, priv: privR } = buildLog({ meter: 'prop-meter', key: meter.secret, seed: seededRng(`prop/${JSON.stringify(l)}`)(32), intervals, registers: ['import', 'export'] });
        const query = { v: 1, type: 'meterproof/query', meter: 'prop-meter', registers: ['import', 'export'], items };
        const { disclosure, answers } = proveDisclosure({ query, terms: { recipient: 'r', purpose: 'p', expires: '2013-01-01T00:00:00Z' }, log: registered, priv: privR, userKey: user.secret, now: NOW, rng: seededRng(JSON.stringify(items)) });
        const r = verifyDisclosure({ disclosure, meterKey: meter.public, userKey: user.public, recipient: 'r', now: NOW });
        expect(r.ok, JSON.stringify(r)).toBe(true);
        // The plain answers, from the readings.
        const reg = (name?: string) => (name === 'export' ? 1 : 0);
        const idx = (s: string) => (Date.parse(s) / 1000 - T0) / l.step;
        const plain = items.map((it) => {
          const win = (f: string, to: string, k: number) => l.values.slice(idx(f), idx(to)).map((v) => v[k]!);
          switch (it.kind) {
            case 'reading': return String(l.values[idx(it.at)]![reg(it.register)]);
            case 'sum': return String(win(it.from, it.to, reg(it.register)).reduce((s, v) => s + v, 0));
            case 'linear': return String(it.terms.reduce((s, t) => s + Number(t.coefficient) * l.values[idx(t.at)]![reg(t.register)]!, Number(it.constant)));
            case 'threshold': return win(it.from!, it.to!, 0).reduce((s, v) => s + v, 0) >= Number(it.threshold);
            case 'max': return String(Math.max(...win(it.from, it.to, reg(it.register))));
            default: throw new Error('not generated');
          }
        });
        expect(r.ok && r.answers.map((a) => a.value)).toEqual(plain);
        expect(answers).toHaveLength(items.length);
        // One answer changed: rejected.
        const j = mutate % disclosure.answers.length;
        const bad = structuredClone(disclosure);
        const a = bad.answers[j]!;
        bad.answers[j] = typeof a === 'boolean' ? !a : (BigInt(a) + 1n).toString();
        expect(verifyDisclosure({ disclosure: bad, meterKey: meter.public, userKey: user.public, now: NOW }).ok).toBe(false);
      },
    ),
    { numRuns: 15, seed: 20240501 },
  );
});
