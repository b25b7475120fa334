/**
 * `meterproof disclose` and `meterproof disclosure verify` as a user meets them: the built CLI (dist/,
 * built by the global setup) on three days of hourly readings. Help on every option, exit codes (0
 * accepted or done, 1 rejected, 2 usage error or unreadable input), one JSON object with --json,
 * overwrite protection, and no secret in any output or in the disclosure.
 */
// @ts-nocheck

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const ENV = { ...process.env, NO_COLOR: '1', MP_DEBUG: '' };
const secrets: string[] = [];
let dir: string;
const f = (name: string) => join(dir, name);

function run(...args: string[]) {
  const r = spawnSync(process.execPath, ['dist/cli/main.js', ...args], { cwd: repoRoot, encoding: 'utf8', env: ENV });
  for (const s of secrets) {
    expect(r.stdout).not.toContain(s);
    expect(r.stderr).not.toContain(s);
  }
  expect(r.stderr).not.toMatch(/\s+at |\.ts:|\.js:|TypeError|ZodError|unexpected error/);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const oneJson = (stdout: string) => {
  const lines = stdout.split('\n').filter((l) => l.trim() !== '');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!) as Record<string, unknown>;
};

const wh = (d: number, h: number) => 100 + 10 * d + h;
const verifyArgs = (file: string, ...more: string[]) => ['disclosure', 'verify', '--disclosure', file, '--meter-key', f('meter.pub.json'), '--user-key', f('user.pub.json'), ...more];
const discloseArgs = (out: string, ...more: string[]) => ['disclose', '--query', f('request.json'), '--log', f('log.json'), '--private', f('private.json'), '--key', f('user.key.json'), '--out', out, ...more];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'meterproof-disclose-'));
  const rows = ['start,duration_s,wh'];
  for (let d = 1; d <= 3; d++) for (let h = 0; h < 24; h++) rows.push(`2012-03-0${d}T${String(h).padStart(2, '0')}:00:00-08:00,3600,${wh(d, h)}`);
  writeFileSync(f('readings.csv'), rows.join('\n') + '\n');
  for (const role of ['meter', 'user']) {
    expect(run('keygen', '--role', role, '--out', dir).status).toBe(0);
    secrets.push(JSON.parse(readFileSync(f(`${role}.key.json`), 'utf8')).d);
  }
  expect(run('meter', 'import', '--key', f('meter.key.json'), '--meter-id', 'meter-1', '--in', f('readings.csv'), '--out', dir).status).toBe(0);
  secrets.push(JSON.parse(readFileSync(f('private.json'), 'utf8')).seed);
  const request = {
    recipient: 'grid-operator',
    purpose: 'network planning',
    expires: '2099-01-01T00:00:00Z',
    query: {
      v: 1,
      type: 'meterproof/query',
      meter: 'meter-1',
      registers: ['import'],
      items: [
        { kind: 'daily', from: '2012-03-01', to: '2012-03-03', timezone: 'America/Los_Angeles' },
        { kind: 'threshold', at: '2012-03-02T18:00:00-08:00', threshold: '130' },
        { kind: 'max', from: '2012-03-01T00:00:00-08:00', to: '2012-03-01T06:00:00-08:00' },
      ],
    },
  };
  writeFileSync(f('request.json'), JSON.stringify(request, null, 2));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('meterproof disclose / disclosure verify', () => {
  it('--help lists every option', () => {
    const d = run('disclose', '--help');
    expect(d.status).toBe(0);
    for (const o of ['--query <file>', '--log <file>', '--private <file>', '--key <file>', '--out <file>', '--force']) expect(d.stdout).toContain(o);
    const v = run('disclosure', 'verify', '--help');
    expect(v.status).toBe(0);
    for (const o of ['--disclosure <file>', '--meter-key <file>', '--user-key <file>', '--recipient <id>', '--query <file>', '--at <time>', '--json']) expect(v.stdout).toContain(o);
    expect(run('--help').stdout).toMatch(/disclose[\s\S]*disclosure/);
  });

  it('disclose writes a disclosure with the daily totals; it holds no seed or secret', () => {
    const r = run(...discloseArgs(f('d.json')));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('5 answers');
    expect(r.stderr).toBe('');
    const text = readFileSync(f('d.json'), 'utf8');
    for (const s of secrets) expect(text).not.toContain(s);
    const d = JSON.parse(text);
    const day = (n: number) => String(Array.from({ length: 24 }, (_, h) => wh(n, h)).reduce((a, b) => a + b, 0));
    expect(d.answers).toEqual([day(1), day(2), day(3), true, String(wh(1, 5))]);
  });

  it('verify: exit 0 and the answers; --json is one object', () => {
    const human = run(...verifyArgs(f('d.json'), '--recipient', 'grid-operator'));
    expect(human.status, human.stdout).toBe(0);
    expect(human.stdout).toContain('ACCEPTED');
    expect(human.stdout).toContain('(in Wh, as the meter signs it)');
    expect(human.stdout).toContain(`import total on 2012-03-02 (America/Los_Angeles): ${Array.from({ length: 24 }, (_, h) => wh(2, h)).reduce((a, b) => a + b, 0)} Wh\n`);
    const j = oneJson(run(...verifyArgs(f('d.json'), '--json', '--recipient', 'grid-operator')).stdout);
    expect(j).toMatchObject({ ok: true, recipient: 'grid-operator', meter: 'meter-1' });
    expect((j.answers as unknown[]).length).toBe(5);
  });

  it('rejections exit 1 with the reason: another recipient, expired, an edited answer', () => {
    const other = run(...verifyArgs(f('d.json'), '--recipient', 'someone-else', '--json'));
    expect(other.status).toBe(1);
    expect(oneJson(other.stdout)).toMatchObject({ ok: false, reason: 'consent.recipient' });
    const late = run(...verifyArgs(f('d.json'), '--at', '2099-01-01T00:00:00Z'));
    expect(late.status).toBe(1);
    expect(late.stdout).toContain('REJECTED (consent.expired)');
    const d = JSON.parse(readFileSync(f('d.json'), 'utf8'));
    d.answers[0] = String(BigInt(d.answers[0]) + 1n);
    writeFileSync(f('edited.json'), JSON.stringify(d));
    expect(oneJson(run(...verifyArgs(f('edited.json'), '--json')).stdout)).toMatchObject({ ok: false, reason: 'proof.linear' });
    writeFileSync(f('garbage.json'), 'not json');
    expect(run(...verifyArgs(f('garbage.json'))).status).toBe(1);
  });

  it('--query: the query asked for (a request or a bare query) is accepted; a disclosure of any other query exits 1 (query.mismatch)', () => {
    expect(run(...verifyArgs(f('d.json'), '--query', f('request.json'))).status).toBe(0);
    const request = JSON.parse(readFileSync(f('request.json'), 'utf8'));
    writeFileSync(f('bare-query.json'), JSON.stringify(request.query));
    expect(run(...verifyArgs(f('d.json'), '--query', f('bare-query.json'), '--recipient', 'grid-operator')).status).toBe(0);
    // The recipient asked for the daily totals only; the user consented to (and proved) more.
    writeFileSync(f('asked.json'), JSON.stringify({ ...request, query: { ...request.query, items: [request.query.items[0]] } }));
    const other = run(...verifyArgs(f('d.json'), '--query', f('asked.json'), '--json'));
    expect(other.status).toBe(1);
    expect(oneJson(other.stdout)).toMatchObject({ ok: false, reason: 'query.mismatch' });
    expect(run(...verifyArgs(f('d.json'), '--query', f('asked.json'))).stdout).toMatch(/^REJECTED \(query\.mismatch\): the disclosure answers another query/);
    // A --query file that is no query is a usage error, naming the file.
    writeFileSync(f('no-query.json'), JSON.stringify({ recipient: 'x' }));
    const bad = run(...verifyArgs(f('d.json'), '--query', f('no-query.json')));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('no-query.json: neither a request');
    writeFileSync(f('bad-query.json'), JSON.stringify({ ...request.query, registers: [] }));
    expect(run(...verifyArgs(f('d.json'), '--query', f('bad-query.json'))).stderr).toMatch(/bad-query\.json: query: registers/);
  });

  it('a meter log of version 1 is refused by name (exit 2)', () => {
    const fixtures = fileURLToPath(new URL('../meter/fixtures/', import.meta.url));
    const r = run(...discloseArgs(f('never.json')).map((a) => (a === f('log.json') ? join(fixtures, 'log-v1.json') : a === f('private.json') ? join(fixtures, 'private-v1.json') : a)));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/meter log: version 1 is not supported \(this meterproof reads version 2\); version-1 logs do not sign the unit and register names/);
    expect(existsSync(f('never.json'))).toBe(false);
  });

  it('usage errors exit 2: a missing file, a bad --at, the wrong key role, an existing --out', () => {
    const missing = run(...verifyArgs(f('nope.json')));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('nope.json');
    expect(run(...verifyArgs(f('d.json'), '--at', 'tomorrow')).stderr).toContain('--at');
    expect(run(...verifyArgs(f('d.json'), '--at', 'tomorrow')).status).toBe(2);
    const args = verifyArgs(f('d.json'));
    args[args.indexOf('--user-key') + 1] = f('meter.pub.json');
    expect(run(...args).status).toBe(2);
    const exists = run(...discloseArgs(f('d.json')));
    expect(exists.status).toBe(2);
    expect(exists.stderr).toMatch(/already exists/);
    const wrongKey = run(...discloseArgs(f('never.json')).map((a) => (a === f('user.key.json') ? f('meter.key.json') : a)));
    expect(wrongKey.status).toBe(2);
    expect(existsSync(f('never.json'))).toBe(false);
    writeFileSync(f('bad-request.json'), JSON.stringify({ recipient: 'x', purpose: 'y', expires: '2099-01-01T00:00:00Z', query: { v: 1 } }));
    const bad = run(...discloseArgs(f('never.json')).map((a) => (a === f('request.json') ? f('bad-request.json') : a)));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('query');
    expect(existsSync(f('never.json'))).toBe(false);
  });

  it('--force replaces the disclosure', () => {
    const r = run(...discloseArgs(f('d.json'), '--force'));
    expect(r.status, r.stderr).toBe(0);
    expect(run(...verifyArgs(f('d.json'))).status).toBe(0);
  });
});
