/**
 * `meterproof demo` runs the whole system (dist/, after npm run build): twelve months accepted with
 * receipts, the July evidence re-verified by `bill verify`, one disclosure answered and one refused by
 * policy, the provider's view printed; and it refuses to write over an earlier run without --force.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'mp-system-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const run = (...args: string[]) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const p = spawn(process.execPath, ['dist/cli/main.js', ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('close', (status) => resolve({ status, stdout, stderr }));
  });

it('meterproof demo: the whole system on the embedded database', async () => {
  const r = await run('demo', '--out', dir);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const months = r.stdout.split('\n').filter((l) => /^\s+2011-\d\d\s+\d+\.\d{9}\s+accepted\s+compact/.test(l));
  expect(months).toHaveLength(12);
  expect(r.stdout).toContain('12 of 12 months accepted');
  expect(r.stdout).toMatch(/by `meterproof bill verify`: accepted, fee 346\.816604350/);
  expect(r.stdout).toMatch(/grid-operator, daily totals of July, network planning: disclosed \(31 daily totals/);
  expect(r.stdout).toMatch(/ad-broker, .*refused/);
  expect(r.stdout).toContain('6. what the provider saw');
  expect(r.stdout).toContain('demo complete');
  expect(readdirSync(join(dir, 'agent', 'receipts'))).toHaveLength(12);
  expect(statSync(join(dir, 'meter', 'private.jsonl')).mode & 0o777).toBe(0o600);

  const again = await run('demo', '--out', dir);
  expect(again.status).toBe(2);
  expect(again.stderr).toMatch(/already exists; not replacing it \(use --force/);
}, 300_000);
