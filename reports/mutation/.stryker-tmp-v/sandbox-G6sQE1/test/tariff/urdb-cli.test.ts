/**
 * `meterproof tariff import-urdb` options for the non-linear importer: --leave-out and --tier-basis,
 * on the real CLI (dist/, built by the global setup) as a child process.
 */
// @ts-nocheck

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const URDB = join(repoRoot, 'test/fixtures/urdb') + '/';
const dir = mkdtempSync(join(tmpdir(), 'meterproof-urdb-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function run(...args: string[]) {
  const r = spawnSync(process.execPath, ['dist/cli/main.js', ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', MP_DEBUG: '' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
function importTo(input: string, ...extra: string[]) {
  const out = join(dir, `t${n++}.json`);
  return { out, ...run('tariff', 'import-urdb', '--in', input, '--timezone', 'America/Los_Angeles', '--out', out, ...extra) };
}

describe('tariff import-urdb --leave-out / --tier-basis', () => {
  it('lists the options in --help', () => {
    const r = run('tariff', 'import-urdb', '--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('--tier-basis <basis>');
    expect(r.stdout).toContain('--leave-out <field>');
  });

  it('imports PG&E BEV-2-S with --leave-out demandreactivepowercharge; the tariff and the output say it is omitted', () => {
    const r = importTo(URDB + 'pge-bev-2-s.json', '--leave-out', 'demandreactivepowercharge');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('omitted: reactive power demand charge (demandreactivepowercharge 0.52 $/kVAR): the meter does not measure kVAR');
    expect(r.stdout).toContain('(fixed charge, energy, flat demand)');
    const t = JSON.parse(readFileSync(r.out, 'utf8')) as { omitted: string[] };
    expect(t.omitted).toEqual(['reactive power demand charge (demandreactivepowercharge 0.52 $/kVAR): the meter does not measure kVAR']);
  });

  it('without it: exit 2, one line naming the reactive power charge and the option, nothing written', () => {
    const r = importTo(URDB + 'sdge-ev-hp.json');
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('reactive power demand charge (demandreactivepowercharge 0.52 $/kVAR');
    expect(r.stderr).toContain('--leave-out demandreactivepowercharge');
    expect(existsSync(r.out)).toBe(false);
  });

  it('takes comma-separated and repeated fields, and refuses a priceable one', () => {
    expect(importTo(URDB + 'sce-tou-ev-9.json', '--leave-out', 'demandreactivepowercharge', '--leave-out', 'demandreactivepowercharge').status).toBe(0);
    const r = importTo(URDB + 'sce-tou-ev-9.json', '--leave-out', 'demandreactivepowercharge,flatdemandstructure');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('cannot leave out flatdemandstructure');
    expect(existsSync(r.out)).toBe(false);
    expect(importTo(URDB + 'fpl-gsld-1.json', '--leave-out', 'demandreactivepowercharge').stderr).toContain('nothing to leave out');
  });

  it('--tier-basis: per-period or total; total needs identical tiers', () => {
    const fill = (p: number) => Array.from({ length: 12 }, () => new Array<number>(24).fill(p));
    const item = (same: boolean) => ({
      label: 'tiers',
      energyratestructure: [
        [{ rate: 0.1, max: 300 }, { rate: 0.2 }],
        same ? [{ rate: 0.1, max: 300 }, { rate: 0.2 }] : [{ rate: 0.3, max: 300 }, { rate: 0.4 }],
      ],
      energyweekdayschedule: fill(1),
      energyweekendschedule: fill(0),
    });
    const same = join(dir, 'same.urdb.json');
    const differ = join(dir, 'differ.urdb.json');
    writeFileSync(same, JSON.stringify(item(true)));
    writeFileSync(differ, JSON.stringify(item(false)));
    const ok = importTo(same, '--tier-basis', 'total');
    expect(ok.status).toBe(0);
    expect(JSON.parse(readFileSync(ok.out, 'utf8')).components[0]).toMatchObject({ kind: 'tiered-energy', basis: 'total' });
    const perPeriod = importTo(differ);
    expect(perPeriod.status).toBe(0);
    expect(JSON.parse(readFileSync(perPeriod.out, 'utf8')).components[0]).toMatchObject({ kind: 'tiered-energy', basis: 'per-period' });
    const refused = importTo(differ, '--tier-basis', 'total');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('every energy period needs the same tiers');
    const bad = importTo(same, '--tier-basis', 'sum');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--tier-basis must be "per-period" or "total"');
  });
});
