/**
 * Progress of range proofs moves with the work: in this thread (and on the MSM pool) it is reported
 * after every multi-scalar multiplication batch, weighted by the prover's own cost model, not only when
 * a proof is done. A non-linear `bill prove` shows it on a terminal, and nothing off one.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { proveRangeJobs, rangeProofWork } from '../../src/node/range-pool.js';
import type { RangeJob } from '../../src/statement/proof.js';
import { CLI } from '../cli/run-cli.js';

const hex32 = (b: number) => b.toString(16).padStart(2, '0').repeat(32);
function job(chunk: number, n: 8 | 16 | 32 | 64, count: number): RangeJob {
  return {
    seed: hex32(1),
    chunk,
    n,
    values: Array.from({ length: count }, (_, i) => String((i * 37) % 2 ** n)),
    blindings: Array.from({ length: count }, (_, i) => hex32(i + 2)),
    rngKey: hex32(9),
  };
}

describe('range-proof progress', () => {
  it('one proof in this thread: reported per MSM batch, increasing, ending at the total', async () => {
    const calls: [number, number][] = [];
    const proofs = await proveRangeJobs([job(0, 32, 8)], { workers: 1, onProgress: (d, t) => calls.push([d, t]) });
    expect(proofs).toHaveLength(1);
    const total = calls[0]![1];
    expect(total).toBe(Math.round(rangeProofWork(32 * 8)));
    // S, then one batch per inner-product round (log2 256 = 8) at least, each its own report.
    expect(calls.length).toBeGreaterThanOrEqual(1 + 8);
    for (let i = 1; i < calls.length; i++) expect(calls[i]![0]).toBeGreaterThan(calls[i - 1]![0]);
    expect(calls.at(-1)![0]).toBe(total);
    // Moving with the work: some report lies strictly between a quarter and three quarters.
    expect(calls.some(([d]) => d > total / 4 && d < (3 * total) / 4)).toBe(true);
  });

  it('the same proofs as before: progress changes nothing in them', async () => {
    const a = await proveRangeJobs([job(0, 16, 4), job(1, 16, 2)], { workers: 1 });
    const b = await proveRangeJobs([job(0, 16, 4), job(1, 16, 2)], { workers: 1, onProgress: () => {} });
    expect(a).toEqual(b);
  });

  it('bill prove of a demand tariff shows the range-proof bar on a terminal (a pseudo-terminal via script), and not off one', () => {
    const probe = spawnSync('script', ['-qec', 'true', '/dev/null'], { encoding: 'utf8' });
    if (probe.status !== 0) return; // no script(1): nothing to run the terminal case in
    const dir = mkdtempSync(join(tmpdir(), 'mp-progress-'));
    try {
      const cli = (...a: string[]) => spawnSync(process.execPath, [CLI, ...a], { cwd: dir, encoding: 'utf8' });
      expect(cli('keygen', '--role', 'provider', '--out', '.').status).toBe(0);
      expect(cli('keygen', '--role', 'meter', '--out', '.').status).toBe(0);
      const start = Date.UTC(2012, 2, 1, 5) / 1000;
      writeFileSync(join(dir, 'r.csv'), ['start,duration_s,wh', ...Array.from({ length: 24 }, (_, i) => `${start + 3600 * i},3600,${(i * 37) % 400}`)].join('\n') + '\n');
      const flat = Array.from({ length: 12 }, () => Array(24).fill(0));
      writeFileSync(join(dir, 't.json'), JSON.stringify({
        v: 1, type: 'meterproof/tariff', id: 'd', name: 'demand', currency: 'USD', timezone: 'America/New_York', scale: 9, unit: 'Wh',
        components: [{ kind: 'demand', name: 'demand', periods: [{ label: 'all', tiers: [{ rate: '2000000' }] }], weekday: flat, weekend: flat }],
      }));
      expect(cli('meter', 'import', '--key', 'meter.key.json', '--meter-id', 'm', '--in', 'r.csv', '--out', '.').status).toBe(0);
      expect(cli('tariff', 'sign', '--key', 'provider.key.json', '--in', 't.json', '--out', 'ts.json').status).toBe(0);
      const args = ['bill', 'prove', '--tariff', 'ts.json', '--log', 'log.json', '--private', 'private.json', '--account', 'a', '--period', '2012-03-01/2012-03-01'];
      const piped = cli(...args, '--out', 'b1.json');
      expect(piped.status, piped.stderr).toBe(0);
      expect(piped.stderr).toBe('');
      const tty = spawnSync('script', ['-qec', [process.execPath, CLI, ...args, '--out', 'b2.json'].join(' '), '/dev/null'], { cwd: dir, encoding: 'utf8' });
      expect(tty.status, tty.stdout).toBe(0);
      expect(tty.stdout).toMatch(/proving: range proofs \[[#.]{24}\] 100%/);
      expect(tty.stdout).toMatch(/proving: range proofs \[\.{24}\] 0%/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
