/**
 * The transcript's witness rng (src/core/transcript.ts): one rekey from (state, witness, 32 fresh bytes),
 * then a draw per (label, index). Draws are distinct whatever the rng returns, depend on the state, the
 * witness and the fresh bytes, leave the transcript unchanged, and reproduce from a seeded rng.
 */
// @ts-nocheck

import { describe, expect, it } from 'vitest';
import { toHex, utf8 } from '../../src/core/bytes.js';
import { keyedRng, seededRng, type Rng } from '../../src/core/rng.js';
import { scalarFromWide } from '../../src/core/scalar.js';
import { Transcript, WitnessRng } from '../../src/core/transcript.js';
import { repeating, WEAK, zeros } from './weak-rng.js';


const tr = (rng: Rng, statement = 's') => new Transcript('meterproof/v1/test/witness-rng', rng).appendString('statement', statement);
const w = (s: string) => [utf8(s)];

describe('witness rng', () => {
  for (const [name, rng] of WEAK) {
    it(`${name}: every (label, index) gives its own value`, () => {
      const r = tr(rng).witnessRng('w', w('secret'));
      const seen = new Set<bigint>();
      for (const label of ['a', 'b', 'rp.sL', 'rp.sR']) for (let i = 0; i < 200; i++) seen.add(r.scalar(label, i));
      expect(seen.size).toBe(800);
      expect(r.scalar('a')).toBe(r.scalar('a', 0));
    });

    it(`${name}: no draw is the rng's own output`, () => {
      const r = tr(rng).witnessRng('w', w('secret'));
      expect(r.scalar('a')).not.toBe(scalarFromWide(rng(64)));
      expect(toHex(r.bytes('a'))).not.toBe(toHex(rng(64)));
    });

    it(`${name}: the draws depend on the statement, the witness and its label`, () => {
      const base = tr(rng).witnessRng('w', w('secret')).scalar('k');
      expect(tr(rng, 't').witnessRng('w', w('secret')).scalar('k')).not.toBe(base);
      expect(tr(rng).witnessRng('w', w('secreT')).scalar('k')).not.toBe(base);
      expect(tr(rng).witnessRng('v', w('secret')).scalar('k')).not.toBe(base);
      // parts are framed: the same bytes cut differently are another witness
      expect(tr(rng).witnessRng('w', [utf8('sec'), utf8('ret')]).scalar('k')).not.toBe(base);
      expect(tr(rng).witnessRng('w', w('secret')).scalar('k')).toBe(base); // and it is a function of them
    });
  }

  it('the fresh bytes count: another rng gives other draws', () => {
    expect(tr(zeros).witnessRng('w', w('x')).scalar('k')).not.toBe(tr(repeating).witnessRng('w', w('x')).scalar('k'));
    expect(tr(seededRng('a')).witnessRng('w', w('x')).scalar('k')).not.toBe(tr(seededRng('b')).witnessRng('w', w('x')).scalar('k'));
  });

  it('a seeded rng reproduces the draws', () => {
    const a = tr(seededRng('repro')).witnessRng('w', w('x'));
    const b = tr(seededRng('repro')).witnessRng('w', w('x'));
    for (let i = 0; i < 10; i++) expect(a.scalar('k', i)).toBe(b.scalar('k', i));
  });

  it('leaves the transcript unchanged and takes 32 bytes of the rng', () => {
    const asked: number[] = [];
    const t = tr((n) => (asked.push(n), new Uint8Array(n)));
    const u = tr(zeros);
    t.witnessRng('w', w('x')).scalar('k');
    expect(t.challengeScalar('c')).toBe(u.challengeScalar('c'));
    expect(asked).toEqual([32]);
  });

  it('a witness given as an iterable is read once, in order', () => {
    function* parts() {
      yield utf8('sec');
      yield utf8('ret');
    }
    expect(tr(zeros).witnessRng('w', parts()).scalar('k')).toBe(tr(zeros).witnessRng('w', [utf8('sec'), utf8('ret')]).scalar('k'));
  });

  it('refuses a short rng, a bad key and a bad index', () => {
    expect(() => tr((n) => new Uint8Array(n - 1)).witnessRng('w', [])).toThrow(RangeError);
    expect(() => new WitnessRng(new Uint8Array(32))).toThrow(RangeError);
    const r = new WitnessRng(new Uint8Array(64));
    expect(() => r.scalar('k', -1)).toThrow(RangeError);
    expect(() => r.scalar('k', 1.5)).toThrow(RangeError);
    expect(r.scalar('k', 2 ** 40)).not.toBe(r.scalar('k', 0)); // high index bits count
  });
});

describe('keyed rng (a range job\'s source)', () => {
  it('is a function of its key, and a stream: cut anywhere, the same bytes', () => {
    const key = new Uint8Array(32).fill(9);
    const whole = keyedRng(key)(100);
    const r = keyedRng(key);
    expect(toHex(new Uint8Array([...r(10), ...r(54), ...r(36)]))).toBe(toHex(whole));
    expect(toHex(keyedRng(new Uint8Array(32).fill(8))(100))).not.toBe(toHex(whole));
    expect(() => keyedRng(new Uint8Array(16))).toThrow(RangeError);
  });
});
