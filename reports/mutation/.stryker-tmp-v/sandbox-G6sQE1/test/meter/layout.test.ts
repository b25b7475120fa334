/**
 * The meter signs its unit and register names (src/meter/layout.ts): every record's hash includes the
 * layout digest, so nobody can relabel a register or change the unit of a signed run. Bills: the verifier
 * recomputes the chain with the layout the bill carries and checks it against the tariff.
 *
 * The attacks here were accepted by the code before records signed their layout: a user whose meter
 * lists export first renamed the log's registers to the tariff's order and was billed for export at the
 * import price; a user whose meter counts in kWh edited the log's unit to Wh and paid a thousandth.
 */
// @ts-nocheck

import { describe, expect, it } from 'vitest';
import { proveBill } from '../../src/bill/prove.js';
import { verifyBill } from '../../src/bill/verify.js';
import type { Bill } from '../../src/bill/message.js';
import { fromHex, toHex } from '../../src/core/bytes.js';
import { seededRng } from '../../src/core/rng.js';
import { layoutDigest, tariffLayoutFault } from '../../src/meter/layout.js';
import { buildLog, type MeterInterval } from '../../src/meter/log.js';
import { GENESIS_PREV, recordHash } from '../../src/meter/record.js';
import { keys, signed, touTariff } from '../helpers.js';

const meter = keys('meter', 'layout-meter');
const provider = keys('provider', 'layout-provider');
const T0 = 1309503600; // 2011-07-01T00:00:00-07:00
const DAY = '2011-07-01/2011-07-01';
/** Import is small, export large: charging export as import shows in the fee. */
const hours: MeterInterval[] = Array.from({ length: 24 }, (_, i) => ({ start: T0 + 3600 * i, duration: 3600, values: [100 + i, 1000 + 7 * i] }));
const daily = { kind: 'fixed', name: 'daily', amount: '5000000', per: 'day' };
/** Energy at the TOU rates on register 0, which the tariff calls import. */
const tariff = (over: Record<string, unknown> = {}) => touTariff({ components: [daily, touTariff().components[1]], ...over });

/** A log the meter signs with this layout; the same seed and values give the same commitments whatever the layout. */
function log(layout: { unit?: string; registers?: string[] }, intervals = hours) {
  return buildLog({ meter: 'home-9', key: meter.secret, seed: seededRng('layout/seed')(32), intervals, ...layout });
}
const swap = (ivs: MeterInterval[]) => ivs.map((iv) => ({ ...iv, values: [iv.values[1]!, iv.values[0]!] }));

const verify = (bill: unknown, st: unknown) => verifyBill({ bill, signedTariff: st, providerKey: provider.public, meterKey: meter.public });
const reason = (bill: unknown, st: unknown) => {
  const r = verify(bill, st);
  return r.ok ? 'accepted' : r.reason;
};

/**
 * The bill a prover that skips every layout check would make: proven over the records as though the meter
 * had signed `claimed`, then carrying the meter's real signed end of the chain. Its commitments are the
 * meter's (same seed, values and seq), so only the layout differs from an honest bill.
 */
function forged(real: ReturnType<typeof log>['log'], claimed: ReturnType<typeof log>, st: unknown): Bill {
  const { bill } = proveBill({ signedTariff: st, log: claimed.log, priv: claimed.priv, account: 'acct', period: DAY });
  expect(bill.records.items.map((it) => it.slice(3))).toEqual(real.records.map((r) => r.commitments));
  const last = real.records[real.records.length - 1]!;
  return { ...bill, records: { ...bill.records, lastHash: last.hash, lastSignature: last.signature } };
}

describe('the record hash covers the layout', () => {
  it('changing the unit, a register name or the order of the names changes every record hash', () => {
    const fields = { meter: 'home-9', seq: 0, start: T0, duration: 3600, registers: [new Uint8Array(32), new Uint8Array(32).fill(1)], prev: GENESIS_PREV };
    const h = (unit: string, registers: string[]) => toHex(recordHash({ ...fields, layout: layoutDigest({ unit, registers }) }));
    const base = h('Wh', ['import', 'export']);
    expect(new Set([base, h('kWh', ['import', 'export']), h('Wh', ['export', 'import']), h('Wh', ['import', 'exports']), h('Wh', ['importe', 'xport'])]).size).toBe(5);
    const real = log({ registers: ['import', 'export'] }).log;
    expect(real.records[0]!.hash).not.toBe(log({ registers: ['export', 'import'] }).log.records[0]!.hash);
    expect(real.records[0]!.commitments).toEqual(log({ registers: ['export', 'import'] }).log.records[0]!.commitments);
  });

  it('the digest frames every name, so names cannot be re-split', () => {
    expect(toHex(layoutDigest({ unit: 'Wh', registers: ['ab', 'c'] }))).not.toBe(toHex(layoutDigest({ unit: 'Wh', registers: ['a', 'bc'] })));
    expect(toHex(layoutDigest({ unit: 'W', registers: ['himport'] }))).not.toBe(toHex(layoutDigest({ unit: 'Wh', registers: ['import'] })));
  });
});

describe('bills: relabelled registers', () => {
  // The meter lists export first; the tariff prices [import, export], energy on register 0 (import).
  const real = log({ registers: ['export', 'import'] }, swap(hours));
  const st = signed(tariff({ registers: ['import', 'export'] }), provider);

  it('renaming the log\'s registers to the tariff\'s order: the prover finds the log does not match its hashes', () => {
    const renamed = { ...structuredClone(real.log), registers: ['import', 'export'] };
    const priv = { ...structuredClone(real.priv), registers: ['import', 'export'] };
    expect(() => proveBill({ signedTariff: st, log: renamed, priv, account: 'acct', period: DAY })).toThrow(
      expect.objectContaining({ code: 'log.chain', message: expect.stringMatching(/record 0 .* does not match its hash \(a record, a commitment, the log's unit or its register names were changed\)/) }),
    );
    // Without renaming, the prover refuses by name.
    expect(() => proveBill({ signedTariff: st, log: real.log, priv: real.priv, account: 'acct', period: DAY })).toThrow(/the tariff prices registers \[import, export\] in that order, but the meter log has \[export, import\]/);
  });

  it('a bill that carries the renamed layout over the meter\'s signed records: chain.hash', () => {
    const claimed = log({ registers: ['import', 'export'] }, swap(hours));
    const b = forged(real.log, claimed, st);
    expect(reason(b, st)).toBe('chain.hash');
    // Control: signed under the claimed layout it would verify, and charge export as import.
    const { bill: as } = proveBill({ signedTariff: st, log: claimed.log, priv: claimed.priv, account: 'acct', period: DAY });
    expect(reason(as, st)).toBe('accepted');
  });

  it('the same bill carrying the meter\'s true layout: meter.registers, naming both orders', () => {
    const b = forged(real.log, log({ registers: ['import', 'export'] }, swap(hours)), st);
    b.records.layout = { unit: 'Wh', registers: ['export', 'import'] };
    expect(verify(b, st)).toEqual({ ok: false, reason: 'meter.registers', detail: 'the tariff prices registers [import, export] in that order, but the meter has [export, import]' });
  });
});

describe('bills: an edited unit', () => {
  const real = log({ unit: 'kWh' }, hours.map((iv) => ({ ...iv, values: [iv.values[0]!] })));
  const st = signed(tariff(), provider);

  it('a kWh log relabelled Wh: the prover finds the log does not match its hashes', () => {
    expect(() => proveBill({ signedTariff: st, log: { ...real.log, unit: 'Wh' }, priv: { ...real.priv, unit: 'Wh' }, account: 'acct', period: DAY })).toThrow(expect.objectContaining({ code: 'log.chain' }));
    expect(() => proveBill({ signedTariff: st, log: real.log, priv: real.priv, account: 'acct', period: DAY })).toThrow(/the meter log counts in kWh, but the tariff prices Wh/);
    expect(() => proveBill({ signedTariff: st, log: real.log, priv: { ...real.priv, unit: 'Wh' }, account: 'acct', period: DAY })).toThrow(/the meter log counts in kWh/);
  });

  it('a bill claiming Wh over kWh records: chain.hash; claiming the true kWh: meter.unit', () => {
    const b = forged(real.log, log({ unit: 'Wh' }, hours.map((iv) => ({ ...iv, values: [iv.values[0]!] }))), st);
    expect(reason(b, st)).toBe('chain.hash');
    b.records.layout = { unit: 'kWh', registers: ['import'] };
    expect(verify(b, st)).toEqual({ ok: false, reason: 'meter.unit', detail: 'the meter counts in kWh, but the tariff prices Wh' });
  });

  it('an honest bill with its unit or a register name edited: chain.hash', () => {
    const honest = log({}, hours.map((iv) => ({ ...iv, values: [iv.values[0]!] })));
    const { bill } = proveBill({ signedTariff: st, log: honest.log, priv: honest.priv, account: 'acct', period: DAY });
    expect(reason(bill, st)).toBe('accepted');
    expect(reason({ ...bill, records: { ...bill.records, layout: { unit: 'kWh', registers: ['import'] } } }, st)).toBe('chain.hash');
    expect(reason({ ...bill, records: { ...bill.records, layout: { unit: 'Wh', registers: ['Import'] } } }, st)).toBe('chain.hash');
    // The layout must name as many registers as the records commit to, and differ by name.
    expect(reason({ ...bill, records: { ...bill.records, layout: { unit: 'Wh', registers: ['import', 'export'] } } }, st)).toBe('malformed.schema');
    expect(reason({ ...bill, records: { ...bill.records, layout: { unit: 'Wh', registers: ['a', 'a'] }, registers: 2 } }, st)).toBe('malformed.schema');
    expect(reason({ ...bill, records: { ...bill.records, layout: undefined } }, st)).toBe('malformed.schema');
  });
});

describe('bills under a tariff that names no registers', () => {
  // The rule: such a tariff prices one register called import, whatever else it is called elsewhere.
  const unnamed = signed(tariff(), provider);

  it('a two-register log: the prover and the verifier refuse it (register 0 could be export)', () => {
    const two = log({ registers: ['import', 'export'] });
    expect(() => proveBill({ signedTariff: unnamed, log: two.log, priv: two.priv, account: 'acct', period: DAY })).toThrow(
      /the tariff names no registers, so it prices one register, import, but the meter log has \[import, export\]: a tariff for this meter must name the registers it prices/,
    );
    const named = signed(tariff({ registers: ['import', 'export'] }), provider);
    const { bill } = proveBill({ signedTariff: named, log: two.log, priv: two.priv, account: 'acct', period: DAY });
    expect(reason(bill, named)).toBe('accepted');
    // The same signed run presented under the unnamed tariff (the bill re-pointed at it).
    expect(verify({ ...bill, tariff: unnamed.digest }, unnamed)).toMatchObject({ ok: false, reason: 'meter.registers', detail: expect.stringMatching(/names no registers/) });
  });

  it('a one-register log of another name (an export-only meter): refused the same way', () => {
    const exp = log({ registers: ['export'] }, hours.map((iv) => ({ ...iv, values: [iv.values[1]!] })));
    expect(() => proveBill({ signedTariff: unnamed, log: exp.log, priv: exp.priv, account: 'acct', period: DAY })).toThrow(/names no registers/);
    const named = signed(tariff({ registers: ['export'] }), provider);
    const { bill } = proveBill({ signedTariff: named, log: exp.log, priv: exp.priv, account: 'acct', period: DAY });
    expect(reason({ ...bill, tariff: unnamed.digest }, unnamed)).toBe('meter.registers');
  });

  it('a one-register import log is what it prices (control)', () => {
    expect(tariffLayoutFault({ unit: 'Wh', registers: ['import'] }, { unit: 'Wh' }, 'the meter')).toBeNull();
    const one = log({}, hours.map((iv) => ({ ...iv, values: [iv.values[0]!] })));
    const { bill } = proveBill({ signedTariff: unnamed, log: one.log, priv: one.priv, account: 'acct', period: DAY });
    expect(reason(bill, unnamed)).toBe('accepted');
    expect(bill.records.layout).toEqual({ unit: 'Wh', registers: ['import'] });
  });
});

describe('the verifier recomputes the chain from the layout it is given', () => {
  it('a run re-signed under another layout is a different run (sanity of the test helper)', () => {
    const a = log({ registers: ['import', 'export'] });
    let h: Uint8Array = GENESIS_PREV;
    const L = layoutDigest({ unit: 'Wh', registers: ['import', 'export'] });
    for (const r of a.log.records) h = recordHash({ meter: 'home-9', layout: L, seq: r.seq, start: r.start, duration: r.duration, registers: r.commitments.map((c) => fromHex(c)), prev: h });
    expect(toHex(h)).toBe(a.log.records.at(-1)!.hash);
  });
});
