/**
 * The provider-side commands: `log verify` (a log on its own), `tariff show` (a tariff in words) and
 * `bill verify` of several bills in one batch (verifyBills), each with --json.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fails, ok, repoRoot, run } from './run-cli.js';

let dir: string;
const f = (n: string) => join(dir, n);
const oneJson = (s: string) => {
  const lines = s.split('\n').filter((l) => l.trim() !== '');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!) as Record<string, unknown>;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'meterproof-provider-'));
  for (const role of ['provider', 'meter']) ok(run(['keygen', '--role', role, '--out', dir]));
  const rows = ['start,duration_s,wh'];
  for (let d = 1; d <= 2; d++) for (let h = 0; h < 24; h++) rows.push(`2012-03-0${d}T${String(h).padStart(2, '0')}:00:00-08:00,3600,${300 + h}`);
  writeFileSync(f('readings.csv'), rows.join('\n') + '\n');
  ok(run(['meter', 'import', '--key', f('meter.key.json'), '--meter-id', 'm-1', '--in', f('readings.csv'), '--out', dir]));
  ok(run(['tariff', 'import-urdb', '--in', join(repoRoot, 'demo/data/residential-tou.urdb.json'), '--timezone', 'America/Los_Angeles', '--out', f('tariff.json')]));
  ok(run(['tariff', 'sign', '--key', f('provider.key.json'), '--in', f('tariff.json'), '--out', f('tariff.signed.json')]));
  for (const [name, period] of [['b1.json', '2012-03-01/2012-03-01'], ['b2.json', '2012-03-02/2012-03-02']]) {
    ok(run(['bill', 'prove', '--tariff', f('tariff.signed.json'), '--log', f('log.json'), '--private', f('private.json'), '--account', 'a', '--period', period!, '--out', f(name!)]));
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('meterproof log verify', () => {
  it('a valid log: exit 0, what it covers; --json one object', () => {
    expect(ok(run(['log', 'verify', '--log', f('log.json'), '--meter-key', f('meter.pub.json')])).stdout).toContain(
      'VALID: meter m-1, 48 records from 2012-03-01T08:00:00Z to 2012-03-03T08:00:00Z (seq 0 on)',
    );
    const j = oneJson(ok(run(['log', 'verify', '--log', f('log.json'), '--meter-key', f('meter.pub.json'), '--json'])).stdout);
    expect(j).toMatchObject({ ok: true, meter: 'm-1', records: 48, unit: 'Wh', registers: ['import'] });
  });

  it('a changed commitment, a changed signature, a dropped record, another meter key: exit 1 with the reason', () => {
    const log = JSON.parse(readFileSync(f('log.json'), 'utf8')) as { records: { commitments: string[]; signature: string }[] };
    const variants: [string, (l: typeof log) => void, string][] = [
      ['swap.json', (l) => ([l.records[3]!.commitments, l.records[4]!.commitments] = [l.records[4]!.commitments, l.records[3]!.commitments]), 'chain.hash'],
      ['sig.json', (l) => (l.records[5]!.signature = l.records[6]!.signature), 'meter.signature'],
      ['gap.json', (l) => l.records.splice(10, 1), 'records.gap'],
    ];
    for (const [name, edit, reason] of variants) {
      const l = structuredClone(log);
      edit(l);
      writeFileSync(f(name), JSON.stringify(l));
      const j = oneJson(fails(run(['log', 'verify', '--log', f(name), '--meter-key', f('meter.pub.json'), '--json']), 1).stdout);
      expect(j.reason, name).toBe(reason);
    }
    ok(run(['keygen', '--role', 'meter', '--out', join(dir, 'other')]));
    const other = oneJson(fails(run(['log', 'verify', '--log', f('log.json'), '--meter-key', join(dir, 'other/meter.pub.json'), '--json']), 1).stdout);
    expect(other.reason).toBe('meter.key');
  });
});

describe('meterproof tariff show', () => {
  it('a signed tariff in words, with its rates per kWh and the hours they apply; the signature checked with --provider-key', () => {
    const r = ok(run(['tariff', 'show', '--tariff', f('tariff.signed.json'), '--provider-key', f('provider.pub.json')]));
    expect(r.stdout).toContain('(signature checked)');
    expect(r.stdout).toContain('fixed charge: 0.39 USD per day');
    expect(r.stdout).toContain('Winter Off-Peak 0.36895 USD/kWh, Winter Peak (4-9 pm) 0.40235 USD/kWh');
    expect(r.stdout).toContain('every day, Jun-Sep: 0-15h Summer Off-Peak, 16-20h Summer Peak (4-9 pm), 21-23h Summer Off-Peak');
    const j = oneJson(ok(run(['tariff', 'show', '--tariff', f('tariff.json'), '--json'])).stdout);
    expect(j).toMatchObject({ ok: true, signed: false });
    expect((j.lines as string[]).some((l) => l.includes('0.39 USD per day'))).toBe(true);
  });

  it('a signature that does not check: exit 1 with the reason', () => {
    ok(run(['keygen', '--role', 'provider', '--out', join(dir, 'other')]));
    const j = oneJson(fails(run(['tariff', 'show', '--tariff', f('tariff.signed.json'), '--provider-key', join(dir, 'other/provider.pub.json'), '--json']), 1).stdout);
    expect(j).toMatchObject({ ok: false, reason: 'tariff.signature' });
  });
});

describe('meterproof bill verify with several bills', () => {
  const args = (...bills: string[]) => ['bill', 'verify', '--tariff', f('tariff.signed.json'), '--provider-key', f('provider.pub.json'), '--meter-key', f('meter.pub.json'), '--bill', ...bills];

  it('all accepted: exit 0, one line per bill and a count; --json one object with each result', () => {
    const r = ok(run(args(f('b1.json'), f('b2.json'))));
    expect(r.stdout).toContain(`${f('b1.json')}: ACCEPTED: fee`);
    expect(r.stdout).toContain(`${f('b2.json')}: ACCEPTED: fee`);
    expect(r.stdout).toContain('2 of 2 bills accepted');
    const j = oneJson(ok(run([...args(f('b1.json'), f('b2.json')), '--json'])).stdout);
    expect(j).toMatchObject({ ok: true, accepted: 2, rejected: 0 });
    expect((j.bills as { file: string; ok: boolean }[]).map((b) => [b.file, b.ok])).toEqual([[f('b1.json'), true], [f('b2.json'), true]]);
  });

  it('one forged among them: exit 1, that one rejected with the reason it has alone (the proof of the fee), the others accepted', () => {
    const b = JSON.parse(readFileSync(f('b2.json'), 'utf8')) as { fee: string };
    const i = b.fee.indexOf('.') - 1;
    b.fee = b.fee.slice(0, i) + String((Number(b.fee[i]) + 1) % 10) + b.fee.slice(i + 1);
    writeFileSync(f('forged.json'), JSON.stringify(b));
    const j = oneJson(fails(run([...args(f('b1.json'), f('forged.json'), f('b2.json')), '--json']), 1).stdout);
    expect(j).toMatchObject({ ok: false, accepted: 2, rejected: 1 });
    const bills = j.bills as { ok: boolean; reason?: string }[];
    expect(bills.map((x) => x.ok)).toEqual([true, false, true]);
    expect(bills[1]!.reason).toBe('proof.linear');
  });
});
