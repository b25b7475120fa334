/**
 * URDB sell rates: refused by name unless imported as an export credit (`exportCredit`,
 * `--export-credit`); then an "export credit" component on register 1, or true net metering under
 * dgrules "Net Metering"; and a bill proven under the imported tariff equals the plain fee.
 */
// @ts-nocheck

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { proveBill } from '../../src/bill/prove.js';
import { verifyBill } from '../../src/bill/verify.js';
import { MeterproofError } from '../../src/core/errors.js';
import { formatDecimal } from '../../src/tariff/money.js';
import { parsePeriod } from '../../src/tariff/period.js';
import { plainFee } from '../../src/tariff/plain.js';
import { parseTariff } from '../../src/tariff/signed.js';
import { importUrdb } from '../../src/tariff/urdb.js';
import { signed } from '../helpers.js';
import { meter, netLog, provider, solarIntervals, TZ } from '../bill/net-fixtures.js';

const peak = Array.from({ length: 12 }, () => Array.from({ length: 24 }, (_, h) => (h >= 16 && h < 21 ? 1 : 0)));

/** A two-period TOU item with sell rates 0.04 (off-peak) and 0.09 (peak) $/kWh. */
function solarItem(over: Record<string, unknown> = {}) {
  return {
    label: 'sell-test',
    utility: 'Example Solar Co.',
    name: 'TOU with export credit',
    fixedchargefirstmeter: 0.33,
    fixedchargeunits: '$/day',
    energyratestructure: [[{ rate: 0.25, adj: 0.001, sell: 0.04, unit: 'kWh' }], [{ rate: 0.45, sell: 0.09, unit: 'kWh' }]],
    energyweekdayschedule: peak,
    energyweekendschedule: peak,
    ...over,
  };
}

function code(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof MeterproofError) return `${e.code}: ${e.message}`;
    throw e;
  }
  return 'no error';
}

describe('importUrdb: sell rates', () => {
  it('are refused by name without exportCredit', () => {
    expect(code(() => importUrdb(solarItem(), { timezone: TZ }))).toMatch(
      /^urdb\.unsupported: .*sell rates \(energyratestructure period 0 sell 0\.04 \$\/kWh\) unless imported as an export credit \(--export-credit\)/,
    );
  });

  it('become an export credit on register 1 with exportCredit: negative rates, the same schedule', () => {
    const { tariff, notes } = importUrdb(solarItem(), { timezone: TZ, exportCredit: true });
    expect(tariff.components.map((c) => c.name)).toEqual(['fixed charge', 'energy', 'export credit']);
    expect(tariff.components[2]).toEqual({ kind: 'tou-energy', name: 'export credit', register: 1, periods: [{ label: 'period 0', rate: '-40000' }, { label: 'period 1', rate: '-90000' }], weekday: peak, weekend: peak });
    expect(tariff.components[1]).toMatchObject({ kind: 'tou-energy', register: 0, periods: [{ rate: '251000' }, { rate: '450000' }] });
    expect(notes.join('\n')).toMatch(/export \(register 1 of the meter, after import as register 0\) is credited per kWh/);
  });

  it('under dgrules "Net Metering": one net-energy component, netted per period', () => {
    const { tariff, notes } = importUrdb(solarItem({ dgrules: 'Net Metering' }), { timezone: TZ, exportCredit: true });
    expect(tariff.components.map((c) => c.kind)).toEqual(['fixed', 'net-energy']);
    expect(tariff.components[1]).toMatchObject({ name: 'energy', import: 0, export: 1, periods: [{ buy: '251000', sell: '40000' }, { buy: '450000', sell: '90000' }] });
    expect(notes.join('\n')).toMatch(/netted per time-of-use period/);
    expect(notes.join('\n')).not.toMatch(/dgrules "Net Metering" not applied/);
  });

  it('refuses what it cannot express, by name', () => {
    const tiered = solarItem({ energyratestructure: [[{ rate: 0.2, max: 300, sell: 0.04 }, { rate: 0.3, sell: 0.05 }], [{ rate: 0.45, sell: 0.09 }]] });
    expect(code(() => importUrdb(tiered, { timezone: TZ, exportCredit: true }))).toMatch(/sell rates that differ between the tiers of a period \(energyratestructure period 0: 0\.04, 0\.05 \$\/kWh\)/);
    expect(code(() => importUrdb(solarItem({ dgrules: 'Net Billing Hourly' }), { timezone: TZ, exportCredit: true }))).toMatch(/hourly net billing \(dgrules "Net Billing Hourly"/);
    const tieredNem = solarItem({ dgrules: 'Net Metering', energyratestructure: [[{ rate: 0.2, max: 300, sell: 0.04 }, { rate: 0.3, sell: 0.04 }], [{ rate: 0.45, sell: 0.09 }]] });
    expect(code(() => importUrdb(tieredNem, { timezone: TZ, exportCredit: true }))).toMatch(/net metering with tiered energy rates/);
    expect(code(() => importUrdb(solarItem({ energyratestructure: [[{ rate: 0.25, sell: -0.01 }], [{ rate: 0.45 }]] }), { timezone: TZ, exportCredit: true }))).toMatch(/^urdb\.invalid: .*cannot be negative/);
  });

  it('exportCredit on a tariff with no sell rates is an option error', () => {
    const none = solarItem({ energyratestructure: [[{ rate: 0.25 }], [{ rate: 0.45, sell: 0 }]] });
    expect(code(() => importUrdb(none, { timezone: TZ, exportCredit: true }))).toMatch(/^urdb\.option: export credit: this tariff has no sell rates/);
    expect(code(() => importUrdb(none, { timezone: TZ }))).toBe('no error');
  });

  it('a sell rate finer than the energy rates raises the scale so it stays exact', () => {
    const { tariff } = importUrdb(solarItem({ energyratestructure: [[{ rate: 0.25, sell: 0.0412345 }], [{ rate: 0.45, sell: 0.09 }]] }), { timezone: TZ, exportCredit: true });
    expect(tariff.scale).toBe(10);
    expect(tariff.components[2]).toMatchObject({ periods: [{ rate: '-412345' }, { rate: '-900000' }] });
  });
});

describe('bills under imported sell rates: proven = plain', () => {
  const p = parsePeriod('2011-06-01/2011-06-07', TZ);
  const data = netLog('urdb-week', solarIntervals(p.start, p.end, 4));

  it.each([
    ['export credit', {}],
    ['net metering', { dgrules: 'Net Metering' }],
  ])('%s', (_name, over) => {
    const st = signed(importUrdb(solarItem(over), { timezone: TZ, exportCredit: true }).tariff, provider);
    const tariff = parseTariff(st.tariff);
    const { bill } = proveBill({ signedTariff: st, log: data.log, priv: data.priv, account: 'a', period: '2011-06-01/2011-06-07' });
    const res = verifyBill({ bill, signedTariff: st, providerKey: provider.public, meterKey: meter.public });
    expect(res).toMatchObject({ ok: true, fee: formatDecimal(plainFee(tariff, p, data.priv.readings).total, tariff.scale) });
  });
});

describe('meterproof tariff import-urdb --export-credit', () => {
  const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'meterproof-urdb-sell-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const input = join(dir, 'sell.json');
  writeFileSync(input, JSON.stringify({ items: [solarItem()] }));
  const run = (out: string, ...extra: string[]) =>
    spawnSync(process.execPath, ['dist/cli/main.js', 'tariff', 'import-urdb', '--in', input, '--timezone', TZ, '--out', join(dir, out), ...extra], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', MP_DEBUG: '' } });

  it('refuses sell rates without the flag and names it; imports them with it', () => {
    const refused = run('a.json');
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('--export-credit');
    const ok = run('b.json', '--export-credit');
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('(fixed charge, energy, export credit)');
    expect(JSON.parse(readFileSync(join(dir, 'b.json'), 'utf8')).components[2].register).toBe(1);
  });
});
