/**
 * What a disclosure reveals: the answers, and nothing else about the readings. No reading other than
 * the answers, no opening, no seed; every number in the file is a record's seq, start or duration, and
 * every decimal text is an answer or part of the query.
 */
// @ts-nocheck

import { describe, expect, it } from 'vitest';
import { toHex } from '../../src/core/bytes.js';
import { scalarToBytes } from '../../src/core/scalar.js';
import { opening } from '../../src/meter/openings.js';
import { fromHex } from '../../src/core/bytes.js';
import { at, log, priv, prove, TZ } from './fixtures.js';

const { disclosure } = prove([
  { kind: 'daily', from: '2012-03-10', to: '2012-03-11', timezone: TZ },
  { kind: 'threshold', at: at(50), threshold: '150' },
  { kind: 'max', from: at(50), to: at(60) },
  { kind: 'linear', terms: [{ at: at(61), coefficient: '2' }, { at: at(62), coefficient: '-1' }] },
]);
const text = JSON.stringify(disclosure);

/** Every leaf of a JSON value with its path. */
function leaves(v: unknown, path: string[] = [], out: [string[], unknown][] = []): [string[], unknown][] {
  if (Array.isArray(v)) v.forEach((x, i) => leaves(x, [...path, String(i)], out));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) leaves(x, [...path, k], out);
  else out.push([path, v]);
  return out;
}

describe('privacy of a disclosure', () => {
  it('contains no seed and no opening of any record it includes', () => {
    expect(text).not.toContain(priv.seed);
    const seed = fromHex(priv.seed);
    for (const [seq] of disclosure.records.items) {
      const r = toHex(scalarToBytes(opening(seed, log.meter, seq, 0)));
      expect(text).not.toContain(r);
      expect(text).not.toContain(toHex(scalarToBytes(opening(seed, log.meter, seq, 0))).slice(0, 16));
    }
  });

  it('names no field that would carry readings or secrets', () => {
    const names = new Set(leaves(disclosure).flatMap(([p]) => p.filter((k) => !/^\d+$/.test(k))));
    for (const k of ['values', 'readings', 'seed', 'wh', 'opening', 'openings', 'blinding', 'd']) expect(names.has(k), k).toBe(false);
    expect([...names].sort()).toEqual(
      ['answers', 'at', 'coefficient', 'consent', 'consentSignature', 'expires', 'firstSeq', 'from', 'issued', 'items', 'kind', 'lastHash', 'lastSignature', 'layout', 'linear', 'meter', 'oneof', 'prev', 'proof', 'purpose', 'query', 'queryDigest', 'range', 'recipient', 'records', 'registers', 'terms', 'threshold', 'timezone', 'to', 'type', 'unit', 'user', 'v'].sort(),
    );
  });

  it('every number is a record\'s seq, start or duration (or a version); every decimal text an answer or the query\'s', () => {
    for (const [path, v] of leaves(disclosure)) {
      if (typeof v === 'number') {
        const where = path.join('.');
        expect(where === 'v' || where === 'consent.v' || where === 'query.v' || where === 'records.firstSeq' || /^records\.items\.\d+\.[012]$/.test(where), where).toBe(true);
      }
      if (typeof v === 'string' && /^-?\d{1,39}$/.test(v)) {
        expect(path[0] === 'answers' || path.at(-1) === 'threshold' || path.at(-1) === 'coefficient', path.join('.')).toBe(true);
      }
    }
    expect(disclosure.answers).toHaveLength(5);
  });
});
