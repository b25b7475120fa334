/** The README's demo runs end to end: twelve months proven, verified and equal to the plain fee. */
// @ts-nocheck

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

it('meterproof demo bills every month of the NIST year', () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'mp-demo-test-'));
  const r = spawnSync(process.execPath, ['dist/cli/main.js', 'demo', '--out', dir], { cwd: root, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const rows = r.stdout.split('\n').filter((l) => /^\s+2011-\d\d\s/.test(l));
  expect(rows).toHaveLength(12);
  for (const row of rows) {
    const [, , proven, plain, verdict] = row.trim().split(/\s+/);
    expect(verdict).toBe('accept');
    expect(proven).toBe(plain);
  }
  expect(r.stdout).toContain('every proven fee equals the plain computation');
  expect(r.stdout).toMatch(/rejected \(proof\.linear\)/);
  expect(r.stdout).toContain('not one reading');
  expect(readdirSync(dir)).toContain('bill-2011-07.json');
  expect(statSync(join(dir, 'private.json')).mode & 0o777).toBe(0o600);
}, 180_000);
