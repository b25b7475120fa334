/**
 * Every message issue 9 lists, by its text: each names the file, the place and the fix. Commander's own
 * errors look like the rest (one `meterproof: …` line, exit 2); help marks required options and ends
 * with an example; `meterproof help bill prove` is the help of `bill prove`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fails, message, ok, repoRoot, run } from './run-cli.js';

let dir: string;
const f = (n: string) => join(dir, n);
const URDB = join(repoRoot, 'demo/data/residential-tou.urdb.json');
const NIST = join(repoRoot, 'demo/data/nist-inland-single-family-2011-hourly.xml');
const NET =
  'net metering is supported with two registers: import the readings as a CSV with columns start,duration_s,import,export (both non-negative Wh), and bill them with a net-energy tariff (tariff import-urdb --export-credit)';

function csv(rows: string[]): string {
  return ['start,duration_s,wh', ...rows].join('\n') + '\n';
}
function days(): string[] {
  const rows: string[] = [];
  for (let d = 1; d <= 2; d++) for (let h = 0; h < 24; h++) rows.push(`2012-03-0${d}T${String(h).padStart(2, '0')}:00:00-08:00,3600,${200 + h}`);
  return rows;
}
const imp = (input: string, out = 'never') => ['meter', 'import', '--key', f('meter.key.json'), '--meter-id', 'm-1', '--in', input, '--out', f(out)];
const verify = (bill: string, ...more: string[]) => [
  'bill', 'verify', '--tariff', f('tariff.signed.json'), '--provider-key', f('provider.pub.json'), '--meter-key', f('meter.pub.json'), '--bill', bill, ...more,
];
const editBill = (name: string, edit: (b: Record<string, unknown>) => void): string => {
  const b = JSON.parse(readFileSync(f('bill.json'), 'utf8')) as Record<string, unknown>;
  edit(b);
  writeFileSync(f(name), JSON.stringify(b));
  return f(name);
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'meterproof-msg-'));
  for (const role of ['provider', 'meter', 'user']) ok(run(['keygen', '--role', role, '--out', dir]));
  writeFileSync(f('readings.csv'), csv(days()));
  ok(run(imp(f('readings.csv'), '.')));
  ok(run(['tariff', 'import-urdb', '--in', URDB, '--timezone', 'America/Los_Angeles', '--out', f('tariff.json')]));
  ok(run(['tariff', 'sign', '--key', f('provider.key.json'), '--in', f('tariff.json'), '--out', f('tariff.signed.json')]));
  ok(run(['bill', 'prove', '--tariff', f('tariff.signed.json'), '--log', f('log.json'), '--private', f('private.json'), '--account', 'a', '--period', '2012-03-01/2012-03-02', '--out', f('bill.json')]));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the messages of issue 9, by their text', () => {
  it('an empty --in file: names the file, says it is empty and what to give', () => {
    writeFileSync(f('empty.json'), '');
    expect(message(fails(run(imp(f('empty.json'))), 2))).toBe(
      `meterproof: readings file ${f('empty.json')} is empty (0 bytes): give --in the file the readings were saved to (Green Button XML, CSV or Octopus JSON)`,
    );
  });

  it('a fee changed in its tens digit: blamed on the proof of the fee, not on the rounding', () => {
    const bill = editBill('tens.json', (b) => {
      const [int, frac] = (b.fee as string).split('.');
      b.fee = `${Number(int) + 10}.${frac}`;
    });
    const r = fails(run(verify(bill)), 1);
    expect(r.stdout).toContain('REJECTED (proof.linear): the proof for the fee does not verify: the fee is not the tariff applied to these records');
  });

  it('bill verify --period 2011-13: a usage error (exit 2) saying there is no month 13, not period.mismatch', () => {
    expect(message(fails(run(verify(f('bill.json'), '--period', '2011-13')), 2))).toBe(
      'meterproof: --period 2011-13: there is no month 13 (months are 01 to 12); use YYYY-MM for a month (e.g. 2011-07) or YYYY-MM-DD/YYYY-MM-DD for whole days, both included',
    );
    expect(message(fails(run(verify(f('bill.json'), '--period', '2012-02-30/2012-03-01')), 2))).toContain('2012-02 has no day 30');
  });

  it('truncated Green Button XML: says it ends too early, where, what is left open, and to fetch it again', () => {
    const xml = readFileSync(NIST, 'utf8');
    const cut = xml.indexOf('</IntervalReading>', 20_000) + '</IntervalReading>'.length;
    writeFileSync(f('cut.xml'), xml.slice(0, cut) + '\n');
    const lines = xml.slice(0, cut).split('\n').length;
    expect(message(fails(run(imp(f('cut.xml'))), 2))).toBe(
      `meterproof: ${f('cut.xml')}: the XML ends at line ${lines} before its <feed> element is closed (<feed>, <entry>, <content>, <IntervalBlock> left open): the file looks truncated; download or copy it again`,
    );
    // Cut inside a tag: the same diagnosis, not the half-written attribute.
    writeFileSync(f('cut2.xml'), xml.slice(0, 5000));
    expect(message(fails(run(imp(f('cut2.xml'))), 2))).toMatch(/cut2\.xml: the XML ends at line \d+ before its <feed> element is closed: the file looks truncated/);
  });

  it('a reading of 2^53 Wh: says it is too large, and the limit', () => {
    writeFileSync(f('big.csv'), csv(['2012-03-01T00:00:00Z,3600,9007199254740992']));
    expect(message(fails(run(imp(f('big.csv'))), 2))).toBe(
      `meterproof: ${f('big.csv')}: line 2: wh "9007199254740992" is too large: a reading is at most 2^48 − 1 = 281474976710655 per interval (check the column's unit: Wh, not mWh)`,
    );
  });

  it('a bill file with a UTF-8 byte-order mark is accepted, like a CSV with one', () => {
    writeFileSync(f('bom.json'), '\uFEFF' + readFileSync(f('bill.json'), 'utf8'));
    expect(ok(run(verify(f('bom.json')))).stdout).toContain('ACCEPTED');
    writeFileSync(f('bom.csv'), '\uFEFF' + csv(days()));
    ok(run(imp(f('bom.csv'), 'bom-out')));
  });

  it('a URDB rate with float noise: names the field, the value, and what to do', () => {
    const u = JSON.parse(readFileSync(URDB, 'utf8')) as { items?: Record<string, unknown>[] } & Record<string, unknown>;
    const item = (u.items ? u.items[0] : u) as { energyratestructure: { rate: number; adj?: number }[][] };
    item.energyratestructure[0]![0]!.rate = 0.1 + 0.2;
    delete item.energyratestructure[0]![0]!.adj;
    writeFileSync(f('noise.json'), JSON.stringify(u));
    expect(message(fails(run(['tariff', 'import-urdb', '--in', f('noise.json'), '--timezone', 'UTC', '--out', f('never.json')]), 2))).toBe(
      `meterproof: ${f('noise.json')}: energyratestructure[0][0] (rate + adj) is 0.30000000000000004 $/kWh: 17 decimal places, but at most 15 can be priced exactly. ` +
        'A value like this is usually floating-point noise: round it in the URDB file to the published rate (e.g. 0.3) and import again',
    );
  });

  it('--item 99999999999999999999999: the number as typed, and how many items there are', () => {
    expect(message(fails(run(['tariff', 'import-urdb', '--in', URDB, '--timezone', 'UTC', '--out', f('never.json'), '--item', '99999999999999999999999']), 2))).toBe(
      `meterproof: --item 99999999999999999999999: ${URDB} has one item (--item 0)`,
    );
  });

  it('amountDue missing: says it is missing and what it should be', () => {
    const bill = editBill('nodue.json', (b) => delete b.amountDue);
    expect(fails(run(verify(bill)), 1).stdout).toMatch(/^REJECTED \(amount\.rounding\): the bill has no amount due; by the tariff's rounding rule it is \d+\.\d\d$/m);
  });

  it('an unsigned tariff passed to bill prove: names the file and says to sign it first, with the command', () => {
    const r = fails(run(['bill', 'prove', '--tariff', f('tariff.json'), '--log', f('log.json'), '--private', f('private.json'), '--account', 'a', '--period', '2012-03', '--out', f('never.json')]), 2);
    expect(message(r)).toBe(
      `meterproof: --tariff ${f('tariff.json')} is a tariff that is not signed; sign it first: meterproof tariff sign --key PROVIDER.key.json --in ${f('tariff.json')} --out SIGNED.json, then give --tariff SIGNED.json`,
    );
  });

  it('a misspelt option (--tarif): unknown, with the right one suggested, before any missing required option', () => {
    const r = fails(run(['bill', 'prove', '--tarif', f('tariff.signed.json'), '--log', f('log.json')]), 2);
    expect(r.stderr).toBe("meterproof: unknown option '--tarif' (did you mean --tariff?) (see meterproof bill prove --help)\n");
  });

  it('a query item of an unknown kind: lists the kinds that exist, naming the file', () => {
    const request = { recipient: 'g', purpose: 'p', expires: '2030-01-01T00:00:00Z', query: { v: 1, type: 'meterproof/query', meter: 'm-1', registers: ['import'], items: [{ kind: 'average', from: '2012-03-01T00:00:00-08:00', to: '2012-03-02T00:00:00-08:00' }] } };
    writeFileSync(f('q.json'), JSON.stringify(request));
    const r = fails(run(['disclose', '--query', f('q.json'), '--log', f('log.json'), '--private', f('private.json'), '--key', f('user.key.json'), '--out', f('never.json')]), 2);
    expect(message(r)).toBe(`meterproof: ${f('q.json')}: query: items.0.kind: "average" is not a kind of query item; the kinds are reading, sum, daily, linear, threshold, max`);
  });

  it('a negative reading: says how net metering is done, in Green Button and CSV alike', () => {
    const xml = readFileSync(NIST, 'utf8').replace(/<value>\d+<\/value>/, '<value>-5</value>');
    writeFileSync(f('neg.xml'), xml);
    expect(message(fails(run(imp(f('neg.xml'))), 2))).toBe(
      `meterproof: ${f('neg.xml')}: IntervalBlock 1, IntervalReading 1: value -5 is negative (energy exported); a net reading cannot be split into import and export: ${NET}`,
    );
    writeFileSync(f('neg.csv'), csv(['2012-03-01T00:00:00Z,3600,-5']));
    expect(message(fails(run(imp(f('neg.csv'))), 2))).toBe(`meterproof: ${f('neg.csv')}: line 2: wh "-5" is negative: each register counts one direction; ${NET}`);
  });
});

describe('commander looks like the rest', () => {
  it('errors are one meterproof: line with exit 2, naming where the usage is', () => {
    const cases: [string[], string][] = [
      [['bogus'], "meterproof: unknown command 'bogus' (see meterproof --help)"],
      [['bill', 'prove', '--tariff', 'x'], "meterproof: required option '--log <file>' not specified (see meterproof bill prove --help)"],
      [['keygen', '--role'], "meterproof: option '--role <role>' argument missing (see meterproof keygen --help)"],
      [['bill', 'verify', '--bill=x', '--nope=3'], "meterproof: unknown option '--nope' (see meterproof bill verify --help)"],
    ];
    for (const [args, line] of cases) expect(fails(run(args), 2).stderr).toBe(line + '\n');
  });

  it('with --json, a usage error is one JSON object with reason "usage" (documented in the README)', () => {
    const r = fails(run(['bill', 'verify', '--bogus', '--json']), 2);
    expect(JSON.parse(r.stdout)).toEqual({ ok: false, reason: 'usage', detail: "unknown option '--bogus'" });
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    for (const code of ['usage', 'input', 'internal']) expect(readme).toMatch(new RegExp(`\\| \`${code}\``));
  });

  it('meterproof help bill prove prints the help of bill prove', () => {
    const r = ok(run(['help', 'bill', 'prove']));
    expect(r.stdout).toContain('Usage: meterproof bill prove [options]');
    expect(r.stdout).toContain('--private <file>');
  });
});

describe('help texts', () => {
  const leaves = [
    'keygen', 'meter import', 'tariff import-urdb', 'tariff import-prices', 'tariff sign', 'tariff show', 'log verify',
    'bill prove', 'bill verify', 'bill plain', 'disclose', 'disclosure verify', 'demo',
  ];
  it.each(leaves)('meterproof %s --help marks the required options and ends with an example', (cmd) => {
    const r = ok(run([...cmd.split(' '), '--help']));
    const flat = r.stdout.replace(/\n\s+/g, ' ');
    expect(r.stdout).toMatch(new RegExp(`Example:\\n  \\$ meterproof ${cmd} `));
    // Each option the command cannot run without says so.
    const required = cmd === 'keygen' ? ['--role <role>', '--out <dir>'] : cmd === 'bill prove' ? ['--tariff <file>', '--log <file>', '--private <file>', '--account <id>', '--period <period>', '--out <file>'] : [];
    for (const o of required) expect(flat).toMatch(new RegExp(`${o.replace(/[<>]/g, '.')} [^\\n]*?\\(required\\)`));
    expect(flat).not.toMatch(/--force [^(]*\(required\)/);
  });
});
