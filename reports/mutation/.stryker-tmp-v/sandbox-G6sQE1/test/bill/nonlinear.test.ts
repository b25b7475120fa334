/**
 * Non-linear tariffs end to end: cumulative tiers, per-reading blocks (declining too), polynomial prices,
 * maximum demand (flat, time-of-use, tiered) and minimum charges. The proven fee equals the plain fee.
 */
// @ts-nocheck

import { describe, expect, it } from 'vitest';
import { schedule } from '../helpers.js';
import { roundTrip, tariffOf } from './nonlinear-fixtures.js';

const flat = schedule(() => 0);
const peak = schedule((_m, h) => (h >= 16 && h < 20 ? 1 : 0));

describe('non-linear tariffs prove and verify, equal to the plain fee', () => {
  it('cumulative tiers on the total (inclining)', () => {
    const r = roundTrip(tariffOf([{ kind: 'tiered-energy', name: 'energy', basis: 'total', per: 'day', periods: [{ label: 'all', tiers: [{ upTo: '10000', rate: '100' }, { upTo: '20000', rate: '150' }, { rate: '300' }] }], weekday: flat, weekend: flat }]));
    expect(r.res).toMatchObject({ ok: true, fee: r.plain });
  });

  it('cumulative tiers per time-of-use period, per day, itemised', () => {
    const r = roundTrip(
      tariffOf(
        [
          { kind: 'fixed', name: 'daily charge', amount: '500000000', per: 'day' },
          {
            kind: 'tiered-energy',
            name: 'energy',
            basis: 'per-period',
            per: 'day',
            periods: [
              { label: 'off', tiers: [{ upTo: '3000', rate: '90' }, { rate: '120' }] },
              { label: 'on', tiers: [{ upTo: '1000', rate: '200' }, { upTo: '2000', rate: '250' }, { rate: '400' }] },
            ],
            weekday: peak,
            weekend: flat,
          },
        ],
        { itemised: true },
      ),
    );
    expect(r.res).toMatchObject({ ok: true, fee: r.plain });
    if (r.res.ok) expect(r.res.lineItems!.map((l) => l.fee)).toEqual(r.plainItems);
  });

  it('declining per-reading blocks', () => {
    const r = roundTrip(tariffOf([{ kind: 'block-energy', name: 'blocks', periods: [{ label: 'all', tiers: [{ upTo: '100', rate: '300' }, { upTo: '250', rate: '200' }, { rate: '100' }] }], weekday: flat, weekend: flat }]), '2012-03-01/2012-03-01');
    expect(r.res).toMatchObject({ ok: true, fee: r.plain });
  });

  it('polynomial prices', () => {
    const r = roundTrip(tariffOf([{ kind: 'polynomial-energy', name: 'poly', coefficients: ['100', '3', '-1'] }]), '2012-03-01/2012-03-01');
    expect(r.res).toMatchObject({ ok: true, fee: r.plain });
  });

  it('maximum demand: flat, time-of-use and tiered, with a monthly minimum', () => {
    const r = roundTrip(
      tariffOf([
        { kind: 'demand', name: 'flat demand', periods: [{ label: 'all', tiers: [{ rate: '7000' }] }], weekday: flat, weekend: flat },
        { kind: 'demand', name: 'tou demand', periods: [{ label: 'off', tiers: [{ rate: '0' }] }, { label: 'on', tiers: [{ upTo: '2000', rate: '5000' }, { rate: '3000' }] }], weekday: peak, weekend: flat },
        { kind: 'minimum', name: 'minimum', amount: '1000000000000', per: 'day' },
      ]),
    );
    expect(r.res).toMatchObject({ ok: true, fee: r.plain });
    expect(r.bill.subtotal).toBeDefined();
  });
});
