import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../src/core/bytes.js';
import { verifyDigest } from '../../src/core/ed25519.js';
import { generateKey, parsePublicJwk, parseSecretJwk } from '../../src/core/keys.js';
import { commit } from '../../src/core/pedersen.js';
import { seededRng } from '../../src/core/rng.js';
import { buildLog } from '../../src/meter/log.js';
import { opening } from '../../src/meter/openings.js';
import { GENESIS_PREV, recordHash } from '../../src/meter/record.js';
import { keys } from '../helpers.js';

const meter = keys('meter');
const hour = (i: number, v = i) => ({ start: 1_300_000_000 + 3600 * i, duration: 3600, values: [v] });
const seed = seededRng('meter-test')(32);

describe('meter log', () => {
  const { log, priv } = buildLog({ meter: 'm-1', key: meter.secret, seed, intervals: [0, 1, 2, 3].map((i) => hour(i)) });

  it('chains every record to the one before and signs each hash', () => {
    let prev: Uint8Array = GENESIS_PREV;
    for (const r of log.records) {
      const h = recordHash({ meter: 'm-1', seq: r.seq, start: r.start, duration: r.duration, registers: r.commitments.map((c) => fromHex(c)), prev });
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
