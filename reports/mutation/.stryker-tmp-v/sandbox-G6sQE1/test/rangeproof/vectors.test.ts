/**
 * Fixed vectors: proofs made with a seeded transcript rng and seeded blindings must be byte-identical to
 * test/vectors/rangeproof.json. A change to the transcript order, the nonce derivation, the generators or
 * the encoding shows up here. Regenerate deliberately (and review the diff) with
 *   UPDATE_VECTORS=1 npx vitest run test/rangeproof/vectors.test.ts
 */
// @ts-nocheck

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../src/core/bytes.js';
import { pointFromBytes } from '../../src/core/point.js';
import { seededRng } from '../../src/core/rng.js';
import { scalarFromWide, scalarToBytes } from '../../src/core/scalar.js';
import { decodeRangeProof, encodeRangeProof, proveRange, verifyRange, type RangeBits } from '../../src/proofs/rangeproof/index.js';
import { transcript } from './helpers.js';

const FILE = fileURLToPath(new URL('../vectors/rangeproof.json', import.meta.url));

interface Vector {
  name: string;
  rngSeed: string;
  blindingSeed: string;
  statement: string;
  n: RangeBits;
  values: string[];
  blindings: string[];
  commitments: string[];
  proof: string;
}

const CASES: Array<{ name: string; rngSeed: string; n: RangeBits; values: bigint[] }> = [
  { name: 'n=64, m=1', rngSeed: 'rangeproof-vector-1', n: 64, values: [1234567890123n] },
  { name: 'n=16, m=3 (final vectors of length 3)', rngSeed: 'rangeproof-vector-2', n: 16, values: [0n, 65535n, 4242n] },
  { name: 'n=8, m=2', rngSeed: 'rangeproof-vector-3', n: 8, values: [255n, 1n] },
  { name: 'n=8, m=5 (padded to 6)', rngSeed: 'rangeproof-vector-4', n: 8, values: [1n, 2n, 3n, 200n, 255n] },
];

function make(c: (typeof CASES)[number]): Vector {
  const blindingSeed = `${c.rngSeed}/blindings`;
  const br = seededRng(blindingSeed);
  const gammas = c.values.map(() => scalarFromWide(br(64)));
  const statement = `vector:${c.name}`;
  const { proof, commitments } = proveRange(transcript(statement, seededRng(c.rngSeed)), c.values, gammas, c.n);
  return {
    name: c.name,
    rngSeed: c.rngSeed,
    blindingSeed,
    statement,
    n: c.n,
    values: c.values.map(String),
    blindings: gammas.map((g) => toHex(scalarToBytes(g))),
    commitments: commitments.map((V) => toHex(V.toBytes())),
    proof: toHex(encodeRangeProof(proof)),
  };
}

describe('range proof: fixed vectors', () => {
  if (process.env['UPDATE_VECTORS']) {
    it('writes the vectors', () => {
      const doc = {
        description:
          'Aggregated Bulletproofs range proofs (docs/rangeproof.md). Transcript: new Transcript("meterproof/v1/test/rangeproof", seededRng(rngSeed)) then appendString("test.statement", statement); blindings: scalarFromWide of successive 64-byte blocks of seededRng(blindingSeed).',
        vectors: CASES.map(make),
      };
      writeFileSync(FILE, JSON.stringify(doc, null, 2) + '\n');
    });
    return;
  }

  it('the vector file exists', () => expect(existsSync(FILE)).toBe(true));
  if (!existsSync(FILE)) return;
  const doc = JSON.parse(readFileSync(FILE, 'utf8')) as { vectors: Vector[] };
  it('covers every case', () => expect(doc.vectors.map((v) => v.name)).toEqual(CASES.map((c) => c.name)));
  for (const v of doc.vectors) {
    it(`reproduces ${v.name}`, () => {
      const c = CASES.find((x) => x.name === v.name);
      expect(c).toBeDefined();
      const fresh = make(c!);
      expect(fresh.blindings).toEqual(v.blindings);
      expect(fresh.commitments).toEqual(v.commitments);
      expect(fresh.proof).toBe(v.proof);
    });
    it(`the stored proof for ${v.name} decodes and verifies`, () => {
      const proof = decodeRangeProof(fromHex(v.proof), { n: v.n, m: v.values.length });
      const commitments = v.commitments.map((h) => pointFromBytes(fromHex(h, 32)));
      expect(verifyRange(transcript(v.statement), commitments, v.n, proof)).toBe(true);
      expect(verifyRange(transcript(v.statement + '!'), commitments, v.n, proof)).toBe(false);
    });
  }
});
