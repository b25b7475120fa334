/**
 * The commands as a user runs them (dist/, after npm run build): `meter simulate` pushes to a real
 * in-process service and resumes where it stopped; `agent --once` bills the closed month, keeps bill and
 * receipt, and a second round changes nothing.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { formatReadingsCsv } from '../../src/formats/csv.js';
import { parseGreenButton } from '../../src/formats/greenbutton.js';
import { fixture, keys, signed, touTariff } from '../helpers.js';
import { startService } from './service.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = (...args: string[]) =>
  new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, ['dist/cli/main.js', ...args], { cwd: root, encoding: 'utf8' }, (e, stdout, stderr) =>
      resolve({ status: e ? ((e as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });

const provider = keys('provider', 'agent-cli');
const meter = keys('meter', 'agent-cli');
const user = keys('user', 'agent-cli');
const FEB = Date.UTC(2011, 1, 1, 8) / 1000;
const MAR2 = Date.UTC(2011, 2, 2, 8) / 1000;
let dir: string;
let svc: Awaited<ReturnType<typeof startService>>;
const f = (n: string) => join(dir, n);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mp-agent-cli-'));
  const readings = parseGreenButton(fixture('greenbutton/nist-inland-single-family-2011-hourly.xml')).readings.filter((r) => r.start >= FEB && r.start < MAR2);
  writeFileSync(f('feb.csv'), formatReadingsCsv(readings));
  writeFileSync(f('meter.key.json'), JSON.stringify(meter.jwk.secret), { mode: 0o600 });
  writeFileSync(f('user.key.json'), JSON.stringify(user.jwk.secret), { mode: 0o600 });
  writeFileSync(f('provider.pub.json'), JSON.stringify(provider.jwk.public));
  writeFileSync(f('policy.json'), JSON.stringify({ v: 1, type: 'meterproof/policy', allow: [] }));
  svc = await startService(provider.secret);
  await svc.provider.publishTariff(signed(touTariff(), provider), { from: '2011-01-01' });
  await svc.provider.registerMeter({ meter: 'cli-m1', key: meter.jwk.public, account: 'acct-cli', layout: { unit: 'Wh', registers: ['import'] } });
  await svc.provider.registerUserKey('acct-cli', user.jwk.public);
});
afterAll(async () => {
  await svc?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('meter simulate pushes, stops at --limit, and resumes the same chain', async () => {
  const sim = ['meter', 'simulate', '--key', f('meter.key.json'), '--meter-id', 'cli-m1', '--in', f('feb.csv'), '--out', f('meter'), '--service', svc.url, '--speed', 'max'];
  let r = await run(...sim, '--limit', '300');
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('300 records stored');
  expect((await svc.provider.recordsHead('cli-m1')).next).toBe(300);
  r = await run(...sim);
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/696 records stored .*resumed at reading 300.*396 signed now, 396 pushed/);
  expect((await svc.provider.recordsHead('cli-m1')).next).toBe(696);
  r = await run(...sim, '--speed', 'fast');
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/--speed "fast"/);
});

it('agent --once bills the closed month and keeps bill and receipt; a second round changes nothing', async () => {
  const agent = ['agent', '--service', svc.url, '--provider-key', f('provider.pub.json'), '--out', f('agent'), '--meter-dir', f('meter'), '--user-key', f('user.key.json'), '--policy', f('policy.json'), '--once'];
  let r = await run(...agent);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/2011-02\s+accepted\s+fee \d+\.\d{9}\s+\(compact form/);
  expect(existsSync(f('agent/bills/2011-02.json'))).toBe(true);
  const receipt = readFileSync(f('agent/receipts/2011-02.json'), 'utf8');
  r = await run(...agent);
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('0 bills');
  expect(readFileSync(f('agent/receipts/2011-02.json'), 'utf8')).toBe(receipt);
  // Usage: a source is needed, and a provider key of the right role.
  r = await run('agent', '--service', svc.url, '--provider-key', f('provider.pub.json'), '--out', f('agent'), '--once');
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/--meter-dir/);
  r = await run('agent', '--service', svc.url, '--provider-key', f('user.key.json'), '--out', f('agent'), '--meter-dir', f('meter'), '--once');
  expect(r.status).toBe(2);
});
