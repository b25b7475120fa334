/**
 * The provider-signed documents the agent checks (registrations, receipts) and the refusal it signs with
 * the user's key, as docs/service.md specifies them:
 *
 *   signature = Ed25519(key, context ‖ 0x00 ‖ SHA-256(JCS(document without "signature")))
 *
 * Portable: no Node built-ins.
 */
import { sha256 } from '../core/hash.js';
import { concatBytes, fromHex, toHex, utf8 } from '../core/bytes.js';
import { ed25519Backend } from '../core/ed25519.js';
import { canonicalJson } from '../core/jcs.js';
import type { PublicKey, SecretKey } from '../core/keys.js';
import { isoUtc } from '../core/time.js';
import type { Refusal } from '../service/api.js';

export const RECEIPT_CONTEXT = 'meterproof/v1/receipt';
export const REGISTRATION_CONTEXT = 'meterproof/v1/registration';
export const USER_REGISTRATION_CONTEXT = 'meterproof/v1/user-registration';
export const REFUSAL_CONTEXT = 'meterproof/v1/refusal';

function unsignedDigest(doc: Record<string, unknown>): Uint8Array {
  const { signature: _s, ...rest } = doc;
  return sha256(utf8(canonicalJson(rest)));
}

/** True when `doc.signature` is the signature of `key` on the document under `context`. Never throws. */
export function verifySignedDocument(doc: { signature: string } & Record<string, unknown>, context: string, key: PublicKey): boolean {
  try {
    const sig = fromHex(doc.signature, 64);
    return ed25519Backend().verify(key.bytes, concatBytes(utf8(context), Uint8Array.of(0), unsignedDigest(doc)), sig);
  } catch {
    return false;
  }
}

/** The user's signed refusal of a disclosure request. */
export function signRefusal(o: { request: string; account: string; reason?: string; now?: number }, userKey: SecretKey): Refusal {
  const doc = {
    v: 1 as const,
    type: 'meterproof/refusal' as const,
    request: o.request,
    account: o.account,
    user: userKey.kid,
    issued: isoUtc(o.now ?? Math.floor(Date.now() / 1000)),
    ...(o.reason !== undefined ? { reason: o.reason.slice(0, 500) } : {}),
  };
  const signature = ed25519Backend().sign(userKey.secret, concatBytes(utf8(REFUSAL_CONTEXT), Uint8Array.of(0), unsignedDigest(doc)));
  return { ...doc, signature: toHex(signature) };
}

/** The bill id: SHA-256 of the full bill's RFC 8785 JSON (hex), as the service computes it. */
export function billDigest(bill: unknown): string {
  return toHex(sha256(utf8(canonicalJson(bill))));
}
