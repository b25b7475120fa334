// @ts-nocheck
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { proveBill } from '../../src/bill/prove.js';
import { proveDisclosure } from '../../src/disclosure/prove.js';
import { fromHex, toHex } from '../../src/core/bytes.js';
import { verifyDigest } from '../../src/core/ed25519.js';
import { generateKey, parsePublicJwk, parseSecretJwk } from '../../src/core/keys.js';
import { commit } from '../../src/core/pedersen.js';
import { seededRng } from '../../src/core/rng.js';
import { READING_MAX, RECORDS_MAX } from '../../src/core/bounds.js';
import { buildLog, LogFileSchema, parseLogFile, parsePrivateFile, PrivateFileSchema } from '../../src/meter/log.js';
import { layoutDigest } from '../../src/meter/layout.js';
import { opening } from '../../src/meter/openings.js';
import { GENESIS_PREV, recordHash } from '../../src/meter/record.js';
import { keys, signed, touTariff } from '../helpers.js';

const meter = keys('meter');
const hour = (i: number, v = i) => ({ start: 1_300_000_000 + 3600 * i, duration: 3600, values: [v] });
const seed = seededRng('meter-test')(32);

describe('meter log', () => {
  const { log, priv } = buildLog({ meter: 'm-1', key: meter.secret, seed, intervals: [0, 1, 2, 3].map((i) => hour(i)) });

  it('chains every record to the one before and signs each hash', () => {
    let prev: Uint8Array = GENESIS_PREV;
    const layout = layoutDigest({ unit: 'Wh', registers: ['import'] });
    for (const r of log.records) {
      const h = recordHash({ meter: 'm-1', layout, seq: r.seq, start: r.start, duration: r.duration, registers: r.commitments.map((c) => fromHex(c)), prev });
      expect(toHex(h)).toBe(r.hash);
      expect(verifyDigest('meterproof/v1/record', meter.public.bytes, h, fromHex(r.signature))).toBe(true);
      expect(verifyDigest('meterproof/v1/tariff', meter.public.bytes, h, fromHex(r.signature))).toBe(false); // context separates uses
      prev = h;
    }
  });

  it('commits to each reading with the opening derived from the seed', () => {
    log.records.forEach((r, i) => expect(toHex(commit(priv.readings[i]!.values[0]!, opening(seed, 'm-1', r.seq, 0)).toBytes())).toBe(r.commitments[0]));
  });

  it('keeps readings and seed out of the public log', () => {
    const text = JSON.stringify(log);
    expect(text).not.toContain(priv.seed);
    expect(text).not.toMatch(/"values"|"seed"/);
  });

  it('names a gap and never fills it', () => {
    expect(() => buildLog({ meter: 'm', key: meter.secret, seed, intervals: [hour(0), hour(2)] })).toThrow(
      /gap in readings: no data from 2011-03-13T08:06:40Z to 2011-03-13T09:06:40Z \(1 h\)/,
    );
    expect(() => buildLog({ meter: 'm', key: meter.secret, seed, intervals: [hour(0), { ...hour(1), start: hour(1).start - 60 }] })).toThrow(expect.objectContaining({ code: 'meter.overlap' }));
  });

  it('refuses a key of another role, a bad id or a bad seed', () => {
    const p = generateKey('provider', seededRng('p'));
    expect(() => buildLog({ meter: 'm', key: parseSecretJwk(p.secret), seed, intervals: [hour(0)] })).toThrow(/meter key/);
    expect(() => buildLog({ meter: 'bad id!', key: meter.secret, seed, intervals: [hour(0)] })).toThrow(/meter id/);
    expect(() => buildLog({ meter: 'm', key: meter.secret, seed: new Uint8Array(5), intervals: [hour(0)] })).toThrow(/32 bytes/);
  });
});

describe('buildLog refuses what the proofs cannot take, naming the interval and the register', () => {
  const two = (values: unknown[]) => buildLog({ meter: 'm', key: meter.secret, seed, registers: ['import', 'export'], intervals: [hour(0), { ...hour(1), values: values as number[] }].map((iv, i) => (i === 0 ? { ...iv, values: [1, 2] } : iv)) });
  const message = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect((e as { code?: string }).code).toBe('meter.invalid');
      return (e as Error).message;
    }
    throw new Error('accepted');
  };

  it('a negative reading, a fraction, NaN or ±Infinity', () => {
    expect(message(() => two([5, -1]))).toBe('interval 1 (seq 1, 2011-03-13T08:06:40Z), register export: -1 is negative: a register counts up from 0 (a meter that exports records it in a register of its own, e.g. import and export)');
    expect(message(() => two([1.5, 0]))).toMatch(/^interval 1 \(seq 1, .*\), register import: 1\.5 is not a whole number/);
    expect(message(() => two([NaN, 0]))).toMatch(/register import: NaN is not a reading/);
    expect(message(() => two([0, Infinity]))).toMatch(/register export: Infinity is too large/);
    expect(message(() => two([-Infinity, 0]))).toMatch(/register import: -Infinity is negative/);
    expect(message(() => two(['7', 0]))).toMatch(/register import: "7" is not a number/);
    expect(message(() => two([7n, 0]))).toMatch(/register import: 7n \(a bigint\) is not a number/);
  });

  it('2^48 and 2^53 are too large (not "not a non-negative integer"); 2^48 − 1 is the largest reading', () => {
    expect(message(() => two([2 ** 48, 0]))).toMatch(/register import: 281474976710656 is too large: a reading is at most 2\^48 − 1 = 281474976710655 Wh$/);
    expect(message(() => two([0, 2 ** 53]))).toMatch(/register export: 9007199254740992 is too large/);
    const { log: big, priv: p } = two([Number(READING_MAX), 0]);
    expect(p.readings[1]!.values[0]).toBe(2 ** 48 - 1);
    expect(LogFileSchema.safeParse(big).success).toBe(true);
    expect(PrivateFileSchema.safeParse(p).success).toBe(true);
  });

  it('the private-file schema bounds readings the same way', () => {
    const { priv: p } = two([1, 2]);
    for (const bad of [-1, 1.5, 2 ** 48, 2 ** 53]) {
      const edited = structuredClone(p);
      edited.readings[0]!.values[0] = bad;
      expect(PrivateFileSchema.safeParse(edited).success, String(bad)).toBe(false);
    }
    const edited = structuredClone(p);
    edited.readings[0]!.values[0] = 2 ** 48;
    expect(() => parsePrivateFile(edited)).toThrow(/private file: readings\.0\.values\.0: a reading is below 2\^48/);
  });

  it('a bad time, duration, count of values, layout or run of records', () => {
    expect(message(() => buildLog({ meter: 'm', key: meter.secret, seed, intervals: [{ ...hour(0), start: 1.5 }] }))).toMatch(/interval 0 \(seq 0\): start 1\.5 is not a whole number/);
    expect(message(() => buildLog({ meter: 'm', key: meter.secret, seed, intervals: [{ ...hour(0), duration: 0 }] }))).toMatch(/duration 0 is not a whole number of seconds/);
    expect(message(() => buildLog({ meter: 'm', key: meter.secret, seed, intervals: [{ ...hour(0), values: [1, 2] }] }))).toMatch(/has 2 values for 1 register \(import\)/);
    expect(message(() => buildLog({ meter: 'm', key: meter.secret, seed, intervals: [hour(0)], unit: 'k Wh' }))).toMatch(/^unit "k Wh": a unit such as Wh/);
    expect(message(() => buildLog({ meter: 'm', key: meter.secret, seed, intervals: [{ ...hour(0), values: [1, 2] }], registers: ['a', 'a'] }))).toMatch(/register names must differ/);
    expect(message(() => buildLog({ meter: 'm', key: meter.secret, seed, intervals: [hour(0)], registers: [] }))).toMatch(/^registers/);
    expect(message(() => buildLog({ meter: 'm', key: meter.secret, seed, intervals: [hour(0)], firstSeq: -1 }))).toMatch(/firstSeq -1/);
    expect(message(() => buildLog({ meter: 'm', key: meter.secret, seed, intervals: [hour(0)], prev: new Uint8Array(31) }))).toMatch(/prev/);
    expect(message(() => buildLog({ meter: 'm', key: meter.secret, seed, intervals: [] }))).toMatch(/no readings/);
    // More than 2^20 intervals: refused before any work (a sparse array of that length costs nothing).
    expect(message(() => buildLog({ meter: 'm', key: meter.secret, seed, intervals: new Array(RECORDS_MAX + 1) }))).toMatch(/1048577 intervals: at most 2\^20/);
  });
});

describe('log versions', () => {
  // A log and its private file as the code before version 2 made them (records that do not sign the layout).
  const read = (name: string) => JSON.parse(readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8'));
  const oldLog = read('log-v1.json');
  const oldPriv = read('private-v1.json');

  it('a log of version 1 (made before the layout was signed) is refused by name, not as a broken chain', () => {
    expect(oldLog.v).toBe(1);
    expect(() => parseLogFile(oldLog)).toThrow(expect.objectContaining({ code: 'unsupported.version' }));
    expect(() => parseLogFile(oldLog)).toThrow(
      'meter log: version 1 is not supported (this meterproof reads version 2); version-1 logs do not sign the unit and register names: import the readings again with `meterproof meter import` (a new log and private file)',
    );
    expect(() => parseLogFile({ ...oldLog, v: 3 })).toThrow(/version 3 is not supported \(this meterproof reads version 2\)$/);
    // Its private file is still a well-formed version-1 private file: the format did not change.
    expect(parsePrivateFile(oldPriv).v).toBe(1);
  });

  it('the provers refuse it the same way', () => {
    const st = signed(touTariff({ components: [{ kind: 'fixed', name: 'daily', amount: '5', per: 'day' }, ...touTariff().components.slice(1)] }));
    expect(() => proveBill({ signedTariff: st, log: oldLog, priv: oldPriv, account: 'a', period: '2011-07-01/2011-07-01' })).toThrow(/^meter log: version 1 is not supported/);
    const query = { v: 1, type: 'meterproof/query', meter: 'old-meter', registers: ['import'], items: [{ kind: 'reading', at: '2011-07-01T07:00:00Z' }] };
    expect(() => proveDisclosure({ query, terms: { recipient: 'r', purpose: 'p', expires: '2030-01-01T00:00:00Z' }, log: oldLog, priv: oldPriv, userKey: keys('user').secret, now: 1_400_000_000 })).toThrow(
      expect.objectContaining({ code: 'unsupported.version' }),
    );
  });
});

describe('keys', () => {
  it('round-trip as JWK with an RFC 7638 thumbprint, and check roles and pairs', () => {
    const k = generateKey('user', seededRng('u'));
    expect(k.public).not.toHaveProperty('d');
    expect(parsePublicJwk(k.public, 'user').kid).toBe(k.public.kid);
    expect(() => parsePublicJwk(k.public, 'meter')).toThrow(/user key, but a meter key is needed/);
    expect(() => parseSecretJwk(k.public)).toThrow(/secret key file/);
    const other = generateKey('user', seededRng('v'));
    expect(() => parseSecretJwk({ ...k.secret, x: other.public.x })).toThrow(/not one key pair/);
    expect(() => parsePublicJwk({ ...k.public, x: 'AAAA' })).toThrow(/32-byte/);
    // The secret never appears in an error message.
    try {
      parseSecretJwk({ ...k.secret, x: other.public.x }, 'meter');
    } catch (e) {
      expect(String((e as Error).message)).not.toContain(k.secret.d);
    }
  });
});
