/** `meterproof serve` and `meterproof worker` as commands: help with an example, usage errors exit 2. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, MP_PROVIDER_TOKEN: '', MP_DATABASE_URL: '' } });

it('serve and worker --help list their options and an example', () => {
  const serve = run('serve', '--help');
  expect(serve.status).toBe(0);
  for (const o of ['--provider-key <file>', '--db <url>', '--data <dir>', '--token-file <file>', '--port <n>', '--workers <n>', '--queue <kind>', '--body-limit <bytes>', '--rate-limit <n>', '--cors <origins>', 'Examples:', 'meterproof worker']) expect(serve.stdout).toContain(o);
  const worker = run('worker', '--help');
  expect(worker.status).toBe(0);
  for (const o of ['--provider-key <file>', '--db <url>', '--concurrency <n>', 'Example:']) expect(worker.stdout).toContain(o);
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
