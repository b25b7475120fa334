/**
 * Ed25519 (RFC 8032) behind one small interface, so the core runs unchanged in Node and the browser.
 * The default backend is noble's audited pure-TypeScript ed25519; Node's edge registers a faster one
 * (node:crypto, ~12-16x faster) with `setEd25519Backend`. Nothing else knows which one runs.
 *
 * Every signature in the protocol signs `context ‖ 0x00 ‖ digest`, with a context string per use
 * (PROTOCOL.md section 2), so a signature made for one purpose is never valid for another.
 */
// @ts-nocheck

import { ed25519 } from '@noble/curves/ed25519.js';
import { concatBytes, utf8 } from './bytes.js';

export interface Ed25519Backend {
  readonly name: string;
  /** 32-byte secret seed → 32-byte public key. */
  publicKey(secretKey: Uint8Array): Uint8Array;
  sign(secretKey: Uint8Array, message: Uint8Array): Uint8Array;
  /** Never throws: false for malformed keys or signatures. */
  verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
}

export const nobleEd25519: Ed25519Backend = {
  name: 'noble',
  publicKey: (sk) => ed25519.getPublicKey(sk),
  sign: (sk, msg) => ed25519.sign(msg, sk),
  verify: (pk, msg, sig) => {
    try {
      return ed25519.verify(sig, msg, pk);
    } catch {
      return false;
    }
  },
};

let backend: Ed25519Backend = nobleEd25519;

export function setEd25519Backend(b: Ed25519Backend): void {
  backend = b;
}

export function ed25519Backend(): Ed25519Backend {
  return backend;
}

export type SignatureContext = 'meterproof/v1/record' | 'meterproof/v1/tariff' | 'meterproof/v1/bill' | 'meterproof/v1/consent';

export function signingInput(context: SignatureContext, digest: Uint8Array): Uint8Array {
  return concatBytes(utf8(context), Uint8Array.of(0), digest);
}

export function signDigest(context: SignatureContext, secretKey: Uint8Array, digest: Uint8Array): Uint8Array {
  return backend.sign(secretKey, signingInput(context, digest));
}

export function verifyDigest(
  context: SignatureContext,
  publicKey: Uint8Array,
  digest: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  return backend.verify(publicKey, signingInput(context, digest), signature);
}
