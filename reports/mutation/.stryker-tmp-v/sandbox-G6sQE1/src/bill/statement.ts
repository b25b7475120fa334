/**
 * The public statement of a bill and its absorption into the Fiat–Shamir transcript. Prover and
 * verifier both call `bindStatement`, so they cannot absorb different things. It binds everything
 * PROTOCOL.md section 2 lists: protocol version, tariff digest, meter id and public key, account,
 * billing period, first sequence number and record count, the hash before the first record and of
 * the last record (which binds every commitment), and every revealed figure.
 */
// @ts-nocheck

import { Transcript } from '../core/transcript.js';
import type { Rng } from '../core/rng.js';

export const BILL_PROTOCOL = 'meterproof/v1/bill';

export interface BillStatement {
  readonly tariffDigest: Uint8Array;
  readonly meter: string;
  readonly meterKey: Uint8Array;
  readonly account: string;
  readonly period: { readonly label: string; readonly start: number; readonly end: number };
  readonly currency: string;
  readonly scale: number;
  readonly firstSeq: number;
  readonly count: number;
  readonly registers: number;
  readonly prev: Uint8Array;
  readonly lastHash: Uint8Array;
  /** Total, in 10^-scale units. */
  readonly fee: bigint;
  /** The revealed total before a minimum charge's top-up, when the tariff has a minimum. */
  readonly subtotal?: bigint;
  /** Revealed line items, in order; empty when the bill is not itemised. */
  readonly lineItems: readonly { component: string; fee: bigint }[];
}

/** Absorbs the public statement: every public input except the revealed figures (see bindFigures). */
export function bindStatement(s: BillStatement, rng?: Rng): Transcript {
  const t = new Transcript(BILL_PROTOCOL, rng);
  t.appendU64('version', 1);
  t.appendBytes('tariff', s.tariffDigest);
  t.appendString('meter', s.meter);
  t.appendBytes('meter-key', s.meterKey);
  t.appendString('account', s.account);
  t.appendString('period.label', s.period.label);
  t.appendI64('period.start', s.period.start);
  t.appendI64('period.end', s.period.end);
  t.appendString('currency', s.currency);
  t.appendU64('scale', s.scale);
  t.appendU64('records.first-seq', s.firstSeq);
  t.appendU64('records.count', s.count);
  t.appendU64('records.registers', s.registers);
  t.appendBytes('records.prev', s.prev);
  t.appendBytes('records.last-hash', s.lastHash);
  return t;
}

/**
 * Absorbs the revealed figures. The constraint proofs (ranges, ORs, products) come before this, bound to
 * everything else; the Schnorr proofs of the figures come after, bound to the figures too. So a wrong
 * figure fails exactly at its own proof. Each figure is absorbed as the exact integer (|F| < 2^160, a
 * 256-bit two's complement), never as F mod ℓ, so F and F ± ℓ make different transcripts
 * (docs/bounds.md).
 */
export function bindFigures(t: Transcript, s: BillStatement): void {
  t.appendInteger('fee', s.fee);
  if (s.subtotal !== undefined) t.appendInteger('subtotal', s.subtotal);
  t.appendU64('line-items', s.lineItems.length);
  for (const li of s.lineItems) {
    t.appendString('line-item.component', li.component);
    t.appendInteger('line-item.fee', li.fee);
  }
}
