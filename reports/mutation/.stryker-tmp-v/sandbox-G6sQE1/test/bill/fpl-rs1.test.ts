/**
 * Known answer, proven: FPL RS-1 residential, first 1,000 kWh a month at 0.07531 + 0.0119 $/kWh, the rest
 * at 0.09613 + 0.0119. 2,000 kWh in every month of a year costs $2,342.88 of energy; each month is proven
 * and verified, and the twelve proven fees add up to the published figure.
 */
// @ts-nocheck

import { expect, it } from 'vitest';
import { proveBill } from '../../src/bill/prove.js';
import { verifyBill } from '../../src/bill/verify.js';
import { buildLog } from '../../src/meter/log.js';
import { seededRng } from '../../src/core/rng.js';
import { parseDecimal } from '../../src/tariff/money.js';
import { parsePeriod } from '../../src/tariff/period.js';
import { importUrdb } from '../../src/tariff/urdb.js';
import { keys, signed } from '../helpers.js';

it('FPL RS-1: 2,000 kWh a month for a year proves to $2,342.88 of energy', () => {
  const provider = keys('provider');
  const meter = keys('meter');
  const urdb = {
    label: 'fpl-rs-1-example',
    utility: 'Florida Power & Light Co.',
    name: 'RS-1 Residential Service (energy charges only)',
    sector: 'Residential',
    energyratestructure: [[{ max: 1000, unit: 'kWh', rate: 0.07531, adj: 0.0119 }, { unit: 'kWh', rate: 0.09613, adj: 0.0119 }]],
    energyweekdayschedule: Array.from({ length: 12 }, () => Array(24).fill(0)),
    energyweekendschedule: Array.from({ length: 12 }, () => Array(24).fill(0)),
  };
  const { tariff } = importUrdb(urdb, { timezone: 'America/New_York', capacity: 60000 });
  const st = signed(tariff, provider);
  // Hourly readings for 2025 that sum to exactly 2,000,000 Wh in every month.
  const intervals = [];
  for (let m = 1; m <= 12; m++) {
    const p = parsePeriod(`2025-${String(m).padStart(2, '0')}`, 'America/New_York');
    const n = (p.end - p.start) / 3600;
    for (let i = 0; i < n; i++) intervals.push({ start: p.start + 3600 * i, duration: 3600, values: [Math.floor((2_000_000 * (i + 1)) / n) - Math.floor((2_000_000 * i) / n)] });
  }
  const { log, priv } = buildLog({ meter: 'fpl-home', key: meter.secret, seed: seededRng('rs1')(32), intervals });
  let total = 0n;
  for (let m = 1; m <= 12; m++) {
    const period = `2025-${String(m).padStart(2, '0')}`;
    const { bill } = proveBill({ signedTariff: st, log, priv, account: 'rs1', period });
    const res = verifyBill({ bill, signedTariff: st, providerKey: provider.public, meterKey: meter.public });
    expect(res).toMatchObject({ ok: true });
    total += parseDecimal(bill.fee, tariff.scale);
  }
  expect(total).toBe(parseDecimal('2342.88', tariff.scale));
}, 300_000);
