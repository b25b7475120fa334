/** The CLI with a non-linear, itemised tariff: `bill verify --json` reports one proven line item per component. */
// @ts-nocheck

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = (...args: string[]) => spawnSync(process.execPath, ['dist/cli/main.js', ...args], { cwd: root, encoding: 'utf8' });

it('proves and verifies an itemised tiered + demand + minimum tariff from the command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mp-nl-cli-'));
  const p = (f: string) => join(dir, f);
  expect(cli('keygen', '--role', 'provider', '--out', dir).status).toBe(0);
  expect(cli('keygen', '--role', 'meter', '--out', dir).status).toBe(0);
  // One day of quarter-hours, 2012-03-01 in New York (UTC−5).
  const start = Date.UTC(2012, 2, 1, 5) / 1000;
  const rows = Array.from({ length: 96 }, (_, i) => `${start + 900 * i},900,${(i * 37) % 400}`);
  writeFileSync(p('readings.csv'), ['start,duration_s,wh', ...rows].join('\n') + '\n');
  expect(cli('meter', 'import', '--key', p('meter.key.json'), '--meter-id', 'm-1', '--in', p('readings.csv'), '--out', dir).status).toBe(0);
  const flat = Array.from({ length: 12 }, () => Array(24).fill(0));
  const tariff = {
    v: 1,
    type: 'meterproof/tariff',
    id: 'nl-cli',
    name: 'tiers, demand and a minimum',
    currency: 'USD',
    timezone: 'America/New_York',
    scale: 9,
    unit: 'Wh',
    capacity: '60000',
    itemised: true,
    components: [
      { kind: 'tiered-energy', name: 'energy', basis: 'total', per: 'day', periods: [{ label: 'all', tiers: [{ upTo: '10000', rate: '100000' }, { rate: '150000' }] }], weekday: flat, weekend: flat },
      { kind: 'demand', name: 'demand', periods: [{ label: 'all', tiers: [{ rate: '2000000' }] }], weekday: flat, weekend: flat },
      { kind: 'minimum', name: 'minimum', amount: '5000000000', per: 'day' },
    ],
  };
  writeFileSync(p('tariff.json'), JSON.stringify(tariff));
  expect(cli('tariff', 'sign', '--key', p('provider.key.json'), '--in', p('tariff.json'), '--out', p('signed.json')).status).toBe(0);
  const prove = cli('bill', 'prove', '--tariff', p('signed.json'), '--log', p('log.json'), '--private', p('private.json'), '--account', 'a', '--period', '2012-03-01/2012-03-01', '--out', p('bill.json'));
  expect(prove.stderr).toBe('');
  expect(prove.status).toBe(0);
  const verify = cli('bill', 'verify', '--tariff', p('signed.json'), '--provider-key', p('provider.pub.json'), '--meter-key', p('meter.pub.json'), '--bill', p('bill.json'), '--json');
  expect(verify.status).toBe(0);
  const v = JSON.parse(verify.stdout);
  const plain = JSON.parse(cli('bill', 'plain', '--tariff', p('signed.json'), '--private', p('private.json'), '--period', '2012-03-01/2012-03-01', '--json').stdout);
  expect(v).toMatchObject({ ok: true, fee: plain.fee, lineItems: plain.lineItems });
  expect(v.lineItems.map((l: { component: string }) => l.component)).toEqual(['energy', 'demand', 'minimum']);
  // Per-reading blocks: several range-proof chunks, made by the worker pool.
  const blocks = { ...tariff, id: 'nl-cli-blocks', components: [{ kind: 'block-energy', name: 'blocks', periods: [{ label: 'all', tiers: [{ upTo: '10', rate: '300000' }, { upTo: '25', rate: '200000' }, { rate: '100000' }] }], weekday: flat, weekend: flat }] };
  writeFileSync(p('blocks.json'), JSON.stringify(blocks));
  expect(cli('tariff', 'sign', '--key', p('provider.key.json'), '--in', p('blocks.json'), '--out', p('blocks.signed.json')).status).toBe(0);
  const proveBlocks = cli('bill', 'prove', '--tariff', p('blocks.signed.json'), '--log', p('log.json'), '--private', p('private.json'), '--account', 'a', '--period', '2012-03-01/2012-03-01', '--out', p('blocks-bill.json'));
  expect(proveBlocks.stderr).toBe('');
  expect(JSON.parse(readFileSync(p('blocks-bill.json'), 'utf8')).proof.range.length).toBeGreaterThan(1);
  const verifyBlocks = cli('bill', 'verify', '--tariff', p('blocks.signed.json'), '--provider-key', p('provider.pub.json'), '--meter-key', p('meter.pub.json'), '--bill', p('blocks-bill.json'), '--json');
  const plainBlocks = JSON.parse(cli('bill', 'plain', '--tariff', p('blocks.signed.json'), '--private', p('private.json'), '--period', '2012-03-01/2012-03-01', '--json').stdout);
  expect(JSON.parse(verifyBlocks.stdout)).toMatchObject({ ok: true, fee: plainBlocks.fee });
  const human = cli('bill', 'verify', '--tariff', p('signed.json'), '--provider-key', p('provider.pub.json'), '--meter-key', p('meter.pub.json'), '--bill', p('bill.json'));
  expect(human.stdout).toMatch(/ACCEPTED: fee .*\n.*\n  energy: /);
}, 240_000);
