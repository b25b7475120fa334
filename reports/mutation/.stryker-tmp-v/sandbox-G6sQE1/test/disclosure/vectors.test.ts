/**
 * A whole disclosure from seeded randomness and a fixed clock, as a fixed vector: a change to the query
 * digest, the consent, the transcript order or any proof encoding shows up here. Regenerate deliberately
 * with UPDATE_VECTORS=1 and review the diff.
 */
// @ts-nocheck

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seededRng } from '../../src/core/rng.js';
import { at, prove, TZ, verify } from './fixtures.js';

const FILE = new URL('../vectors/disclosure.json', import.meta.url);

describe('disclosure vector', () => {
  it('matches test/vectors/disclosure.json and verifies', () => {
    const { disclosure } = prove(
      [
        { kind: 'reading', at: at(20, true) },
        { kind: 'sum', from: at(20), to: at(24) },
        { kind: 'threshold', at: at(21), threshold: '200' },
        { kind: 'max', from: at(20), to: at(24) },
        { kind: 'linear', terms: [{ at: at(22), coefficient: '2' }, { at: at(23), coefficient: '-1' }], constant: '7' },
      ],
      { rng: seededRng('disclosure-vector') },
    );
    if (process.env.UPDATE_VECTORS || !existsSync(FILE)) writeFileSync(FILE, JSON.stringify(disclosure, null, 2) + '\n');
    const want = JSON.parse(readFileSync(FILE, 'utf8'));
    expect(disclosure).toEqual(want);
    expect(verify(want)).toMatchObject({ ok: true });
    expect(TZ).toBe('America/Los_Angeles');
  });
});
