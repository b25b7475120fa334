/**
 * Disclosures and the meter's signed layout: the answers are about the registers the meter names, in
 * the unit it counts in, and about the query the recipient asked for.
 *
 * The relabelling attack here was accepted by the code before records signed their layout: a user
 * renamed the registers of an import/export log to [export, import] in both the log and the query, and
 * the recipient verified "import total" = the export total.
 */
// @ts-nocheck

import { describe, expect, it } from 'vitest';
import { seededRng } from '../../src/core/rng.js';
import type { Disclosure } from '../../src/disclosure/message.js';
import { proveDisclosure } from '../../src/disclosure/prove.js';
import type { QueryItem } from '../../src/disclosure/query.js';
import { verifyDisclosure } from '../../src/disclosure/verify.js';
import { buildLog, type MeterInterval } from '../../src/meter/log.js';
import { EXPIRES, HOUR, meter, NOW, RECIPIENT, T0, user } from './fixtures.js';

const hours: MeterInterval[] = Array.from({ length: 24 }, (_, i) => ({ start: T0 + i * HOUR, duration: HOUR, values: [100 + i, 1000 + 7 * i] }));
const importTotal = hours.reduce((s, iv) => s + iv.values[0]!, 0);
const exportTotal = hours.reduce((s, iv) => s + iv.values[1]!, 0);
const day = { from: '2012-03-10T08:00:00Z', to: '2012-03-11T08:00:00Z' };
/** "The import total of the day", as the recipient asks it. */
const items: QueryItem[] = [{ kind: 'sum', ...day, register: 'import' }];

/** A two-register log the meter signs with these names; the same seed and values give the same commitments. */
const log = (registers: string[], unit = 'Wh') => buildLog({ meter: 'home-7', key: meter.secret, seed: seededRng('disclosure-layout/seed')(32), intervals: hours, registers, unit });
const query = (registers: string[], its = items) => ({ v: 1, type: 'meterproof/query', meter: 'home-7', registers, items: its });
const prove = (l: ReturnType<typeof log>, registers: string[]) =>
  proveDisclosure({ query: query(registers), terms: { recipient: RECIPIENT, purpose: 'planning', expires: EXPIRES }, log: l.log, priv: l.priv, userKey: user.secret, now: NOW, rng: seededRng('disclosure-layout') }).disclosure;
const verify = (d: unknown, over: Record<string, unknown> = {}) => verifyDisclosure({ disclosure: d, meterKey: meter.public, userKey: user.public, recipient: RECIPIENT, now: NOW, ...over });
const reason = (d: unknown, over: Record<string, unknown> = {}) => {
  const r = verify(d, over);
  return r.ok ? 'accepted' : r.reason;
};

const real = log(['import', 'export']);
const honest = prove(real, ['import', 'export']);

/**
 * What a prover that skips every layout check would send: proven as though the meter had signed
 * `claimed`, carrying the meter's real signed end of the chain (the commitments are the meter's).
 */
function forged(claimed: string[], unit = 'Wh'): Disclosure {
  const d = prove(log(claimed, unit), claimed);
  expect(d.records.items).toEqual(honest.records.items);
  return { ...d, records: { ...d.records, lastHash: honest.records.lastHash, lastSignature: honest.records.lastSignature } };
}

describe('disclosures: the signed layout', () => {
  it('an honest disclosure names the meter\'s unit and labels each answer by the signed register name (control)', () => {
    const r = verify(honest);
    expect(r).toMatchObject({ ok: true, unit: 'Wh', answers: [{ register: 'import', value: String(importTotal) }] });
    expect(honest.records.layout).toEqual({ unit: 'Wh', registers: ['import', 'export'] });
  });

  it('renaming the registers in the log and the query: the prover finds the log does not match its hashes', () => {
    const renamed = { ...structuredClone(real.log), registers: ['export', 'import'] };
    const priv = { ...structuredClone(real.priv), registers: ['export', 'import'] };
    expect(() =>
      proveDisclosure({ query: query(['export', 'import']), terms: { recipient: RECIPIENT, purpose: 'planning', expires: EXPIRES }, log: renamed, priv, userKey: user.secret, now: NOW }),
    ).toThrow(expect.objectContaining({ code: 'log.chain' }));
    // And the query alone renamed: refused by name.
    expect(() => prove(real, ['export', 'import'])).toThrow(/the query names registers \[export, import\], but the meter log has \[import, export\]/);
  });

  it('a disclosure carrying the renamed layout over the meter\'s records (export answered as import): chain.hash', () => {
    const d = forged(['export', 'import']);
    expect(d.answers).toEqual([String(exportTotal)]);
    expect(reason(d)).toBe('chain.hash');
  });

  it('the same disclosure carrying the meter\'s true layout under the renamed query: meter.registers', () => {
    const d = forged(['export', 'import']);
    d.records.layout = { unit: 'Wh', registers: ['import', 'export'] };
    expect(verify(d)).toEqual({ ok: false, reason: 'meter.registers', detail: 'the query names registers [export, import], but the meter has [import, export]' });
  });

  it('an edited unit: chain.hash, whether in an honest disclosure or a forged one', () => {
    expect(reason({ ...honest, records: { ...honest.records, layout: { unit: 'kWh', registers: ['import', 'export'] } } })).toBe('chain.hash');
    // A meter that counts in kWh cannot have its answers passed off as Wh.
    const kwh = log(['import', 'export'], 'kWh');
    const d = prove(kwh, ['import', 'export']);
    expect(verify(d)).toMatchObject({ ok: true, unit: 'kWh' });
    expect(reason({ ...d, records: { ...d.records, layout: { unit: 'Wh', registers: ['import', 'export'] } } })).toBe('chain.hash');
  });

  it('a layout that does not fit the records: records.registers or malformed.schema', () => {
    expect(reason({ ...honest, records: { ...honest.records, layout: { unit: 'Wh', registers: ['import'] } } })).toBe('records.registers');
    expect(reason({ ...honest, records: { ...honest.records, layout: { unit: 'Wh', registers: ['import', 'import'] } } })).toBe('malformed.schema');
    expect(reason({ ...honest, records: { ...honest.records, layout: undefined } })).toBe('malformed.schema');
  });
});

describe('disclosures: the query the recipient asked for', () => {
  it('the same query, even written with other key order, is accepted', () => {
    const asked = JSON.parse(JSON.stringify({ items, registers: ['import', 'export'], meter: 'home-7', type: 'meterproof/query', v: 1 }));
    expect(reason(honest, { query: asked })).toBe('accepted');
  });

  it('any other query, though the user validly consented to it: query.mismatch', () => {
    // The recipient asked for the import total; the user consented to, and proved, the export total.
    const other = proveDisclosure({
      query: query(['import', 'export'], [{ kind: 'sum', ...day, register: 'export' }]),
      terms: { recipient: RECIPIENT, purpose: 'planning', expires: EXPIRES },
      log: real.log,
      priv: real.priv,
      userKey: user.secret,
      now: NOW,
    }).disclosure;
    expect(reason(other)).toBe('accepted');
    expect(verify(other, { query: query(['import', 'export']) })).toMatchObject({ ok: false, reason: 'query.mismatch', detail: expect.stringMatching(/^the disclosure answers another query \(digest [0-9a-f]{16}…\) than the one asked for \([0-9a-f]{16}…\)$/) });
    // A query that differs only in its register names is another query too.
    expect(reason(honest, { query: query(['export', 'import']) })).toBe('query.mismatch');
  });

  it('an expected query that is not a query: malformed.query, never a throw', () => {
    expect(verify(honest, { query: { v: 1 } })).toMatchObject({ ok: false, reason: 'malformed.query', detail: expect.stringMatching(/^the query asked for: query:/) });
  });
});
