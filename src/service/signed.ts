/**
 * The service's signed documents: meter and user registrations and receipts (signed by the provider),
 * refusals (signed by the user). Each is signed as
 *
 *   Ed25519( context ‖ 0x00 ‖ SHA-256(JCS(document without "signature")) )
 *
 * with a context string per document type, so a signature made for one purpose is never valid for
 * another (PROTOCOL.md section 2; the bill, tariff, record and consent contexts are disjoint from these).
 * Portable: a client (the agent, an arbiter) checks them offline with the provider's public key.
 */
import { sha256 } from '../core/hash.js';
import { concatBytes, fromBase64url, fromHex, toHex, utf8 } from '../core/bytes.js';
import { ed25519Backend } from '../core/ed25519.js';
import { canonicalJson } from '../core/jcs.js';
import type { PublicKey, SecretKey } from '../core/keys.js';
import type { MeterRegistration, Receipt, Refusal, UserRegistration } from './api.js';

export const CONTEXTS = {
  'meterproof/meter-registration': 'meterproof/v1/registration',
  'meterproof/user-registration': 'meterproof/v1/user-registration',
  'meterproof/receipt': 'meterproof/v1/receipt',
  'meterproof/refusal': 'meterproof/v1/refusal',
} as const;

type Signed = MeterRegistration | UserRegistration | Receipt | Refusal;
type Unsigned<T> = Omit<T, 'signature'>;

/** SHA-256 of the RFC 8785 JSON of the document without its signature. */
export function documentDigest(doc: { type: string; signature?: string }): Uint8Array {
  const { signature: _s, ...rest } = doc as Record<string, unknown>;
  return sha256(utf8(canonicalJson(rest)));
}

function input(type: keyof typeof CONTEXTS, digest: Uint8Array): Uint8Array {
  return concatBytes(utf8(CONTEXTS[type]), Uint8Array.of(0), digest);
}

export function signDocument<T extends Signed>(doc: Unsigned<T>, key: SecretKey): T {
  const type = (doc as { type: keyof typeof CONTEXTS }).type;
  const sig = ed25519Backend().sign(key.secret, input(type, documentDigest(doc as { type: string })));
  return { ...doc, signature: toHex(sig) } as T;
}

/** Whether the document is signed by `key` for its type. Never throws. */
export function verifyDocument(doc: Signed, key: PublicKey): boolean {
  try {
    const type = doc.type as keyof typeof CONTEXTS;
    if (!(type in CONTEXTS) || !/^[0-9a-f]{128}$/.test(doc.signature)) return false;
    return ed25519Backend().verify(key.bytes, input(type, documentDigest(doc)), fromHex(doc.signature, 64));
  } catch {
    return false;
  }
}

/** The raw 32-byte key of a JWK's x (the caller validated the JWK's shape). */
export function jwkBytes(jwk: { x: string }): Uint8Array {
  return fromBase64url(jwk.x, 32);
}

/** A user's signed refusal of a disclosure request (for clients: the agent refuses with this). */
export function signRefusal(r: Unsigned<Refusal>, userKey: SecretKey): Refusal {
  return signDocument<Refusal>(r, userKey);
}
