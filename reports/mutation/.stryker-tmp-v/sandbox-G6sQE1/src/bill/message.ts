/**
 * The payment message (PROTOCOL.md section 6): a versioned JSON document that carries everything a
 * verifier needs besides the signed tariff and the two public keys, so anyone can re-verify it.
 * It holds commitments, hashes, one meter signature, the revealed fee(s) and Schnorr proofs; never a
 * reading, an opening or the seed.
 */
// @ts-nocheck

import { z } from 'zod';
import { FIGURE_DIGITS, RECORDS_MAX } from '../core/bounds.js';
import { LayoutSchema } from '../meter/layout.js';
import { METER_ID_RE } from '../meter/record.js';

const Hex32 = z.string().regex(/^[0-9a-f]{64}$/, '32 bytes of lowercase hex');
const Hex64 = z.string().regex(/^[0-9a-f]{128}$/, '64 bytes of lowercase hex');
/**
 * Version 2: records sign the meter's unit and register names (records.layout), revealed figures are
 * bounded integers absorbed exactly, and range widths are public (no freeBits). Version 1 bills cannot
 * be verified by this code: prove them again from the log.
 */
export const BILL_VERSION = 2;
export const ACCOUNT_ID_RE = /^[A-Za-z0-9._:@-]{1,128}$/;
/**
 * A decimal amount as the prover formats it; the verifier also checks it is canonical for the scale and
 * that the integer it stands for is below 2^160 in size (at most 49 digits, reason `malformed.fee`). The
 * length cap here only turns away a megabyte-long "fee" before anything parses it; it is loose enough
 * that F ± ℓ (76 digits) still reaches the exact check and is named for what it is.
 */
export const DECIMAL_MAX_LENGTH = 128;
const Decimal = z
  .string()
  .max(DECIMAL_MAX_LENGTH, `a decimal amount of at most ${DECIMAL_MAX_LENGTH} characters (a revealed amount has at most ${FIGURE_DIGITS} digits)`)
  .regex(/^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/, 'a decimal number such as 12.340000000');
const Seconds = z.number().int().safe();

/** [seq, start, duration, commitment of register 0, commitment of register 1, …] */
export const RecordTuple = z.tuple([z.number().int().min(0).safe(), Seconds, z.number().int().min(1).max(0xffffffff)], Hex32);

export const BillSchema = z
  .object({
    v: z.literal(BILL_VERSION),
    type: z.literal('meterproof/bill'),
    /** SHA-256 digest of the tariff (RFC 8785 canonical JSON). */
    tariff: Hex32,
    tariffId: z.string().min(1).max(128),
    meter: z.string().regex(METER_ID_RE),
    account: z.string().regex(ACCOUNT_ID_RE, 'letters, digits and . _ : @ - (1 to 128)'),
    period: z.object({ label: z.string().min(1).max(32), start: Seconds, end: Seconds }).strict(),
    currency: z.string().regex(/^[A-Z]{3}$/),
    scale: z.number().int().min(0).max(18),
    /** The exact total, in currency units with `scale` decimals. */
    fee: Decimal,
    /** The total before a minimum charge's top-up (tariffs with a minimum charge only). */
    subtotal: Decimal.optional(),
    /** Charges the tariff leaves out (data the meter does not measure), repeated from the tariff. */
    omitted: z.array(z.string().max(300)).optional(),
    /** The total rounded by the tariff's public rule, when the tariff has one. */
    amountDue: Decimal.optional(),
    lineItems: z.array(z.object({ component: z.string().min(1).max(200), fee: Decimal }).strict()).optional(),
    records: z
      .object({
        firstSeq: z.number().int().min(0).safe(),
        count: z.number().int().min(1).max(RECORDS_MAX),
        /** Hash of the record before the first one billed. */
        prev: Hex32,
        lastHash: Hex32,
        /** The meter's signature on the last record, which authenticates the whole chain. */
        lastSignature: Hex64,
        registers: z.number().int().min(1).max(255),
        /** The meter's unit and register names: every record's hash includes them (src/meter/layout.ts). */
        layout: LayoutSchema,
        items: z.array(RecordTuple).min(1).max(RECORDS_MAX),
      })
      .strict()
      .refine((r) => r.layout.registers.length === r.registers, { message: 'the layout names a different number of registers than records.registers', path: ['layout', 'registers'] }),
    proof: z
      .object({
        /** Schnorr proofs of the revealed figures. */
        linear: z.array(Hex64),
        /** Auxiliary commitments (tier fills, maxima, powers) and the proofs of their constraints. */
        aux: z.array(Hex32).optional(),
        range: z.array(z.string().regex(/^(?:[0-9a-f]{2})+$/)).optional(),
        or: z.array(z.string().regex(/^[0-9a-f]{320}$/)).optional(),
        product: z.array(z.string().regex(/^[0-9a-f]{320}$/)).optional(),
      })
      .strict(),
  })
  .strict();

export type Bill = z.infer<typeof BillSchema>;
