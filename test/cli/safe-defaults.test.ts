/**
 * Safe defaults, tried by running them: no command replaces an existing file (secret or not) without
 * --force; every --out fails fast and says why; a secret key where a public key belongs is refused;
 * key files work in the library as they are read from disk.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyBill, verifyDisclosure } from '../../src/index.js';
import { fails, message, ok, repoRoot, run } from './run-cli.js';

let dir: string;
const f = (n: string) => join(dir, n);

function csv(): string {
  const rows = ['start,duration_s,wh'];
  for (let d = 1; d <= 2; d++) for (let h = 0; h < 24; h++) rows.push(`2012-03-0${d}T${String(h).padStart(2, '0')}:00:00-08:00,3600,${100 + h}`);
  return rows.join('\n') + '\n';
}

const request = {
  recipient: 'grid',
  purpose: 'planning',
  expires: '2030-01-01T00:00:00Z',
  query: { v: 1, type: 'meterproof/query', meter: 'm-1', registers: ['import'], items: [{ kind: 'sum', from: '2012-03-01T00:00:00-08:00', to: '2012-03-02T00:00:00-08:00' }] },
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'meterproof-safe-'));
  for (const role of ['provider', 'meter', 'user']) ok(run(['keygen', '--role', role, '--out', dir]));
  writeFileSync(f('readings.csv'), csv());
  writeFileSync(f('request.json'), JSON.stringify(request));
  ok(run(['meter', 'import', '--key', f('meter.key.json'), '--meter-id', 'm-1', '--in', f('readings.csv'), '--out', dir]));
  ok(run(['tariff', 'import-urdb', '--in', join(repoRoot, 'demo/data/residential-tou.urdb.json'), '--timezone', 'America/Los_Angeles', '--out', f('tariff.json')]));
  ok(run(['tariff', 'sign', '--key', f('provider.key.json'), '--in', f('tariff.json'), '--out', f('tariff.signed.json')]));
  ok(run(['bill', 'prove', '--tariff', f('tariff.signed.json'), '--log', f('log.json'), '--private', f('private.json'), '--account', 'a', '--period', '2012-03-01/2012-03-02', '--out', f('bill.json')]));
  ok(run(['disclose', '--query', f('request.json'), '--log', f('log.json'), '--private', f('private.json'), '--key', f('user.key.json'), '--out', f('disclosure.json')]));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('no command replaces an existing file without --force', () => {
  const cases: Record<string, () => { args: string[]; guarded: string[] }> = {
    keygen: () => ({ args: ['keygen', '--role', 'provider', '--out', dir], guarded: ['provider.key.json', 'provider.pub.json'] }),
    'meter import': () => ({
      args: ['meter', 'import', '--key', f('meter.key.json'), '--meter-id', 'm-1', '--in', f('readings.csv'), '--out', dir],
      guarded: ['log.json', 'private.json'],
    }),
    'tariff import-urdb': () => ({
      args: ['tariff', 'import-urdb', '--in', join(repoRoot, 'demo/data/residential-tou.urdb.json'), '--timezone', 'America/Los_Angeles', '--out', f('tariff.json')],
      guarded: ['tariff.json'],
    }),
    'tariff sign': () => ({ args: ['tariff', 'sign', '--key', f('provider.key.json'), '--in', f('tariff.json'), '--out', f('tariff.signed.json')], guarded: ['tariff.signed.json'] }),
    'bill prove': () => ({
      args: ['bill', 'prove', '--tariff', f('tariff.signed.json'), '--log', f('log.json'), '--private', f('private.json'), '--account', 'a', '--period', '2012-03-01/2012-03-02', '--out', f('bill.json')],
      guarded: ['bill.json'],
    }),
    disclose: () => ({
      args: ['disclose', '--query', f('request.json'), '--log', f('log.json'), '--private', f('private.json'), '--key', f('user.key.json'), '--out', f('disclosure.json')],
      guarded: ['disclosure.json'],
    }),
    // The demo writes all three key pairs into --out: an existing one is refused before anything is written.
    'demo --out': () => ({ args: ['demo', '--out', dir], guarded: ['provider.key.json', 'meter.key.json', 'user.key.json', 'log.json', 'private.json'] }),
  };

  it.each(Object.keys(cases))('%s: exit 2 naming the file and --force, every file unchanged', (name) => {
    const c = cases[name]!();
    const before = c.guarded.map((g) => readFileSync(f(g), 'utf8'));
    const r = fails(run(c.args), 2);
    expect(message(r)).toMatch(/already exists; not replacing it \(use --force to replace\)/);
    expect(message(r)).toContain(dir);
    c.guarded.forEach((g, i) => expect(readFileSync(f(g), 'utf8'), g).toBe(before[i]));
  });

  it('with --force the file is replaced (keygen: a new key, still mode 0600)', () => {
    const before = readFileSync(f('user.key.json'), 'utf8');
    ok(run(['keygen', '--role', 'user', '--out', dir, '--force']));
    expect(readFileSync(f('user.key.json'), 'utf8')).not.toBe(before);
    // The disclosure was for the old user key; make it again for the tests below.
    ok(run(['disclose', '--query', f('request.json'), '--log', f('log.json'), '--private', f('private.json'), '--key', f('user.key.json'), '--out', f('disclosure.json'), '--force']));
  });
});

describe('every --out fails fast and says why', () => {
  const outs: Record<string, (out: string) => string[]> = {
    keygen: (o) => ['keygen', '--role', 'meter', '--out', o],
    'meter import': (o) => ['meter', 'import', '--key', f('meter.key.json'), '--meter-id', 'm-1', '--in', f('readings.csv'), '--out', o],
    'tariff import-urdb': (o) => ['tariff', 'import-urdb', '--in', join(repoRoot, 'demo/data/residential-tou.urdb.json'), '--timezone', 'UTC', '--out', join(o, 't.json')],
    'tariff sign': (o) => ['tariff', 'sign', '--key', f('provider.key.json'), '--in', f('tariff.json'), '--out', join(o, 's.json')],
    'bill prove': (o) => ['bill', 'prove', '--tariff', f('tariff.signed.json'), '--log', f('log.json'), '--private', f('private.json'), '--account', 'a', '--period', '2012-03-01/2012-03-02', '--out', join(o, 'b.json')],
    disclose: (o) => ['disclose', '--query', f('request.json'), '--log', f('log.json'), '--private', f('private.json'), '--key', f('user.key.json'), '--out', join(o, 'd.json')],
    demo: (o) => ['demo', '--out', o],
  };

  it.each(Object.keys(outs))('%s --out /proc/nope: exit 2 within seconds, naming the directory (no recursive mkdir spinning)', (name) => {
    // A generous cap that a spinning mkdir would hit: this is a hang detector, not a timing assertion.
    const r = fails(run(outs[name]!('/proc/nope'), { timeout: 60_000 }), 2);
    expect(message(r)).toMatch(/cannot write \/proc\/nope\/\S+: cannot make the directory \/proc\/nope \(ENOENT: this file system does not allow it there; choose another place\)/);
  });

  it.each(Object.keys(outs))('%s --out under a file: exit 2, names the file in the way', (name) => {
    writeFileSync(f('plain-file'), 'x');
    const r = fails(run(outs[name]!(join(dir, 'plain-file', 'sub'))), 2);
    expect(message(r)).toContain(`${f('plain-file')} is a file, not a directory (choose another place)`);
  });

  it('an --out that is a directory where a file is wanted: exit 2, says to give a file name', () => {
    mkdirSync(f('a-dir'), { recursive: true });
    const r = fails(run(outs['tariff sign']!(dir).slice(0, -1).concat(f('a-dir'))), 2);
    expect(message(r)).toContain(`cannot write ${f('a-dir')}: it is a directory (give a file name)`);
  });
});

describe('a secret key where a public key is expected', () => {
  it('bill verify --provider-key provider.key.json: refused (exit 2), saying it is the secret key and which file to give', () => {
    const r = fails(run(['bill', 'verify', '--tariff', f('tariff.signed.json'), '--provider-key', f('provider.key.json'), '--meter-key', f('meter.pub.json'), '--bill', f('bill.json')]), 2);
    expect(message(r)).toBe(
      `meterproof: --provider-key ${f('provider.key.json')} is the provider's SECRET key (it has "d"); --provider-key takes the public key file (provider.pub.json, made beside it by keygen). Keep the secret key private`,
    );
    expect(r.stdout + r.stderr).not.toContain(JSON.parse(readFileSync(f('provider.key.json'), 'utf8')).d);
  });

  it('--meter-key and disclosure verify --user-key too', () => {
    const m = fails(run(['bill', 'verify', '--tariff', f('tariff.signed.json'), '--provider-key', f('provider.pub.json'), '--meter-key', f('meter.key.json'), '--bill', f('bill.json')]), 2);
    expect(message(m)).toContain('is the meter\'s SECRET key');
    const u = fails(run(['disclosure', 'verify', '--disclosure', f('disclosure.json'), '--meter-key', f('meter.pub.json'), '--user-key', f('user.key.json')]), 2);
    expect(message(u)).toContain('--user-key');
    expect(message(u)).toContain('is the user\'s SECRET key');
  });

  it('the public key files are accepted (control)', () => {
    ok(run(['bill', 'verify', '--tariff', f('tariff.signed.json'), '--provider-key', f('provider.pub.json'), '--meter-key', f('meter.pub.json'), '--bill', f('bill.json')]));
  });
});

describe('the library takes key files as read from disk', () => {
  const read = (n: string): unknown => JSON.parse(readFileSync(f(n), 'utf8'));

  it('verifyBill accepts the JWKs of provider.pub.json and meter.pub.json', () => {
    const r = verifyBill({ bill: readFileSync(f('bill.json'), 'utf8'), signedTariff: read('tariff.signed.json'), providerKey: read('provider.pub.json') as never, meterKey: read('meter.pub.json') as never });
    expect(r.ok, JSON.stringify(r)).toBe(true);
  });

  it('verifyBill refuses a secret JWK, and a key of the wrong role, saying why', () => {
    const input = { bill: readFileSync(f('bill.json'), 'utf8'), signedTariff: read('tariff.signed.json'), providerKey: read('provider.pub.json') as never, meterKey: read('meter.pub.json') as never };
    const secret = verifyBill({ ...input, providerKey: read('provider.key.json') as never });
    expect(secret).toEqual({ ok: false, reason: 'tariff.signature', detail: 'the provider key given is a secret key (its JWK has "d"); give the public key (provider.pub.json) instead, and keep the secret one private' });
    const swapped = verifyBill({ ...input, meterKey: read('provider.pub.json') as never });
    expect(swapped).toEqual({ ok: false, reason: 'meter.key', detail: 'the meter key given is a provider key, but a meter key is needed here' });
  });

  it('verifyDisclosure accepts the key files too, and refuses a secret one', () => {
    const input = { now: Math.floor(Date.now() / 1000), disclosure: readFileSync(f('disclosure.json'), 'utf8'), meterKey: read('meter.pub.json') as never, userKey: read('user.pub.json') as never };
    const r = verifyDisclosure(input);
    expect(r.ok, JSON.stringify(r)).toBe(true);
    const s = verifyDisclosure({ ...input, userKey: read('user.key.json') as never });
    expect(s.ok).toBe(false);
    expect(!s.ok && s.reason).toBe('user.key');
    expect(!s.ok && s.detail).toContain('is a secret key');
  });
});
