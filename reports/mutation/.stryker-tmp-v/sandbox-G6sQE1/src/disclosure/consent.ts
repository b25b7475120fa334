/**
 * The user's consent to a disclosure (PROTOCOL.md section 7): who may receive it, for what purpose,
 * exactly which facts (the query's digest), and until when. The user signs
 *
 *   "meterproof/v1/consent" ‖ 0x00 ‖ SHA-256(JCS(consent))
 *
 * with their Ed25519 key (role "user"). The disclosure's proofs absorb the same digest (statement.ts),
 * so a disclosure is bound to one consent: the provider, or anyone else, can check it, but cannot make
 * one (that needs the user's key for a new consent, and the openings for new proofs), nor point an
 * existing one at another recipient, query or expiry.
 */
// @ts-nocheck

import { sha256 } from '@noble/hashes/sha2.js';
import { z } from 'zod';
import { toHex, utf8 } from '../core/bytes.js';
import { signDigest, verifyDigest } from '../core/ed25519.js';
import { MeterproofError } from '../core/errors.js';
import { canonicalJson } from '../core/jcs.js';
import type { PublicKey, SecretKey } from '../core/keys.js';
import { isoUtc } from '../core/time.js';
import { METER_ID_RE } from '../meter/record.js';
import { queryDigest, type Query } from './query.js';

export const CONSENT_TYPE = 'meterproof/consent';
export const CONSENT_CONTEXT = 'meterproof/v1/consent';

/** Consent times are UTC, whole seconds: "2024-05-01T12:00:00Z". */
export const UTC_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;
/** Printable text without control characters: what a person reads on a consent screen. */
const Text = (max: number) => z.string().min(1).max(max).regex(/^[^\p{Cc}]*$/u, 'no control characters');

export const ConsentSchema = z
  .object({
    v: z.literal(1),
    type: z.literal(CONSENT_TYPE),
    /** Who may receive the disclosure: an id string (the recipient's key kid is a good choice). */
    recipient: Text(128),
    purpose: Text(500),
    /** SHA-256 (hex) of the query's RFC 8785 canonical JSON. */
    queryDigest: z.string().regex(/^[0-9a-f]{64}$/, '32 bytes of lowercase hex'),
    issued: z.string().regex(UTC_RE, 'a UTC time such as 2024-05-01T12:00:00Z'),
    expires: z.string().regex(UTC_RE, 'a UTC time such as 2024-05-01T12:00:00Z'),
    /** The kid (RFC 7638 thumbprint) of the user key that signs the consent. */
    user: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'an RFC 7638 key thumbprint'),
    meter: z.string().regex(METER_ID_RE, 'letters, digits and . _ : - (1 to 64)'),
  })
  .strict();

export type Consent = z.infer<typeof ConsentSchema>;

/** Parses a UTC time "YYYY-MM-DDTHH:MM:SSZ" to Unix seconds; undefined if it is not one (or not a real date). */
export function parseUtc(text: string): number | undefined {
  const m = UTC_RE.exec(text);
  if (!m) return undefined;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) / 1000;
  return isoUtc(t) === text ? t : undefined;
}

export function consentDigest(c: Consent): Uint8Array {
  return sha256(utf8(canonicalJson(c)));
}

export interface ConsentTerms {
  readonly recipient: string;
  readonly purpose: string;
  /** UTC, "YYYY-MM-DDTHH:MM:SSZ". */
  readonly expires: string;
  /** UTC; by default now. */
  readonly issued?: string;
}

/** The user's side: the consent for `query` on these terms, signed with the user's key. */
export function signConsent(query: Query, terms: ConsentTerms, userKey: SecretKey, now: number = Math.floor(Date.now() / 1000)): { consent: Consent; signature: string } {
  if (userKey.role !== 'user') throw new MeterproofError('key.invalid', `a consent is signed with a user key, not a ${userKey.role} key`);
  const consent = {
    v: 1 as const,
    type: CONSENT_TYPE,
    recipient: terms.recipient,
    purpose: terms.purpose,
    queryDigest: toHex(queryDigest(query)),
    issued: terms.issued ?? isoUtc(now),
    expires: terms.expires,
    user: userKey.kid,
    meter: query.meter,
  };
  const r = ConsentSchema.safeParse(consent);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new MeterproofError('consent.invalid', `consent: ${i.path.join('.') || '(top)'}: ${i.message}`);
  }
  const issued = parseUtc(consent.issued);
  const expires = parseUtc(consent.expires);
  if (issued === undefined || expires === undefined) throw new MeterproofError('consent.invalid', 'consent: issued and expires must be real UTC times');
  if (expires <= issued) throw new MeterproofError('consent.invalid', `consent: it expires (${consent.expires}) before it is issued (${consent.issued})`);
  return { consent: r.data, signature: toHex(signDigest(CONSENT_CONTEXT, userKey.secret, consentDigest(r.data))) };
}

export function verifyConsentSignature(c: Consent, userKey: PublicKey, signature: Uint8Array): boolean {
  return verifyDigest(CONSENT_CONTEXT, userKey.bytes, consentDigest(c), signature);
}
