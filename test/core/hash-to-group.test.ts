/**
 * The batched hash_to_ristretto255 (hashToRistrettoMany; the WebAssembly backend's rp_hash_to_group_many
 * with expand_message_xmd inside) against the one-message path (noble's expand_message_xmd and the
 * backend's element map), and the RFC 9380 / RFC 9496 construction through the generators' pins.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex, utf8 } from '../../src/core/bytes.js';
import { GENERATOR_DST, vectorGenerator, vectorGenerators } from '../../src/core/generators.js';
import { hashToRistretto, hashToRistrettoMany } from '../../src/core/point.js';

const hex = (ps: { toBytes(): Uint8Array }[]) => ps.map((p) => toHex(p.toBytes()));

describe('hashToRistrettoMany', () => {
  it('equals hashToRistretto message by message, for any lengths and DSTs', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 6 }), fc.string({ minLength: 1, maxLength: 40 }).filter((s) => /^[\x20-\x7e]+$/.test(s)), (msgs, dst) => {
        expect(hex(hashToRistrettoMany(msgs, dst))).toEqual(hex(msgs.map((m) => hashToRistretto(m, dst))));
      }),
      { numRuns: 40 },
    );
  });

  it('takes the long-DST path of RFC 9380 (DST over 255 bytes is hashed) one by one, with the same result', () => {
    const dst = 'x'.repeat(300);
    const msgs = [utf8('a'), utf8('bc'), new Uint8Array(0)];
    expect(hex(hashToRistrettoMany(msgs, dst))).toEqual(hex(msgs.map((m) => hashToRistretto(m, dst))));
  });

  it('vectorGenerators gives vectorGenerator for every index, across label lengths', () => {
    const from = 95;
    const got = vectorGenerators('bp/G', from, 1005); // labels with 2, 3 and 4 digits
    for (const i of [95, 99, 100, 999, 1000, 1004]) expect(toHex(got[i - from]!.toBytes())).toBe(toHex(vectorGenerator('bp/G', i).toBytes()));
    expect(vectorGenerators('bp/G', 7, 7)).toEqual([]);
    expect(GENERATOR_DST).toBe('meterproof/v1/generators');
  });
});
