/**
 * The runnable examples under examples/ (other metered services): each script builds a signed log,
 * proves and verifies a bill through the built package (dist/, built by the global setup), and prints
 * the proven fee beside the plain computation; they must agree.
 */
// @ts-nocheck

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

describe.each([
  ['payd-insurance', 'EUR', 'm'],
  ['road-tolling', 'GBP', 'm'],
  ['software-licence', 'USD', 'cpu-s'],
])('examples/%s', (name, currency, unit) => {
  it('runs, verifies, and prints a proven fee equal to the plain one', () => {
    const r = spawnSync(process.execPath, [`examples/${name}/run.mjs`], { cwd: repoRoot, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const proven = /^proven fee: (-?\d+\.\d+) ([A-Z]{3}) \(amount due (-?\d+\.\d{2})\)$/m.exec(r.stdout);
    const plain = /^plain fee: +(-?\d+\.\d+) ([A-Z]{3})$/m.exec(r.stdout);
    expect(proven?.[2]).toBe(currency);
    expect(plain?.[1]).toBe(proven?.[1]);
    expect(r.stdout).toContain(`registers (${unit})`); // the log counts in the service's own unit
    expect(r.stdout).toContain('provider: accepted');
    expect(r.stdout).toContain('the proven fee equals the plain computation');
  });
});
