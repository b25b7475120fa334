/**
 * Disclosures of every kind verify when honest, and every check the verifier makes fails with its
 * specific reason: edited answers, tampered, expired or re-targeted consents, another query, records
 * that are not the signed ones, flipped proof bytes, non-canonical encodings and dishonest provers.
 */
// @ts-nocheck

import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../src/core/bytes.js';
import { signDigest } from '../../src/core/ed25519.js';
import { ORDER } from '../../src/core/scalar.js';
import { consentDigest, signConsent } from '../../src/disclosure/consent.js';
import type { Disclosure } from '../../src/disclosure/message.js';
import { parseQuery, type QueryItem } from '../../src/disclosure/query.js';
import { layoutDigest } from '../../src/meter/layout.js';
import { recordHash } from '../../src/meter/record.js';
import { keys, meterLog } from '../helpers.js';
import { at, EXPIRES, intervals, log, maxOf, meter, NOW, priv, prove, provider, reason, RECIPIENT, sumOf, TZ, user, verify, wh } from './fixtures.js';

const KINDS: Record<string, QueryItem[]> = {
  reading: [{ kind: 'reading', at: at(3, true) }],
  sum: [{ kind: 'sum', from: at(0), to: at(24) }],
  daily: [{ kind: 'daily', from: '2012-03-10', to: '2012-03-12', timezone: TZ }],
  linear: [{ kind: 'linear', terms: [{ at: at(1), coefficient: '3' }, { at: at(2, true), coefficient: '-2' }, { at: at(40), coefficient: '1000' }], constant: '-5' }],
  threshold: [{ kind: 'threshold', from: at(0), to: at(6), threshold: String(sumOf(0, 6)) }],
  below: [{ kind: 'threshold', at: at(7), threshold: String(wh(7) + 1) }],
  max: [{ kind: 'max', from: at(10), to: at(30) }],
};
const EXPECTED: Record<string, (string | boolean)[]> = {
  reading: [String(wh(3))],
  sum: [String(sumOf(0, 24))],
  // 2012-03-11 is 23 hours long in Los Angeles: records 24 to 46.
  daily: [String(sumOf(0, 24)), String(sumOf(24, 47)), String(sumOf(47, 71))],
  linear: [String(3 * wh(1) - 2 * wh(2) + 1000 * wh(40) - 5)],
  threshold: [true],
  below: [false],
  max: [String(maxOf(10, 30))],
};
const proven = Object.fromEntries(Object.entries(KINDS).map(([k, items]) => [k, prove(items).disclosure])) as Record<string, Disclosure>;
const clone = (k: string): Disclosure => structuredClone(proven[k]!);

/** Re-signs a disclosure's record run as the meter would: for tests that need a validly signed bad run. */
function resign(d: Disclosure, meterKeys = meter): Disclosure {
  let h = fromHex(d.records.prev);
  const layout = layoutDigest(d.records.layout);
  for (const [seq, start, duration, ...cs] of d.records.items) h = recordHash({ meter: 'home-7', layout, seq, start, duration, registers: cs.map((c) => fromHex(c)), prev: h });
  d.records.lastHash = toHex(h);
  d.records.lastSignature = toHex(signDigest('meterproof/v1/record', meterKeys.secret.secret, h));
  return d;
}

/** Re-signs the consent with the user's key after an edit (the user consenting to something else). */
function reconsent(d: Disclosure, edit: (c: Disclosure['consent']) => void, key = user.secret): Disclosure {
  edit(d.consent);
  d.consentSignature = toHex(signDigest('meterproof/v1/consent', key.secret, consentDigest(d.consent)));
  return d;
}

describe('honest disclosures verify', () => {
  for (const kind of Object.keys(KINDS)) {
    it(`${kind}: accepted, with the plain answers`, () => {
      const r = verify(proven[kind]);
      expect(r.ok, JSON.stringify(r)).toBe(true);
      if (!r.ok) return;
      expect(r.answers.map((a) => a.value)).toEqual(EXPECTED[kind]);
      expect(r).toMatchObject({ meter: 'home-7', recipient: RECIPIENT, purpose: 'network planning', expires: EXPIRES, user: user.public.kid });
      expect(verify(JSON.stringify(proven[kind])).ok).toBe(true);
    });
  }

  it('includes exactly the records the query touches', () => {
    expect(proven.reading!.records.items).toHaveLength(1);
    expect(proven.reading!.records.firstSeq).toBe(3);
    expect(proven.max!.records.items.map((r) => r[0])).toEqual(Array.from({ length: 20 }, (_, i) => 10 + i));
    expect(proven.linear!.records.items).toHaveLength(40);
  });

  it('an auditor who does not name a recipient can verify too', () => {
    expect(verify(proven.sum, { recipient: undefined }).ok).toBe(true);
  });
});

describe('an answer off by one is rejected by its proof', () => {
  const bump = (a: string | boolean, d: bigint) => (typeof a === 'boolean' ? !a : (BigInt(a) + d).toString());
  const want: Record<string, string> = { reading: 'proof.linear', sum: 'proof.linear', daily: 'proof.linear', linear: 'proof.linear', threshold: 'proof.range', below: 'proof.range', max: 'proof.oneof' };
  for (const kind of Object.keys(KINDS)) {
    it(`${kind}: ${want[kind]}`, () => {
      for (const d of [1n, -1n]) {
        for (let j = 0; j < proven[kind]!.answers.length; j++) {
          const b = clone(kind);
          b.answers[j] = bump(b.answers[j]!, d);
          expect(reason(b)).toBe(want[kind]);
        }
      }
    });
  }
});

describe('dishonest provers are rejected', () => {
  const items = KINDS.max!;
  const values = intervals.slice(10, 30).map((iv) => iv.values[0]!);
  const max = BigInt(maxOf(10, 30));
  const secondMax = BigInt(Math.max(...values.filter((v) => BigInt(v) < max)));

  it('a maximum that is not attained (above the real one): proof.oneof', () => {
    expect(reason(prove(items, { dishonest: () => [max + 1n] }).disclosure)).toBe('proof.oneof');
    expect(reason(prove(items, { dishonest: () => [max + 1000n] }).disclosure)).toBe('proof.oneof');
  });

  it('a maximum below the real one, even one that a record attains: proof.range', () => {
    expect(reason(prove(items, { dishonest: () => [secondMax] }).disclosure)).toBe('proof.range');
    const notAttained = prove(items, { dishonest: () => [max - 1n] }).disclosure;
    expect(['proof.oneof', 'proof.range']).toContain(reason(notAttained));
  });

  it('a threshold answered the wrong way: proof.range', () => {
    expect(reason(prove(KINDS.threshold!, { dishonest: ([a]) => [!a] }).disclosure)).toBe('proof.range');
    expect(reason(prove(KINDS.below!, { dishonest: ([a]) => [!a] }).disclosure)).toBe('proof.range');
  });

  it('a sum that is not the sum: proof.linear', () => {
    expect(reason(prove(KINDS.sum!, { dishonest: ([a]) => [(a as bigint) + 1n] }).disclosure)).toBe('proof.linear');
  });
});

describe('the consent', () => {
  it('any field tampered with: consent.signature (consent.user for another user kid)', () => {
    const edits: Record<string, string> = {
      recipient: 'someone-else',
      purpose: 'marketing',
      queryDigest: '00'.repeat(32),
      issued: '2012-03-01T00:00:00Z',
      expires: '2013-05-01T00:00:00Z',
      meter: 'home-8',
      user: provider.public.kid,
    };
    for (const [field, value] of Object.entries(edits)) {
      const b = clone('sum');
      (b.consent as Record<string, unknown>)[field] = value;
      expect(reason(b, { recipient: undefined }), field).toBe(field === 'user' ? 'consent.user' : 'consent.signature');
    }
    const b = clone('sum');
    const sig = fromHex(b.consentSignature);
    sig[10]! ^= 1;
    b.consentSignature = toHex(sig);
    expect(reason(b)).toBe('consent.signature');
  });

  it('signed by another user, or checked against another user\'s key', () => {
    const mallory = keys('user', 'mallory');
    expect(reason(reconsent(clone('sum'), () => {}, mallory.secret))).toBe('consent.signature');
    expect(reason(proven.sum, { userKey: mallory.public })).toBe('consent.user');
    expect(reason(proven.sum, { userKey: meter.public })).toBe('user.key');
  });

  it('expired, or not yet issued', () => {
    const expires = Date.UTC(2012, 4, 1) / 1000;
    expect(reason(proven.sum, { now: expires })).toBe('consent.expired');
    expect(reason(proven.sum, { now: expires - 1 })).toBe('accepted');
    expect(reason(proven.sum, { now: NOW - 301 })).toBe('consent.not_yet_valid');
    expect(reason(proven.sum, { now: NOW - 300 })).toBe('accepted');
  });

  it('for another recipient', () => {
    expect(reason(proven.sum, { recipient: 'someone-else' })).toBe('consent.recipient');
    expect(reason(proven.sum, { recipient: provider.public.kid.toLowerCase() })).toBe('consent.recipient');
  });

  it('a query other than the consented one: consent.query', () => {
    const b = clone('sum');
    (b.query as { items: { to: string }[] }).items[0]!.to = at(23);
    expect(reason(b)).toBe('consent.query');
    const c = clone('sum');
    (c.query as { registers: string[] }).registers = ['export'];
    expect(reason(c)).toBe('consent.query');
  });

  it('a consent for one meter and a query for another: consent.meter', () => {
    expect(reason(reconsent(clone('sum'), (c) => (c.meter = 'home-8')))).toBe('consent.meter');
  });

  it('cannot be re-targeted: a new consent, even signed by the user, does not carry the old proofs', () => {
    // The user consents to a second recipient; the old proofs are bound to the first consent.
    expect(reason(reconsent(clone('sum'), (c) => (c.recipient = 'second')), { recipient: 'second' })).toBe('proof.linear');
    expect(reason(reconsent(clone('max'), (c) => (c.expires = '2012-06-01T00:00:00Z')))).toBe('proof.oneof');
    expect(reason(reconsent(clone('threshold'), (c) => (c.purpose = 'other')))).toBe('proof.range');
    // The provider's key cannot sign a consent for the user.
    expect(reason(reconsent(clone('sum'), (c) => (c.recipient = 'second'), provider.secret), { recipient: 'second' })).toBe('consent.signature');
  });
});

describe('the records', () => {
  it('a changed commitment: chain.hash', () => {
    const b = clone('sum');
    b.records.items[5]![3] = b.records.items[6]![3]!;
    expect(reason(b)).toBe('chain.hash');
  });

  it('a changed commitment that the meter signed: the proofs fail', () => {
    const b = clone('sum');
    b.records.items[5]![3] = b.records.items[6]![3]!;
    expect(reason(resign(b))).toBe('proof.linear');
  });

  it('a missing record: records.missing at the ends, records.gap inside', () => {
    const first = clone('sum');
    first.records.items.shift();
    first.records.firstSeq = 1;
    expect(reason(first)).toBe('records.missing');
    const last = clone('sum');
    last.records.items.pop();
    expect(reason(last)).toBe('records.missing');
    const mid = clone('sum');
    mid.records.items.splice(5, 1);
    expect(reason(mid)).toBe('records.gap');
  });

  it('a doubled or reordered record', () => {
    const d = clone('sum');
    d.records.items.splice(5, 0, structuredClone(d.records.items[5]!));
    expect(reason(d)).toBe('records.duplicate');
    const o = clone('sum');
    const [x] = o.records.items.splice(5, 1);
    o.records.items.splice(6, 0, x!);
    expect(reason(o)).toBe('records.order');
  });

  it('a record the query does not touch: records.extra', () => {
    const b = clone('reading');
    const r = log.records[4]!;
    b.records.items.push([r.seq, r.start, r.duration, ...r.commitments]);
    b.records.lastHash = r.hash;
    b.records.lastSignature = r.signature;
    expect(reason(b)).toBe('records.extra');
  });

  it('a changed time: records.gap or records.overlap', () => {
    const b = clone('sum');
    b.records.items[5]![1] += 60;
    expect(reason(b)).toBe('records.gap');
    const c = clone('sum');
    c.records.items[5]![1] -= 60;
    expect(reason(c)).toBe('records.overlap');
  });

  it('another meter\'s key, or records of another meter', () => {
    const other = keys('meter', 'other-meter');
    expect(reason(proven.sum, { meterKey: other.public })).toBe('meter.signature');
    expect(reason(resign(clone('sum'), other))).toBe('meter.signature');
    expect(reason(proven.sum, { meterKey: provider.public })).toBe('meter.key');
    const theirs = meterLog(intervals, 'home-7', other).log;
    const b = clone('sum');
    b.records.items = theirs.records.slice(0, 24).map((r) => [r.seq, r.start, r.duration, ...r.commitments] as [number, number, number, ...string[]]);
    b.records.lastHash = theirs.records[23]!.hash;
    b.records.lastSignature = theirs.records[23]!.signature;
    expect(reason(b)).toBe('meter.signature');
  });

  it('records with the wrong number of registers', () => {
    const b = clone('sum');
    b.records.items[3]!.push(b.records.items[3]![3]!);
    expect(reason(b)).toBe('records.registers');
  });

  it('a non-canonical commitment, even one the meter signed: encoding.point', () => {
    const b = clone('sum');
    b.records.items[3]![3] = 'ff'.repeat(32);
    expect(reason(b)).toBe('chain.hash');
    expect(reason(resign(b))).toBe('encoding.point');
  });
});

describe('the proofs and their encodings', () => {
  it('flipped bits: proof.linear, proof.oneof, proof.range (or an encoding reason)', () => {
    const flip = (hex: string, byte: number) => {
      const p = fromHex(hex);
      p[byte]! ^= 1;
      return toHex(p);
    };
    const a = clone('sum');
    a.proof.linear[0] = flip(a.proof.linear[0]!, 32);
    expect(reason(a)).toBe('proof.linear');
    const b = clone('max');
    const k = 20;
    b.proof.oneof[0] = flip(b.proof.oneof[0]!, 32 * k + 3); // inside c_1: canonical, wrong
    expect(reason(b)).toBe('proof.oneof');
    const c = clone('max');
    c.proof.oneof[0] = flip(c.proof.oneof[0]!, 5); // inside R_1
    expect(['encoding.point', 'proof.oneof']).toContain(reason(c));
    const d = clone('threshold');
    const len = fromHex(d.proof.range[0]!).length;
    d.proof.range[0] = flip(d.proof.range[0]!, len - 40);
    expect(['encoding.scalar', 'proof.range']).toContain(reason(d));
    const e = clone('threshold');
    e.proof.range[0] = flip(e.proof.range[0]!, 1);
    expect(['encoding.point', 'proof.range']).toContain(reason(e));
  });

  it('non-canonical scalars and points: encoding.scalar, encoding.point', () => {
    const b = clone('sum');
    const p = fromHex(b.proof.linear[0]!);
    let v = ORDER + 5n;
    for (let i = 0; i < 32; i++, v >>= 8n) p[32 + i] = Number(v & 0xffn);
    b.proof.linear[0] = toHex(p);
    expect(reason(b)).toBe('encoding.scalar');
    const c = clone('sum');
    const q = fromHex(c.proof.linear[0]!);
    q.fill(0xff, 0, 32);
    c.proof.linear[0] = toHex(q);
    expect(reason(c)).toBe('encoding.point');
  });

  it('missing, extra or wrongly sized proofs: proof.count', () => {
    const a = clone('sum');
    a.proof.linear.push(a.proof.linear[0]!);
    expect(reason(a)).toBe('proof.count');
    const b = clone('max');
    b.proof.oneof = [];
    expect(reason(b)).toBe('proof.count');
    const c = clone('max');
    c.proof.oneof[0] = c.proof.oneof[0]!.slice(0, -64);
    expect(reason(c)).toBe('proof.count');
    const d = clone('threshold');
    d.proof.range = [];
    expect(reason(d)).toBe('proof.count');
  });

  it('non-canonical answers and documents', () => {
    const base = proven.sum!;
    const with_ = (f: (d: Disclosure) => void) => {
      const d = structuredClone(base) as Disclosure;
      f(d);
      return reason(d);
    };
    const text = base.answers[0] as string;
    for (const a of ['0' + text, '+' + text, text + '.0', ` ${text}`, Number(text)]) expect(with_((d) => ((d.answers as unknown[])[0] = a))).toBe('malformed.schema');
    expect(with_((d) => (d.answers[0] = '-0'))).toBe('malformed.answer');
    expect(with_((d) => (d.answers[0] = true))).toBe('malformed.answer');
    expect(with_((d) => d.answers.push('1'))).toBe('malformed.answer');
    expect(reason({ ...proven.threshold!, answers: ['1'] })).toBe('malformed.answer');
    expect(reason({ ...proven.max!, answers: ['-1'] })).toBe('malformed.answer');
    expect(with_((d) => (d.records.lastHash = d.records.lastHash.toUpperCase()))).toBe('malformed.schema');
    expect(with_((d) => (d.consentSignature = d.consentSignature.slice(2)))).toBe('malformed.schema');
    expect(reason({ ...base, extra: 1 })).toBe('malformed.schema');
    expect(reason({ ...base, v: 3 })).toBe('unsupported.version');
    expect(reason({ ...base, v: 1 })).toBe('unsupported.version');
    expect(reason({ ...base, consent: { ...base.consent, expires: '2012-05-01T00:00:00.000Z' } })).toBe('malformed.schema');
    expect(reason({ ...base, consent: { ...base.consent, extra: 'x' } })).toBe('malformed.schema');
    const json = JSON.stringify(base);
    expect(reason(json.slice(0, json.length / 2))).toBe('malformed.json');
    expect(reason('')).toBe('malformed.json');
    expect(reason('null')).toBe('malformed.schema');
  });

  it('hostile values never throw', () => {
    const hostile: unknown[] = [undefined, 0, true, {}, [], { v: 1 }, { ...proven.sum, records: null }, { ...proven.sum, query: 'x' }, { ...proven.sum, query: { ...(proven.sum!.query as object), items: [{ kind: 'daily', from: '2012-01-01', to: '2099-01-01', timezone: TZ }] } }, { ...proven.sum, proof: { linear: ['zz'], oneof: [], range: [] } }];
    for (const h of hostile) {
      expect(() => verify(h)).not.toThrow();
      expect(verify(h).ok).toBe(false);
    }
    expect(verify(proven.sum, { now: Number.NaN }).ok).toBe(false);
  });
});

describe('the prover refuses what it cannot answer exactly', () => {
  it('a window that splits a record, or an instant inside one: query.alignment', () => {
    const mid = new Date((intervals[3]!.start + 1800) * 1000).toISOString().replace('.000Z', 'Z');
    expect(() => prove([{ kind: 'sum', from: mid, to: at(6) }])).toThrow(expect.objectContaining({ code: 'query.alignment' }));
    expect(() => prove([{ kind: 'reading', at: mid }])).toThrow(expect.objectContaining({ code: 'query.alignment' }));
  });

  it('records the log does not have: query.records', () => {
    expect(() => prove([{ kind: 'sum', from: at(60), to: at(80) }])).toThrow(expect.objectContaining({ code: 'query.records' }));
    expect(() => prove([{ kind: 'daily', from: '2012-03-12', to: '2012-03-13', timezone: TZ }])).toThrow(expect.objectContaining({ code: 'query.records' }));
  });

  it('an expired consent, a key that is not the user\'s, another meter or unknown register', () => {
    expect(() => prove(KINDS.sum!, { terms: { recipient: 'x', purpose: 'y', expires: '2012-03-01T00:00:00Z' } })).toThrow(expect.objectContaining({ code: 'consent.invalid' }));
    expect(() => prove(KINDS.sum!, { userKey: meter.secret })).toThrow(expect.objectContaining({ code: 'key.invalid' }));
    expect(() => prove([{ kind: 'sum', from: at(0), to: at(2), register: 'export' }])).toThrow(expect.objectContaining({ code: 'query.invalid' }));
    expect(() => signConsent(parseQuery({ v: 1, type: 'meterproof/query', meter: 'home-7', registers: ['import'], items: KINDS.sum }), { recipient: 'a\u0000b', purpose: 'p', expires: EXPIRES }, user.secret)).toThrow(expect.objectContaining({ code: 'consent.invalid' }));
    expect(priv.meter).toBe('home-7');
  });
});
