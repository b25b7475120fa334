/**
 * `bill verify` on a small hostile bill (issue 8, break 8): a 3 KB bill that claims range proofs of the
 * largest size used to make the CLI derive 98,304 generators (tens of seconds, written to the disk cache)
 * before any schema or tariff check. The work is now fixed by the statement that the tariff and the
 * records make, so such a bill is rejected without deriving or caching anything.
 */
// @ts-nocheck

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { proveBill } from '../../src/bill/prove.js';
import { keys, schedule, signed } from '../helpers.js';
import { dayData, tariffOf } from '../bill/nonlinear-fixtures.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'meterproof-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('a small bill claiming huge range proofs is rejected without deriving or caching generators', () => {
  const provider = keys('provider');
  const meter = keys('meter');
  const st = signed(tariffOf([{ kind: 'demand', name: 'demand', periods: [{ label: 'all', tiers: [{ rate: '50' }] }], weekday: schedule(() => 0), weekend: schedule(() => 0) }]), provider);
  const period = '2012-03-01/2012-03-01';
  const data = dayData(period, 3600, 'hostile');
  const { bill } = proveBill({ signedTariff: st, log: data.log, priv: data.priv, account: 'a', period });
  // 31 inner-product rounds' worth of bytes per proof: what a 2^16 × 3-bit proof would carry.
  bill.proof.range = [bill.proof.range![0]!.slice(0, 64).padEnd(64 * (7 + 2 * 16), '0')];
  const text = JSON.stringify(bill);
  expect(text.length).toBeLessThan(8 * 1024);
  writeFileSync(join(dir, 'bill.json'), text);
  writeFileSync(join(dir, 'tariff.json'), JSON.stringify(st));
  writeFileSync(join(dir, 'provider.pub.json'), JSON.stringify(provider.jwk.public));
  writeFileSync(join(dir, 'meter.pub.json'), JSON.stringify(meter.jwk.public));
  const cache = join(dir, 'cache');
  const r = spawnSync(
    process.execPath,
    ['dist/cli/main.js', 'bill', 'verify', '--tariff', join(dir, 'tariff.json'), '--provider-key', join(dir, 'provider.pub.json'), '--meter-key', join(dir, 'meter.pub.json'), '--bill', join(dir, 'bill.json'), '--json'],
    { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, METERPROOF_CACHE_DIR: cache } },
  );
  expect(r.status, r.stderr).toBe(1);
  const res = JSON.parse(r.stdout) as { ok: boolean; reason: string };
  expect(res.ok).toBe(false);
  expect(['malformed.schema', 'encoding.point', 'encoding.scalar', 'proof.range']).toContain(res.reason);
  expect(existsSync(cache) ? readdirSync(cache) : []).toEqual([]);
});
