/**
 * The `meterproof` command as a user meets it: the real CLI (dist/, built by the global setup) spawned
 * as a child process. Help for every command, the whole flow on three days of hourly readings, exit
 * codes (0 accepted or done, 1 rejected, 2 usage error or unreadable input), error hygiene (one plain
 * line, no stack, no secret), overwrite protection, import errors and quiet stderr off a terminal.
 */
// @ts-nocheck

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const SHARED = fileURLToPath(new URL('../fixtures/', import.meta.url));
const DEMO_URDB = join(repoRoot, 'demo/data/residential-tou.urdb.json');
const PERIOD = '2012-03-01/2012-03-02';
const ACCOUNT = 'acct-1';

interface Run {
  readonly args: string[];
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Secrets of the flow (both keys' "d" and the opening seed): no output of any run may contain them. */
const secrets: string[] = [];

const ENV = { ...process.env, NO_COLOR: '1', MP_DEBUG: '' };

function noSecrets(res: Run): Run {
  for (const s of secrets) {
    expect(res.stdout, `stdout of ${res.args.join(' ')} leaks a secret`).not.toContain(s);
    expect(res.stderr, `stderr of ${res.args.join(' ')} leaks a secret`).not.toContain(s);
  }
  return res;
}

function run(...args: string[]): Run {
  const r = spawnSync(process.execPath, ['dist/cli/main.js', ...args], { cwd: repoRoot, encoding: 'utf8', env: ENV });
  return noSecrets({ args, status: r.status, stdout: r.stdout, stderr: r.stderr });
}

/** The same, without blocking, for independent runs that `it.concurrent` can overlap (each spawn pays Node's start-up). */
function runAsync(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, ['dist/cli/main.js', ...args], { cwd: repoRoot, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    c.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    c.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    c.on('error', reject);
    c.on('close', (status) => resolve(noSecrets({ args, status, stdout, stderr })));
  });
}

/** A failing run: the exit code, and stderr is plain text without a stack trace or source position. */
function fails(r: Run, code: 1 | 2): Run {
  const what = `meterproof ${r.args.join(' ')}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;
  expect(r.status, what).toBe(code);
  expect(r.stderr, what).not.toMatch(/^\s+at /m);
  expect(r.stderr, what).not.toContain('    at ');
  expect(r.stderr, what).not.toContain('.ts:');
  expect(r.stderr, what).not.toContain('.js:');
  expect(r.stderr, what).not.toMatch(/\b(TypeError|ReferenceError|SyntaxError|ZodError)\b/);
  expect(r.stderr, what).not.toContain('unexpected error');
  return r;
}

function ok(r: Run): Run {
  expect(r.status, `meterproof ${r.args.join(' ')}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(0);
  return r;
}

/** stdout is exactly one line holding one JSON object. */
function oneJson(r: Run): Record<string, unknown> {
  const lines = r.stdout.split('\n').filter((l) => l.trim() !== '');
  expect(lines, `stdout of ${r.args.join(' ')}: ${r.stdout}`).toHaveLength(1);
  const v = JSON.parse(lines[0]!) as unknown;
  expect(typeof v === 'object' && v !== null && !Array.isArray(v)).toBe(true);
  return v as Record<string, unknown>;
}

function mode(path: string): number {
  return statSync(path).mode & 0o777;
}

function readJsonFile(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

/** Every key name anywhere in a JSON value. */
function keysOf(v: unknown, acc = new Set<string>()): Set<string> {
  if (Array.isArray(v)) v.forEach((x) => keysOf(x, acc));
  else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      acc.add(k);
      keysOf(x, acc);
    }
  }
  return acc;
}

/** Hourly readings for 2012-03-01..03 in Los Angeles (PST, -08:00, all three days): wh = 100 + 10·day + hour. */
function wh(day: number, hour: number): number {
  return 100 + 10 * day + hour;
}
function csvRows(skip: (day: number, hour: number) => boolean = () => false): string[] {
  const rows: string[] = [];
  for (let d = 1; d <= 3; d++) {
    for (let h = 0; h < 24; h++) {
      if (!skip(d, h)) rows.push(`2012-03-0${d}T${String(h).padStart(2, '0')}:00:00-08:00,3600,${wh(d, h)}`);
    }
  }
  return rows;
}
function csv(rows: string[]): string {
  return ['start,duration_s,wh', ...rows].join('\n') + '\n';
}

/**
 * The fee worked out by hand from the demo URDB tariff: 0.39 $/day, winter off-peak 0.3648 + 0.00415 and
 * winter peak (16-21 local, every day) 0.3982 + 0.00415 $/kWh. In units of 10^-9 $: wh · (rate in 10^-5 $/kWh) · 10.
 */
function expectedFee(): string {
  let nano = 2n * 390_000_000n;
  for (const d of [1, 2]) {
    for (let h = 0; h < 24; h++) nano += BigInt(wh(d, h)) * (h >= 16 && h < 21 ? 40235n : 36895n) * 10n;
  }
  const s = nano.toString().padStart(10, '0');
  return `${s.slice(0, -9)}.${s.slice(-9)}`;
}

let dir: string;
const f = (name: string) => join(dir, name);
const verifyArgs = (bill: string, ...more: string[]) => [
  'bill', 'verify',
  '--tariff', f('tariff.signed.json'),
  '--provider-key', f('provider.pub.json'),
  '--meter-key', f('meter.pub.json'),
  '--bill', bill,
  ...more,
];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'meterproof-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('--help', () => {
  const commands: Record<string, string[]> = {
    '': ['--version', '--help', 'keygen', 'meter', 'tariff', 'bill', 'demo'],
    keygen: ['--role <role>', '--out <dir>', '--force', '--help'],
    meter: ['import'],
    'meter import': [
      '--key <file>', '--meter-id <id>', '--in <file>', '--out <dir>', '--format <format>', 'pge-csv', 'octopus-json', 'london-csv',
      '--timezone <zone>', '--household <id>', '--skip-null', '--duplicates <policy>', '--force', '--help',
    ],
    tariff: ['import-urdb', 'sign'],
    'tariff import-urdb': ['--in <file>', '--timezone <zone>', '--out <file>', '--item <n>', '--id <id>', '--force', '--help'],
    'tariff sign': ['--key <file>', '--in <file>', '--out <file>', '--force', '--help'],
    bill: ['prove', 'verify', 'plain'],
    'bill prove': ['--tariff <file>', '--log <file>', '--private <file>', '--account <id>', '--period <period>', '--out <file>', '--force', '--help'],
    'bill verify': ['--tariff <file>', '--provider-key <file>', '--meter-key <file>', '--bill <file>', '--account <id>', '--period <period>', '--json', '--help'],
    'bill plain': ['--tariff <file>', '--private <file>', '--period <period>', '--json', '--help'],
    demo: ['--out <dir>', '--help'],
  };
  it.concurrent.each(Object.entries(commands))('meterproof %s --help: exit 0, usage and every option', async (cmd, listed) => {
    const path = cmd === '' ? [] : cmd.split(' ');
    const r = ok(await runAsync(...path, '--help'));
    expect(r.stdout).toContain(`Usage: meterproof${cmd === '' ? '' : ` ${cmd}`} `);
    for (const o of listed) expect(r.stdout).toContain(o);
    expect(r.stderr).toBe('');
  });

  it('-h and `help COMMAND` work too; --version prints the package version', () => {
    expect(ok(run('bill', 'verify', '-h')).stdout).toContain('Usage: meterproof bill verify');
    expect(ok(run('help', 'bill')).stdout).toContain('Usage: meterproof bill');
    const pkg = readJsonFile(join(repoRoot, 'package.json'));
    expect(ok(run('--version')).stdout.trim()).toBe(pkg.version);
  });

  it('no command, an unknown command or a command group without a subcommand: exit 2, usage on stderr', () => {
    expect(fails(run(), 2).stderr).toContain('Usage: meterproof');
    expect(fails(run('bogus'), 2).stderr).toContain("unknown command 'bogus'");
    expect(fails(run('bill'), 2).stderr).toContain('Usage: meterproof bill');
  });
});

describe('the whole flow, then what can go wrong', () => {
  let seed: string;
  let verifiedFee: string;

  beforeAll(() => {
    writeFileSync(f('readings.csv'), csv(csvRows()));
  });

  it('keygen: a secret key file with mode 0600 and a public file without "d"', () => {
    for (const role of ['meter', 'provider']) {
      const r = ok(run('keygen', '--role', role, '--out', dir));
      expect(r.stdout).toContain(`${role}.key.json`);
      expect(r.stderr).toBe('');
      const secretPath = f(`${role}.key.json`);
      const publicPath = f(`${role}.pub.json`);
      expect(mode(secretPath)).toBe(0o600);
      const sk = readJsonFile(secretPath);
      const pk = readJsonFile(publicPath);
      expect(typeof sk.d).toBe('string');
      expect(pk).not.toHaveProperty('d');
      expect(readFileSync(publicPath, 'utf8')).not.toContain('"d"');
      expect(readFileSync(publicPath, 'utf8')).not.toContain(sk.d as string);
      expect(pk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', x: sk.x, meterproof_role: role });
      expect(r.stdout).not.toContain(sk.d as string);
      secrets.push(sk.d as string);
    }
  });

  it('meter import of a CSV: log and private file (0600), nothing on stderr off a terminal', () => {
    const r = ok(run('meter', 'import', '--key', f('meter.key.json'), '--meter-id', 'meter-1', '--in', f('readings.csv'), '--out', dir));
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('72 records');
    expect(r.stdout).toContain('2012-03-01T08:00:00Z');
    expect(r.stdout).toContain('2012-03-04T08:00:00Z');
    expect(mode(f('private.json'))).toBe(0o600);
    const priv = readJsonFile(f('private.json'));
    expect(priv.seed).toMatch(/^[0-9a-f]{64}$/);
    seed = priv.seed as string;
    secrets.push(seed);
    const logText = readFileSync(f('log.json'), 'utf8');
    expect(logText).not.toContain(seed);
    expect(keysOf(JSON.parse(logText))).not.toContain('seed');
  });

  it('tariff import-urdb and tariff sign', () => {
    const r = ok(run('tariff', 'import-urdb', '--in', DEMO_URDB, '--timezone', 'America/Los_Angeles', '--out', f('tariff.json')));
    expect(r.stderr).toBe('');
    expect(readJsonFile(f('tariff.json'))).toMatchObject({ timezone: 'America/Los_Angeles', currency: 'USD' });
    const s = ok(run('tariff', 'sign', '--key', f('provider.key.json'), '--in', f('tariff.json'), '--out', f('tariff.signed.json')));
    expect(s.stderr).toBe('');
    expect(readJsonFile(f('tariff.signed.json')).type).toBe('meterproof/signed-tariff');
  });

  it('bill prove over two days: the fee worked out by hand, and the bill reveals no reading and no seed', () => {
    const r = ok(run('bill', 'prove', '--tariff', f('tariff.signed.json'), '--log', f('log.json'), '--private', f('private.json'), '--account', ACCOUNT, '--period', PERIOD, '--out', f('bill.json')));
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(expectedFee());
    const text = readFileSync(f('bill.json'), 'utf8');
    const bill = JSON.parse(text) as Record<string, unknown>;
    expect(bill).toMatchObject({ account: ACCOUNT, fee: expectedFee(), currency: 'USD' });
    expect(text).not.toContain(seed);
    const keys = keysOf(bill);
    for (const k of ['values', 'wh', 'seed', 'readings', 'openings', 'opening']) expect(keys).not.toContain(k);
    for (const k of ['"values"', '"wh"', '"seed"', '"readings"']) expect(text).not.toContain(k);
  });

  it('bill verify: exit 0; --json prints exactly one JSON object with ok, fee and currency', () => {
    const human = ok(run(...verifyArgs(f('bill.json'))));
    expect(human.stdout).toContain('ACCEPTED');
    expect(human.stdout).toContain(expectedFee());
    const r = ok(run(...verifyArgs(f('bill.json'), '--json')));
    expect(r.stderr).toBe('');
    const v = oneJson(r);
    expect(v).toMatchObject({ ok: true, fee: expectedFee(), currency: 'USD', account: ACCOUNT });
    verifiedFee = v.fee as string;
    // The expectations the provider knows, when they hold.
    expect(oneJson(ok(run(...verifyArgs(f('bill.json'), '--json', '--account', ACCOUNT, '--period', PERIOD))))).toMatchObject({ ok: true });
  });

  it('bill plain --json: {"fee": …} equal to the verified fee, from the signed and the bare tariff', () => {
    for (const t of ['tariff.signed.json', 'tariff.json']) {
      const r = ok(run('bill', 'plain', '--tariff', f(t), '--private', f('private.json'), '--period', PERIOD, '--json'));
      expect(r.stderr).toBe('');
      const v = oneJson(r);
      expect(v.fee).toBe(verifiedFee);
      expect(v.currency).toBe('USD');
    }
  });

  describe('bill verify exit codes', () => {
    it('a bill whose fee was edited: exit 1, proof.linear', () => {
      const bill = readJsonFile(f('bill.json'));
      const fee = bill.fee as string;
      const [int, frac] = fee.split('.') as [string, string];
      const n = BigInt(int + frac) + 1n;
      const s = n.toString().padStart(frac.length + 1, '0');
      bill.fee = `${s.slice(0, -frac.length)}.${s.slice(-frac.length)}`;
      expect(bill.fee).not.toBe(fee);
      writeFileSync(f('bill-edited.json'), JSON.stringify(bill, null, 2));
      const human = fails(run(...verifyArgs(f('bill-edited.json'))), 1);
      expect(human.stdout).toContain('REJECTED (proof.linear)');
      const v = oneJson(fails(run(...verifyArgs(f('bill-edited.json'), '--json')), 1));
      expect(v).toMatchObject({ ok: false, reason: 'proof.linear' });
      expect(typeof v.detail).toBe('string');
    });

    it('garbage and truncated JSON: exit 1, malformed.json', () => {
      writeFileSync(f('bill-garbage.json'), 'garbage {{{ not json');
      const text = readFileSync(f('bill.json'), 'utf8');
      writeFileSync(f('bill-truncated.json'), text.slice(0, Math.floor(text.length / 2)));
      writeFileSync(f('bill-empty.json'), '');
      for (const b of ['bill-garbage.json', 'bill-truncated.json', 'bill-empty.json']) {
        expect(oneJson(fails(run(...verifyArgs(f(b), '--json')), 1))).toMatchObject({ ok: false, reason: 'malformed.json' });
        expect(fails(run(...verifyArgs(f(b))), 1).stdout).toContain('malformed.json');
      }
    });

    it('a missing bill file: exit 2, names the file; with --json still one JSON object', () => {
      const r = fails(run(...verifyArgs(f('no-such-bill.json'))), 2);
      expect(r.stderr).toContain('no-such-bill.json');
      expect(r.stderr).toMatch(/no such file/);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(oneJson(fails(run(...verifyArgs(f('no-such-bill.json'), '--json')), 2))).toMatchObject({ ok: false });
    });

    it('the wrong key role (provider.pub.json as --meter-key): exit 2, says which key is needed', () => {
      const args = verifyArgs(f('bill.json'));
      args[args.indexOf('--meter-key') + 1] = f('provider.pub.json');
      const r = fails(run(...args), 2);
      expect(r.stderr).toContain('provider.pub.json');
      expect(r.stderr).toMatch(/is a provider key, but a meter key is needed/);
    });

    it('an unknown option or a missing required option: exit 2 with usage help', () => {
      const unknown = fails(run(...verifyArgs(f('bill.json'), '--bogus')), 2);
      expect(unknown.stderr).toContain("unknown option '--bogus'");
      expect(unknown.stderr).toContain('--help');
      const missing = fails(run('bill', 'verify', '--tariff', f('tariff.signed.json'), '--provider-key', f('provider.pub.json'), '--meter-key', f('meter.pub.json')), 2);
      expect(missing.stderr).toContain("required option '--bill <file>' not specified");
      // A script reading --json output gets its one JSON object for usage errors as well.
      expect(oneJson(fails(run('bill', 'verify', '--json', '--bill', f('bill.json')), 2))).toMatchObject({ ok: false, reason: 'usage' });
      fails(run('bill', 'prove', '--tariff', f('tariff.signed.json')), 2);
      fails(run('keygen', '--out', dir), 2);
    });

    it('--account other: exit 1, account.mismatch; --period other: exit 1, period.mismatch', () => {
      expect(oneJson(fails(run(...verifyArgs(f('bill.json'), '--json', '--account', 'other')), 1))).toMatchObject({ ok: false, reason: 'account.mismatch' });
      expect(fails(run(...verifyArgs(f('bill.json'), '--account', 'other')), 1).stdout).toContain('account.mismatch');
      expect(oneJson(fails(run(...verifyArgs(f('bill.json'), '--json', '--period', '2012-03')), 1))).toMatchObject({ ok: false, reason: 'period.mismatch' });
      // A --period that is not a period at all is a usage error, not a rejected bill.
      expect(fails(run(...verifyArgs(f('bill.json'), '--period', 'garbage')), 2).stderr).toMatch(/--period: use YYYY-MM/);
    });

    it('an unsigned tariff where the signed one is needed: exit 1, a tariff reason', () => {
      const args = verifyArgs(f('bill.json'), '--json');
      args[args.indexOf('--tariff') + 1] = f('tariff.json');
      expect(String(oneJson(fails(run(...args), 1)).reason)).toMatch(/^tariff\./);
    });
  });

  describe('other usage errors are one plain line', () => {
    it('wrong files and keys for prove, import and sign', () => {
      const prove = (over: Record<string, string>) => {
        const o: Record<string, string> = { tariff: f('tariff.signed.json'), log: f('log.json'), private: f('private.json'), account: ACCOUNT, period: PERIOD, out: f('never.json'), ...over };
        return run('bill', 'prove', ...Object.entries(o).flatMap(([k, v]) => [`--${k}`, v]));
      };
      expect(fails(prove({ private: f('log.json') }), 2).stderr).toMatch(/private file/);
      expect(fails(prove({ log: f('private.json') }), 2).stderr).toMatch(/log/);
      expect(fails(prove({ period: '2012-13' }), 2).stderr).toContain('2012-13');
      expect(fails(prove({ private: f('nope.json') }), 2).stderr).toContain('nope.json');
      expect(existsSync(f('never.json'))).toBe(false);
      const imp = (key: string) => run('meter', 'import', '--key', key, '--meter-id', 'm', '--in', f('readings.csv'), '--out', join(dir, 'never'));
      expect(fails(imp(f('meter.pub.json')), 2).stderr).toMatch(/secret key/);
      expect(fails(imp(f('provider.key.json')), 2).stderr).toMatch(/provider key, but a meter key is needed/);
      expect(fails(run('tariff', 'sign', '--key', f('meter.key.json'), '--in', f('tariff.json'), '--out', f('never.json')), 2).stderr).toMatch(/meter key, but a provider key is needed/);
      expect(fails(run('tariff', 'import-urdb', '--in', DEMO_URDB, '--timezone', 'Not/AZone', '--out', f('never.json')), 2).stderr).toContain('Not/AZone');
      expect(fails(run('keygen', '--role', 'admin', '--out', dir), 2).stderr).toMatch(/--role must be one of/);
      expect(existsSync(join(dir, 'never'))).toBe(false);
      expect(existsSync(f('never.json'))).toBe(false);
    });

    it('--out naming a file where a directory is needed: a plain message, not "unexpected error"', () => {
      writeFileSync(f('a-file'), 'x');
      const r = fails(run('keygen', '--role', 'user', '--out', join(dir, 'a-file', 'sub')), 2);
      expect(r.stderr).toContain('a-file');
    });

    it('bill prove --period 2012-03 with three days of records: exit 2, a coverage message, no bill', () => {
      const r = fails(run('bill', 'prove', '--tariff', f('tariff.signed.json'), '--log', f('log.json'), '--private', f('private.json'), '--account', ACCOUNT, '--period', '2012-03', '--out', f('bill-march.json')), 2);
      expect(r.stderr).toContain('2012-03');
      expect(r.stderr).toContain('2012-03-04T08:00:00Z'); // where the records end
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(existsSync(f('bill-march.json'))).toBe(false);
    });
  });

  describe('overwrite protection', () => {
    it('keygen twice without --force: exit 2, key unchanged; with --force: replaced, still 0600', () => {
      const kdir = join(dir, 'keys');
      ok(run('keygen', '--role', 'user', '--out', kdir));
      const secretPath = join(kdir, 'user.key.json');
      const before = readFileSync(secretPath, 'utf8');
      const pubBefore = readFileSync(join(kdir, 'user.pub.json'), 'utf8');
      secrets.push(JSON.parse(before).d);
      const again = fails(run('keygen', '--role', 'user', '--out', kdir), 2);
      expect(again.stderr).toMatch(/already exists/);
      expect(again.stderr).toContain('--force');
      expect(readFileSync(secretPath, 'utf8')).toBe(before);
      expect(readFileSync(join(kdir, 'user.pub.json'), 'utf8')).toBe(pubBefore);
      ok(run('keygen', '--role', 'user', '--out', kdir, '--force'));
      const after = readFileSync(secretPath, 'utf8');
      secrets.push(JSON.parse(after).d);
      expect(after).not.toBe(before);
      expect(JSON.parse(readFileSync(join(kdir, 'user.pub.json'), 'utf8')).x).toBe(JSON.parse(after).x);
      expect(mode(secretPath)).toBe(0o600);
      expect(readdirSync(kdir).sort()).toEqual(['user.key.json', 'user.pub.json']); // no temp files left
    });

    it('keygen where only the public file exists: refuses without writing a secret that does not match it', () => {
      const kdir = join(dir, 'keys-half');
      mkdirSync(kdir);
      writeFileSync(join(kdir, 'meter.pub.json'), readFileSync(f('meter.pub.json')));
      fails(run('keygen', '--role', 'meter', '--out', kdir), 2);
      expect(readdirSync(kdir)).toEqual(['meter.pub.json']);
    });

    it('meter import into a directory with a log: refuses, and writes no private file beside the old log', () => {
      const before = readFileSync(f('private.json'), 'utf8');
      const r = fails(run('meter', 'import', '--key', f('meter.key.json'), '--meter-id', 'meter-1', '--in', f('readings.csv'), '--out', dir), 2);
      expect(r.stderr).toMatch(/already exists/);
      expect(readFileSync(f('private.json'), 'utf8')).toBe(before);
      const mdir = join(dir, 'log-only');
      mkdirSync(mdir);
      writeFileSync(join(mdir, 'log.json'), readFileSync(f('log.json')));
      fails(run('meter', 'import', '--key', f('meter.key.json'), '--meter-id', 'meter-1', '--in', f('readings.csv'), '--out', mdir), 2);
      expect(readdirSync(mdir)).toEqual(['log.json']);
    });

    it('bill prove onto an existing bill: exit 2 and the bill unchanged', () => {
      const before = readFileSync(f('bill.json'), 'utf8');
      const r = fails(run('bill', 'prove', '--tariff', f('tariff.signed.json'), '--log', f('log.json'), '--private', f('private.json'), '--account', ACCOUNT, '--period', PERIOD, '--out', f('bill.json')), 2);
      expect(r.stderr).toMatch(/already exists/);
      expect(readFileSync(f('bill.json'), 'utf8')).toBe(before);
    });
  });

  describe('meter import errors', () => {
    const imp = (input: string, out: string, ...more: string[]) =>
      run('meter', 'import', '--key', f('meter.key.json'), '--meter-id', 'meter-1', '--in', input, '--out', join(dir, out), ...more);

    it('a CSV with a gap: exit 2, the gap named in ISO times', () => {
      writeFileSync(f('gap.csv'), csv(csvRows((d, h) => d === 2 && h === 5)));
      const r = fails(imp(f('gap.csv'), 'out-gap'), 2);
      expect(r.stderr).toMatch(/gap/);
      expect(r.stderr).toContain('2012-03-02T13:00:00Z'); // 05:00 PST
      expect(r.stderr).toContain('2012-03-02T14:00:00Z');
      expect(existsSync(join(dir, 'out-gap'))).toBe(false);
    });

    it('a malformed CSV line: exit 2, the line number named', () => {
      const rows = csvRows();
      rows[8] = '2012-03-01T08:00:00-08:00,3600,12.5'; // file line 10 (header is line 1)
      writeFileSync(f('bad.csv'), csv(rows));
      expect(fails(imp(f('bad.csv'), 'out-bad'), 2).stderr).toMatch(/line 10\b/);
      rows[8] = '2012-03-01T08:00:00-08:00,3600';
      writeFileSync(f('bad2.csv'), csv(rows));
      expect(fails(imp(f('bad2.csv'), 'out-bad'), 2).stderr).toMatch(/line 10\b/);
      rows[8] = '2012-03-01T08:00:00,3600,1'; // no offset
      writeFileSync(f('bad3.csv'), csv(rows));
      expect(fails(imp(f('bad3.csv'), 'out-bad'), 2).stderr).toMatch(/line 10\b.*offset/);
      expect(existsSync(join(dir, 'out-bad'))).toBe(false);
    });

    it('a bad --format or --duplicates value: exit 2', () => {
      expect(fails(imp(f('readings.csv'), 'out-opt', '--format', 'xml'), 2).stderr).toContain('--format');
      expect(fails(imp(f('readings.csv'), 'out-opt', '--duplicates', 'keep'), 2).stderr).toContain('--duplicates');
      expect(fails(imp(f('no-such.csv'), 'out-opt'), 2).stderr).toContain('no-such.csv');
    });

    it('Green Button with repeated identical readings: exit 2 mentioning duplicates; --duplicates drop-identical: exit 0', () => {
      const gb = join(SHARED, 'greenbutton/pge-prefixed-interval-block.xml');
      const r = fails(imp(gb, 'out-gb'), 2);
      expect(r.stderr).toMatch(/duplicate/i);
      expect(existsSync(join(dir, 'out-gb'))).toBe(false);
      const d = ok(imp(gb, 'out-gb', '--duplicates', 'drop-identical'));
      expect(d.stderr).toBe('');
      expect(d.stdout).toMatch(/dropped \d+ identical duplicate/);
      expect(mode(join(dir, 'out-gb', 'private.json'))).toBe(0o600);
    });
  });

  describe('meter import of other formats and several registers', () => {
    const DATA = join(repoRoot, 'test/data/formats');
    const impAsync = (input: string, out: string, ...more: string[]) =>
      runAsync('meter', 'import', '--key', f('meter.key.json'), '--meter-id', 'meter-1', '--in', input, '--out', join(dir, out), ...more);
    const registersOf = (out: string) => readJsonFile(join(dir, out, 'log.json')).registers;

    it.concurrent('a PG&E CSV download, told from its content, needs --timezone', async () => {
      const missing = fails(await impAsync(join(DATA, 'pge-fall-back.csv'), 'out-pge'), 2);
      expect(missing.stderr).toContain('--timezone is required for pge-csv files');
      expect(existsSync(join(dir, 'out-pge'))).toBe(false);
      expect(fails(await impAsync(join(DATA, 'pge-fall-back.csv'), 'out-pge', '--timezone', 'Mars/Olympus'), 2).stderr).toContain(
        '--timezone: unknown time zone "Mars/Olympus"',
      );
      const r = ok(await impAsync(join(DATA, 'pge-fall-back.csv'), 'out-pge', '--timezone', 'America/Los_Angeles'));
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain('20 records, 2023-11-05T06:00:00Z to 2023-11-05T11:00:00Z');
      expect(r.stdout).toContain('note: 8 rows in the repeated hour');
      expect(r.stdout).toMatch(/registers: +import\n/);
      expect(registersOf('out-pge')).toEqual(['import']);
    });

    it.concurrent('a bad PG&E row: exit 2 naming the line', async () => {
      const text = readFileSync(join(DATA, 'pge-fall-back.csv'), 'utf8').replace('0.272,kWh', '0.2725,kWh');
      writeFileSync(f('bad-pge.csv'), text);
      const r = fails(await impAsync(f('bad-pge.csv'), 'out-bad-pge', '--timezone', 'America/Los_Angeles'), 2);
      expect(r.stderr.trim()).toBe('meterproof: line 13: USAGE "0.2725" kWh is not a whole number of Wh; values are never rounded');
    });

    it.concurrent('Octopus consumption JSON; --timezone does not apply to it', async () => {
      const r = ok(await impAsync(join(DATA, 'octopus-consumption.json'), 'out-octopus'));
      expect(r.stdout).toContain('24 records, 2023-03-25T22:00:00Z to 2023-03-26T10:00:00Z');
      const tz = fails(await impAsync(join(DATA, 'octopus-consumption.json'), 'out-octopus-tz', '--timezone', 'Europe/London'), 2);
      expect(tz.stderr).toContain('--timezone applies to pge-csv and london-csv files only');
    });

    it.concurrent('the London CSV: --household required when there are several, and only for london-csv', async () => {
      const which = fails(await impAsync(join(DATA, 'london-fall-back.csv'), 'out-london', '--timezone', 'Europe/London'), 2);
      expect(which.stderr).toContain('the file holds 2 households (MAC000002, MAC000003)');
      expect(fails(await impAsync(join(DATA, 'london-fall-back.csv'), 'out-london'), 2).stderr).toContain('--timezone is required for london-csv');
      const r = ok(await impAsync(join(DATA, 'london-fall-back.csv'), 'out-london', '--timezone', 'Europe/London', '--household', 'MAC000003'));
      expect(r.stdout).toContain('13 records, 2012-10-27T21:30:00Z to 2012-10-28T04:00:00Z');
      expect(r.stdout).toContain('note: household MAC000003 (the file holds 2), tariff ToU');
      expect(fails(await impAsync(f('readings.csv'), 'out-hh', '--household', 'MAC000003'), 2).stderr).toContain('--household applies to london-csv files only');
      expect(fails(await impAsync(f('readings.csv'), 'out-hh', '--format', 'london-csv', '--timezone', 'UTC'), 2).stderr).toContain(
        'line 1: expected the header "LCLid,stdorToU,DateTime,KWH/hh (per half hour) "',
      );
    });

    it.concurrent('a CSV with import and export registers: the log commits to both, the private file holds both', async () => {
      writeFileSync(f('net.csv'), 'start,duration_s,import,export\n2012-03-01T00:00:00-08:00,3600,120,0\n2012-03-01T01:00:00-08:00,3600,0,340\n');
      const r = ok(await impAsync(f('net.csv'), 'out-net'));
      expect(r.stdout).toMatch(/registers: +import, export\n/);
      const log = readJsonFile(join(dir, 'out-net', 'log.json')) as { registers: string[]; records: { commitments: string[] }[] };
      expect(log.registers).toEqual(['import', 'export']);
      expect(log.records.map((x) => x.commitments.length)).toEqual([2, 2]);
      const priv = readJsonFile(join(dir, 'out-net', 'private.json')) as { seed: string; readings: { values: number[] }[] };
      secrets.push(priv.seed);
      expect(priv.readings.map((x) => x.values)).toEqual([[120, 0], [0, 340]]);
      // PG&E net-metering downloads give the same two registers.
      writeFileSync(f('net-pge.csv'), 'TYPE,DATE,START TIME,END TIME,IMPORT (kWh),EXPORT (kWh),COST,NOTES\nElectric usage,2024-06-01,12:00,12:59,0.1,1.25,$0.00,\n');
      ok(await impAsync(f('net-pge.csv'), 'out-net-pge', '--timezone', 'America/Los_Angeles'));
      expect(registersOf('out-net-pge')).toEqual(['import', 'export']);
    });
  });

  describe('tariff import-urdb of tariffs with demand charges', () => {
    const urdb = readdirSync(join(SHARED, 'urdb')).filter((n) => n.endsWith('.json'));
    // PG&E BEV-2-S, SCE TOU-EV-9 and SDG&E EV-HP charge for reactive power, which the meter does not measure.
    const reactive = new Set(['pge-bev-2-s.json', 'sce-tou-ev-9.json', 'sdge-ev-hp.json']);
    it('there are fixtures', () => expect(urdb.length).toBeGreaterThan(0));
    it.concurrent.each(urdb)('%s: imports, or is refused naming the reactive charge until it is left out', async (name) => {
      const out = f(`urdb-${name}`);
      const args = ['tariff', 'import-urdb', '--in', join(SHARED, 'urdb', name), '--timezone', 'America/Los_Angeles', '--out', out];
      if (reactive.has(name)) {
        const r = fails(await runAsync(...args), 2);
        expect(r.stderr).toMatch(/reactive power demand charge/);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(existsSync(out)).toBe(false);
        const ok = await runAsync(...args, '--leave-out', 'demandreactivepowercharge');
        expect(ok.status).toBe(0);
        expect(ok.stdout).toMatch(/omitted/);
      } else {
        const ok = await runAsync(...args);
        expect(ok.status).toBe(0);
      }
      // SCE TOU-EV-9's flat demand rate is zero, so it prices no demand.
      const hasDemand = JSON.parse(readFileSync(out, 'utf8')).components.some((c: { kind: string }) => c.kind === 'demand');
      expect(hasDemand).toBe(name !== 'sce-tou-ev-9.json');
    });
  });
});
