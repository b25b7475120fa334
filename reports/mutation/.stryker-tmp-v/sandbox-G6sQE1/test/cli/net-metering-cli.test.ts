/**
 * Net metering through the real CLI, end to end: a two-register CSV (import, export) → `meter import`
 * → a provider-signed `net-energy` tariff with an export credit → `bill prove` → `bill verify`, and the
 * proven fee equals `bill plain`. Exercises the readings side (multi-register CSV) and the tariff side
 * (registers by name, netting with a range and OR proof per period) together.
 */
// @ts-nocheck

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'mp-net-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const f = (name: string) => join(dir, name);

function run(...args: string[]) {
  const r = spawnSync(process.execPath, ['dist/cli/main.js', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  expect(r.status, `meterproof ${args.join(' ')}\n${r.stdout}\n${r.stderr}`).toBe(0);
  return r.stdout;
}

const sched = (f: (h: number) => number) => Array.from({ length: 12 }, () => Array.from({ length: 24 }, (_, h) => f(h)));

describe('net metering through the CLI', () => {
  it('imports two registers, proves a netted bill with an export credit, and the fee is the plain fee', () => {
    // Three days in June, Los Angeles: a 700 Wh/h load, and solar from 09:00 to 16:00 exporting a surplus.
    const start = Date.UTC(2024, 5, 1, 7) / 1000; // 2024-06-01T00:00-07:00
    const rows = ['start,duration_s,import,export'];
    for (let i = 0; i < 72; i++) {
      const h = i % 24;
      const solar = h >= 9 && h < 16 ? 1500 + 100 * (i % 5) : 0;
      const net = 700 + (i % 7) * 30 - solar;
      rows.push(`${start + 3600 * i},3600,${Math.max(net, 0)},${Math.max(-net, 0)}`);
    }
    writeFileSync(f('readings.csv'), rows.join('\n') + '\n');
    run('keygen', '--role', 'meter', '--out', dir);
    run('keygen', '--role', 'provider', '--out', dir);
    const imported = run('meter', 'import', '--key', f('meter.key.json'), '--meter-id', 'solar-1', '--in', f('readings.csv'), '--out', dir);
    expect(imported).toMatch(/import, export/);
    writeFileSync(
      f('tariff.json'),
      JSON.stringify({
        v: 1,
        type: 'meterproof/tariff',
        id: 'net-cli',
        name: 'Net metering with an export credit',
        currency: 'USD',
        timezone: 'America/Los_Angeles',
        scale: 9,
        capacity: '60000',
        unit: 'Wh',
        registers: ['import', 'export'],
        rounding: { decimals: 2, mode: 'half-up' },
        itemised: true,
        components: [
          { kind: 'fixed', name: 'service', amount: '330000000', per: 'day' },
          {
            kind: 'net-energy',
            name: 'net energy',
            periods: [
              { label: 'off-peak', buy: '250000', sell: '80000' },
              { label: 'peak', buy: '420000', sell: '80000' },
            ],
            weekday: sched((h) => (h >= 16 && h < 21 ? 1 : 0)),
            weekend: sched((h) => (h >= 16 && h < 21 ? 1 : 0)),
          },
        ],
      }),
    );
    run('tariff', 'sign', '--key', f('provider.key.json'), '--in', f('tariff.json'), '--out', f('tariff.signed.json'));
    const period = '2024-06-01/2024-06-03';
    run('bill', 'prove', '--tariff', f('tariff.signed.json'), '--log', f('log.json'), '--private', f('private.json'), '--account', 'a-1', '--period', period, '--out', f('bill.json'));
    const verified = JSON.parse(run('bill', 'verify', '--tariff', f('tariff.signed.json'), '--provider-key', f('provider.pub.json'), '--meter-key', f('meter.pub.json'), '--bill', f('bill.json'), '--json'));
    const plain = JSON.parse(run('bill', 'plain', '--tariff', f('tariff.signed.json'), '--private', f('private.json'), '--period', period, '--json'));
    expect(verified.ok).toBe(true);
    expect(verified.fee).toBe(plain.fee);
    expect(verified.lineItems).toEqual(plain.lineItems);
    // Both periods netted: the off-peak hours export more than they import (a credit), the peak ones import.
    const net = plain.lineItems.find((i: { component: string }) => i.component === 'net energy');
    expect(net).toBeDefined();
  });
});
