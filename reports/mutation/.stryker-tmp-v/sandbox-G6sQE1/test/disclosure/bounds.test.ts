/**
 * The integer review applied to disclosures (issue 8, point 1; docs/bounds.md): a revealed answer is an
 * exact integer below 10^38, so an answer A ± ℓ, which the Schnorr congruence alone would accept, cannot
 * be written; a maximum lies in [0, 2^64).
 */
// @ts-nocheck

import { describe, expect, it } from 'vitest';
import { ORDER } from '../../src/core/scalar.js';
import { at, prove, verify } from './fixtures.js';

const sum = { kind: 'sum' as const, from: at(0), to: at(24) };
const max = { kind: 'max' as const, from: at(0), to: at(24) };

describe('disclosed integers are exact', () => {
  const d = prove([sum, max]).disclosure;
  const reason = (x: unknown) => {
    const r = verify(x);
    return r.ok ? 'accepted' : r.reason;
  };

  it('the honest disclosure verifies (control)', () => {
    expect(reason(d)).toBe('accepted');
  });

  it('an answer shifted by ±ℓ (the old proof) is refused before any proof', () => {
    for (const k of [1n, -1n]) {
      const e = structuredClone(d);
      e.answers[0] = (BigInt(e.answers[0] as string) + k * ORDER).toString();
      expect(reason(e)).toBe('malformed.schema');
    }
  });

  it('a maximum outside [0, 2^64) is malformed.answer', () => {
    for (const v of [-1n, 1n << 64n]) {
      const e = structuredClone(d);
      e.answers[1] = v.toString();
      expect(reason(e)).toBe('malformed.answer');
    }
  });
});
