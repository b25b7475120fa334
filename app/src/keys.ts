/**
 * The user's key (role "user"): it signs consents to disclosures and refusals. Made in this browser.
 * With WebCrypto Ed25519 (Chrome 137+, Firefox 129+, Safari 17+) the private key is non-extractable: the
 * page can sign with it but nobody, this code included, can read it out. Elsewhere noble's Ed25519 is
 * used with a random seed kept in IndexedDB. Ed25519 is deterministic (RFC 8032): both sign alike.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, toBase64url, toHex, utf8 } from '../../src/core/bytes.js';
import { canonicalJson } from '../../src/core/jcs.js';
import { thumbprint, type PublicJwk } from '../../src/core/keys.js';
import * as db from './db.js';
import { state } from './state.js';

async function webcryptoKey(): Promise<db.UserKeyRecord | undefined> {
  try {
    const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
    const publicKey = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
    return { kind: 'webcrypto', privateKey: pair.privateKey, publicKey };
  } catch {
    return undefined;
  }
}

export async function userKey(): Promise<db.UserKeyRecord> {
  if (state.userKey) return state.userKey;
  let k = await webcryptoKey();
  if (!k) {
    const secret = crypto.getRandomValues(new Uint8Array(32));
    k = { kind: 'noble', secret, publicKey: ed25519.getPublicKey(secret) };
  }
  await db.put('userKey', k);
  state.userKey = k;
  return k;
}

export function userJwk(k: db.UserKeyRecord): PublicJwk {
  return { kty: 'OKP', crv: 'Ed25519', x: toBase64url(k.publicKey), kid: thumbprint(k.publicKey), use: 'sig', meterproof_role: 'user' };
}

/** Signs context ‖ 0x00 ‖ SHA-256(JCS(doc)) with the user's key; the hex signature. */
export async function signDoc(k: db.UserKeyRecord, context: string, doc: unknown): Promise<string> {
  const msg = concatBytes(utf8(context), Uint8Array.of(0), sha256(utf8(canonicalJson(doc))));
  const sig = k.kind === 'webcrypto' ? new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, k.privateKey, msg as Uint8Array<ArrayBuffer>)) : ed25519.sign(msg, k.secret);
  return toHex(sig);
}
