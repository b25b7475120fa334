/**
 * The signed documents the agent checks and makes, with the service's own code (src/service/signed.ts,
 * portable): the provider's signature on registrations and receipts, the user's on refusals,
 *
 *   signature = Ed25519(key, context ‖ 0x00 ‖ SHA-256(JCS(document without "signature"))),
 *
 * and the bill id, which the agent recomputes rather than trusting the service's.
 *
 * Portable: no Node built-ins.
 */
import { sha256 } from '../core/hash.js';
import { toHex, utf8 } from '../core/bytes.js';
import { canonicalJson } from '../core/jcs.js';
import type { PublicKey, SecretKey } from '../core/keys.js';
import { isoUtc } from '../core/time.js';
import type { MeterRegistration, Receipt, Refusal } from '../service/api.js';
import { signRefusal as signRefusalDocument, verifyDocument } from '../service/signed.js';

/** True when the provider key signed this registration or receipt (for its type). Never throws. */
export function providerSigned(doc: MeterRegistration | Receipt, providerKey: PublicKey): boolean {
  return verifyDocument(doc, providerKey);
}

/** The user's signed refusal of a disclosure request. */
export function signRefusal(o: { request: string; account: string; reason?: string; now?: number }, userKey: SecretKey): Refusal {
  return signRefusalDocument(
    {
      v: 1,
      type: 'meterproof/refusal',
      request: o.request,
      account: o.account,
      user: userKey.kid,
      issued: isoUtc(o.now ?? Math.floor(Date.now() / 1000)),
      ...(o.reason !== undefined ? { reason: o.reason.replace(/\p{Cc}/gu, ' ').slice(0, 500) } : {}),
    },
    userKey,
  );
}

/** The bill id: SHA-256 of the full bill's RFC 8785 JSON (hex), as the service computes it. */
export function billDigest(bill: unknown): string {
  return toHex(sha256(utf8(canonicalJson(bill))));
}
