/**
 * Fixed test vectors from seeded randomness: generators, commitments, hashes, transcript challenges,
 * a Schnorr proof, a record hash and a whole bill's proof. A change to any encoding or to the
 * transcript order shows up here. Regenerate deliberately with UPDATE_VECTORS=1.
 */
// @ts-nocheck

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { proveBill } from '../../src/bill/prove.js';
import { toHex, utf8 } from '../../src/core/bytes.js';
import { G, H, generatorVector } from '../../src/core/generators.js';
import { commit } from '../../src/core/pedersen.js';
import { seededRng } from '../../src/core/rng.js';
import { hashToScalar, scalarFromWide, scalarToBytes } from '../../src/core/scalar.js';
import { Transcript } from '../../src/core/transcript.js';
import { opening } from '../../src/meter/openings.js';
import { layoutDigest } from '../../src/meter/layout.js';
import { recordHash, GENESIS_PREV } from '../../src/meter/record.js';
import { encodeSchnorr, proveSchnorr } from '../../src/proofs/schnorr.js';
import { tariffDigest } from '../../src/tariff/signed.js';
import { keys, meterLog, signed, touTariff } from '../helpers.js';

const FILE = new URL('../vectors/core.json', import.meta.url);

function compute(): Record<string, unknown> {
  const rng = seededRng('core-vectors');
  const r = scalarFromWide(rng(64));
  const seed = rng(32);
  const t = new Transcript('meterproof/v1/test', seededRng('transcript'));
  t.appendString('a', 'hello').appendU64('n', 42).appendPoint('G', G);
  const c1 = t.challengeScalar('c1');
  const c2 = t.challengeScalar('c2');
  const st = new Transcript('meterproof/v1/test', seededRng('schnorr'));
  const x = scalarFromWide(rng(64));
  const schnorr = encodeSchnorr(proveSchnorr(st, H, H.multiply(x), x));
  const provider = keys('provider');
  const meter = keys('meter');
  const day = 1309503600; // 2011-07-01 00:00 PDT
  const intervals = Array.from({ length: 24 }, (_, i) => ({ start: day + 3600 * i, duration: 3600, values: [100 * i + 7] }));
  const { log, priv } = meterLog(intervals, 'vector-meter', meter);
  const st2 = signed(touTariff({ components: [{ kind: 'fixed', name: 'daily', amount: '5', per: 'day' }, ...touTariff().components.slice(1)] }), provider);
  const { bill } = proveBill({ signedTariff: st2, log, priv, account: 'vector', period: '2011-07-01/2011-07-01', rng: seededRng('bill') });
  return {
    G: toHex(G.toBytes()),
    H: toHex(H.toBytes()),
    bpG: generatorVector('bp/G', 3).map((p) => toHex(p.toBytes())),
    bpH: generatorVector('bp/H', 3).map((p) => toHex(p.toBytes())),
    commit_12345_r: { r: toHex(scalarToBytes(r)), C: toHex(commit(12345, r).toBytes()) },
    hashToScalar_abc: toHex(scalarToBytes(hashToScalar('meterproof/v1/test', utf8('abc')))),
    opening_seed_m1_7_0: toHex(scalarToBytes(opening(seed, 'm1', 7, 0))),
    transcript: [toHex(scalarToBytes(c1)), toHex(scalarToBytes(c2))],
    schnorr: toHex(schnorr),
    layoutDigest: toHex(layoutDigest({ unit: 'Wh', registers: ['import', 'export'] })),
    recordHash: toHex(recordHash({ meter: 'm1', layout: layoutDigest({ unit: 'Wh', registers: ['import'] }), seq: 7, start: day, duration: 3600, registers: [commit(1, r).toBytes()], prev: GENESIS_PREV })),
    tariffDigest: toHex(tariffDigest(touTariff())),
    meterKey: toHex(meter.public.bytes),
    firstRecord: log.records[0],
    bill: { fee: bill.fee, lastHash: bill.records.lastHash, proof: bill.proof.linear },
  };
}

describe('fixed vectors', () => {
  it('match test/vectors/core.json', () => {
    const got = compute();
    if (process.env.UPDATE_VECTORS || !existsSync(FILE)) writeFileSync(FILE, JSON.stringify(got, null, 2) + '\n');
    const want = JSON.parse(readFileSync(FILE, 'utf8'));
    expect(got).toEqual(want);
  });
});
