/**
 * The disclosure file: a consent, the user's signature on it, the full query, the signed records the
 * query touches (in the bill's form: first seq, the hash before them, the meter's unit and register
 * names, [seq, start, duration, C…] tuples, the last hash and the meter's signature on it), one answer
 * per fact, and the proofs. It holds
 * commitments, hashes, signatures, the answers and zero-knowledge proofs; never a reading that is not an
 * answer, an opening or the seed.
 */
// @ts-nocheck

import { z } from 'zod';
import { RecordTuple } from '../bill/message.js';
import { RECORDS_MAX } from '../core/bounds.js';
import { LayoutSchema } from '../meter/layout.js';
import { ConsentSchema } from './consent.js';

const Hex32 = z.string().regex(/^[0-9a-f]{64}$/, '32 bytes of lowercase hex');
const Hex64 = z.string().regex(/^[0-9a-f]{128}$/, '64 bytes of lowercase hex');
const HexBytes = z.string().regex(/^(?:[0-9a-f]{2})+$/, 'lowercase hex');

export const DISCLOSURE_TYPE = 'meterproof/disclosure';
/** Version 2: records sign the meter's unit and register names (records.layout). Version 1 cannot be verified here. */
export const DISCLOSURE_VERSION = 2;

/** A revealed integer, written canonically (no sign on zero, no leading zeros), below 2^127 in size. */
export const ANSWER_RE = /^-?(0|[1-9][0-9]{0,37})$/;

export const DisclosureSchema = z
  .object({
    v: z.literal(DISCLOSURE_VERSION),
    type: z.literal(DISCLOSURE_TYPE),
    consent: ConsentSchema,
    /** The user's Ed25519 signature on the consent (context meterproof/v1/consent). */
    consentSignature: Hex64,
    /** The full query; its digest must be the consent's. */
    query: z.unknown(),
    records: z
      .object({
        firstSeq: z.number().int().min(0).safe(),
        /** Hash of the record before the first one included. */
        prev: Hex32,
        /** The meter's unit and register names: every record's hash includes them (src/meter/layout.ts). */
        layout: LayoutSchema,
        items: z.array(RecordTuple).min(1).max(RECORDS_MAX),
        lastHash: Hex32,
        /** The meter's signature on the last record, which authenticates the whole run. */
        lastSignature: Hex64,
      })
      .strict(),
    /** One per fact of the expanded query, in order: a decimal integer, or a boolean for a threshold. */
    answers: z.array(z.union([z.string().regex(ANSWER_RE, 'a decimal integer'), z.boolean()])).min(1),
    proof: z
      .object({
        /** Schnorr proofs of the revealed integers (readings, sums, linear values), in fact order. */
        linear: z.array(Hex64),
        /** One-of proofs that each revealed maximum is attained, in fact order. */
        oneof: z.array(HexBytes),
        /** Aggregated range proofs: thresholds and maxima's upper bounds. */
        range: z.array(HexBytes),
      })
      .strict(),
  })
  .strict();

export type Disclosure = z.infer<typeof DisclosureSchema>;
