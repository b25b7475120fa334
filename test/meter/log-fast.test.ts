/**
 * The hand-written fast paths for the big files (fastLogFile / fastPrivateFile in src/meter/log.ts) and
 * the batched chain and openings (recordChain, openingsOf): each must agree exactly with the code it
 * speeds up. The fast parsers may decline anything (zod then parses), but whatever they accept the
 * schemas accept, with the same data.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../src/core/bytes.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { sha256Chain, sha256Many, sha512Many } from '../../src/core/hash.js';
import { seededRng } from '../../src/core/rng.js';
import { buildLog, fastLogFile, fastPrivateFile, LogFileSchema, PrivateFileSchema } from '../../src/meter/log.js';
import { layoutDigest } from '../../src/meter/layout.js';
import { opening, openingsOf } from '../../src/meter/openings.js';
import { recordChain, recordHash } from '../../src/meter/record.js';
import { keys } from '../helpers.js';

const meter = keys('meter');
const seed = seededRng('log-fast')(32);
const { log, priv } = buildLog({
  meter: 'm-fast',
  key: meter.secret,
  seed,
  registers: ['import', 'export'],
  intervals: [0, 1, 2].map((i) => ({ start: 1_300_000_000 + 1800 * i, duration: 1800, values: [i, 2 * i] })),
});

/** Values that break a field in every way the schemas care about, and some that do not. */
const oddValue = fc.oneof(
  fc.constantFrom<unknown>(undefined, null, true, '', 'x', -1, -0, 0.5, 1, 2 ** 32, 2 ** 32 - 1, 2 ** 48, 2 ** 48 - 1, 2 ** 53, Number.NaN, Infinity, [], {}, 1n),
  fc.constantFrom('0'.repeat(64), 'A'.repeat(64), 'g'.repeat(64), '0'.repeat(63), '0'.repeat(128), 'f'.repeat(65)),
  fc.integer(),
  fc.string(),
  fc.array(fc.constantFrom<unknown>('0'.repeat(64), 'F'.repeat(64), 1), { maxLength: 3 }),
);

/** A copy of `doc` with one value somewhere replaced, deleted, or a key added. */
function mutate(doc: unknown, pathSeed: number, op: number, value: unknown): unknown {
  const copy = structuredClone(doc) as Record<string, unknown>;
  const containers: Array<Record<string, unknown> | unknown[]> = [];
  const walk = (x: unknown) => {
    if (typeof x === 'object' && x !== null) {
      containers.push(x as Record<string, unknown>);
      for (const v of Object.values(x)) walk(v);
    }
  };
  walk(copy);
  const target = containers[pathSeed % containers.length]!;
  const keysOf = Object.keys(target);
  const key = Array.isArray(target) ? String(pathSeed % (target.length + 1)) : keysOf[pathSeed % keysOf.length]!;
  if (op === 0) (target as Record<string, unknown>)[key] = value;
  else if (op === 1) delete (target as Record<string, unknown>)[key];
  else if (Array.isArray(target)) target.push(value);
  else target['extra' + (pathSeed % 3)] = value;
  return copy;
}

describe('fast file parsers', () => {
  it('accept the files buildLog writes, returning what zod returns (a copy)', () => {
    const l = fastLogFile(log);
    expect(l).toEqual(LogFileSchema.parse(log));
    expect(l).not.toBe(log);
    expect(l!.records[0]).not.toBe(log.records[0]);
    expect(fastPrivateFile(priv)).toEqual(PrivateFileSchema.parse(priv));
    // Through JSON, as files arrive.
    expect(fastLogFile(JSON.parse(JSON.stringify(log)))).toEqual(log);
  });

  it('accept nothing the schemas refuse, and agree with them on what they accept', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.nat(), fc.nat({ max: 3 }), oddValue, (isLog, at, op, value) => {
        const doc = mutate(isLog ? log : priv, at, op, value);
        const fast = isLog ? fastLogFile(doc) : fastPrivateFile(doc);
        const z = (isLog ? LogFileSchema : PrivateFileSchema).safeParse(doc);
        if (fast !== undefined) {
          expect(z.success).toBe(true);
          expect(fast).toEqual(z.data);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('decline a file with a record past the bounds', () => {
    expect(fastLogFile({ ...log, records: [] })).toBeUndefined();
    expect(fastPrivateFile({ ...priv, readings: [{ ...priv.readings[0]!, values: [2 ** 48] }] })).toBeUndefined();
    expect(fastLogFile({ ...log, records: [{ ...log.records[0]!, commitments: Array(256).fill(log.records[0]!.commitments[0]) }] })).toBeUndefined();
  });
});

describe('batched hashing', () => {
  it('sha256Many / sha512Many / sha256Chain agree with one-by-one hashing (@noble/hashes)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 32, max: 300 }), fc.nat(), (n, len, s) => {
        const msgs = seededRng(`many/${s}`)(n * len);
        const one = (h: (b: Uint8Array) => Uint8Array, i: number) => h(msgs.subarray(i * len, (i + 1) * len));
        expect(toHex(sha256Many(msgs, n, len))).toBe(Array.from({ length: n }, (_, i) => toHex(one(sha256, i))).join(''));
        expect(toHex(sha512Many(msgs, n, len))).toBe(Array.from({ length: n }, (_, i) => toHex(one(sha512, i))).join(''));
        const prevAt = s % (len - 31);
        // A common prefix of `same` bytes, which the chain may hash once.
        const same = (s >> 3) % (len + 1);
        for (let i = 1; i < n; i++) msgs.copyWithin(i * len, 0, same);
        const before = msgs.slice();
        const chain = sha256Chain(msgs, n, len, prevAt, same);
        expect(toHex(sha256Chain(msgs, n, len, prevAt))).toBe(toHex(chain));
        expect(msgs).toEqual(before); // not modified
        let h: Uint8Array | undefined;
        for (let i = 0; i < n; i++) {
          const m = msgs.slice(i * len, (i + 1) * len);
          if (h) m.set(h, prevAt);
          h = sha256(m);
          expect(toHex(chain.subarray(32 * i, 32 * i + 32))).toBe(toHex(h));
        }
      }),
      { numRuns: 100 },
    );
    expect(() => sha256Chain(new Uint8Array(10), 1, 10, 0)).toThrow(RangeError);
  });

  it('recordChain gives recordHash record by record, from hex or bytes, across batch boundaries', () => {
    const layout = layoutDigest(log);
    const chain = recordChain(log.meter, layout, log.records, 2, fromHex(log.prev));
    log.records.forEach((r, i) => expect(toHex(chain.subarray(32 * i, 32 * i + 32))).toBe(r.hash));
    // 2,049 records: past one batch of 2,048.
    const many = Array.from({ length: 2049 }, (_, i) => ({ seq: i, start: 1000 * i - 5000, duration: 1000, commitments: [seededRng(`c/${i}`)(32)] }));
    const got = recordChain('m', layout, many, 1, new Uint8Array(32));
    let prev = new Uint8Array(32);
    for (const i of [0, 1, 2047, 2048]) {
      if (i > 0) prev = got.slice(32 * (i - 1), 32 * i);
      const r = many[i]!;
      expect(toHex(got.subarray(32 * i, 32 * i + 32))).toBe(toHex(recordHash({ meter: 'm', layout, seq: r.seq, start: r.start, duration: r.duration, registers: r.commitments, prev })));
    }
    expect(() => recordChain('m', layout, [{ ...many[0]!, commitments: ['zz'.repeat(32)] }], 1, prev)).toThrow();
    expect(() => recordChain('m', layout, many.slice(0, 1), 2, prev)).toThrow(RangeError);
  });

  it('openingsOf gives opening() for every record and register', () => {
    const seqs = [0, 1, 2 ** 32 + 5, 2 ** 53 - 1];
    const all = openingsOf(seed, 'm-fast', seqs, 3);
    seqs.forEach((s, i) => [0, 1, 2].forEach((k) => expect(all[3 * i + k]).toBe(opening(seed, 'm-fast', s, k))));
    const big = openingsOf(seed, 'm', Array.from({ length: 1400 }, (_, i) => i), 3); // past one batch of 4,096 messages
    for (const i of [0, 1365, 1366, 1399]) expect(big[3 * i + 2]).toBe(opening(seed, 'm', i, 2));
  });
});
