/** `meterproof serve` and `meterproof worker` as commands: help with an example, usage errors exit 2. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { BACKENDS, throwawayDatabase } from './harness.js';

const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, MP_PROVIDER_TOKEN: '', MP_DATABASE_URL: '' } });

it('serve and worker --help list their options and an example', () => {
  const serve = run('serve', '--help');
  expect(serve.status).toBe(0);
  for (const o of ['--provider-key <file>', '--db <url>', '--data <dir>', '--token-file <file>', '--port <n>', '--workers <n>', '--queue <kind>', '--body-limit <bytes>', '--rate-limit <n>', '--cors <origins>', 'Examples:', 'meterproof worker']) expect(serve.stdout).toContain(o);
  const worker = run('worker', '--help');
  expect(worker.status).toBe(0);
  for (const o of ['--provider-key <file>', '--db <url>', '--concurrency <n>', '--metrics-port <n>', 'Example:']) expect(worker.stdout).toContain(o);
  expect(run('--help').stdout).toMatch(/serve[\s\S]*worker/);
});

it('refuses to start without a token, or a worker without PostgreSQL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'meterproof-serve-'));
  expect(run('keygen', '--role', 'provider', '--out', dir).status).toBe(0);
  const key = join(dir, 'provider.key.json');
  const noToken = run('serve', '--provider-key', key, '--port', '0');
  expect(noToken.status).toBe(2);
  expect(noToken.stderr).toMatch(/provider token/);
  const noDb = spawnSync(process.execPath, [CLI, 'worker', '--provider-key', key], { encoding: 'utf8', env: { ...process.env, MP_DATABASE_URL: '' } });
  expect(noDb.status).toBe(2);
  expect(noDb.stderr).toMatch(/--db/);
  rmSync(dir, { recursive: true, force: true });
});

it.runIf(BACKENDS.includes('pg'))('a worker serves its Prometheus metrics with --metrics-port, and stops on SIGTERM', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'meterproof-worker-'));
  const db = await throwawayDatabase('worker_metrics');
  try {
    expect(run('keygen', '--role', 'provider', '--out', dir).status).toBe(0);
    expect(run('worker', '--provider-key', join(dir, 'provider.key.json'), '--db', db.url, '--metrics-port', '70000').stderr).toMatch(/--metrics-port: a port from 0 to 65535/);
    const child = spawn(process.execPath, [CLI, 'worker', '--provider-key', join(dir, 'provider.key.json'), '--db', db.url, '--metrics-port', '0'], { env: { ...process.env, MP_DATABASE_URL: '' } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no metrics line: ${output}`)), 30_000);
      child.stdout.on('data', () => {
        const m = /metrics at (http:\/\/127\.0\.0\.1:\d+\/metrics)/.exec(output);
        if (m) {
          clearTimeout(t);
          resolve(m[1]!);
        }
      });
    });
    const res = await fetch(url);
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain('meterproof_queue_depth 0');
    expect(body).toContain('# TYPE meterproof_verification_seconds histogram');
    expect((await fetch(url.replace('/metrics', '/other'))).status).toBe(404);
    const code = await new Promise<number | null>((resolve) => {
      child.once('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    expect(code, output).toBe(0);
  } finally {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
