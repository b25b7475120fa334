/**
 * node:crypto Ed25519 backend: 12-16x faster than pure TypeScript in Node. KeyObjects are cached,
 * since importing a key costs about as much as a signature.
 */
// @ts-nocheck

import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { setEd25519Backend, type Ed25519Backend } from '../core/ed25519.js';

// DER prefixes of PKCS#8 and SPKI for Ed25519 (RFC 8410): the raw 32 bytes follow.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

const MAX_CACHE = 64;
const secretCache = new Map<string, KeyObject>();
const publicCache = new Map<string, KeyObject>();

function cached(cache: Map<string, KeyObject>, raw: Uint8Array, make: () => KeyObject): KeyObject {
  const id = Buffer.from(raw).toString('base64');
  let k = cache.get(id);
  if (!k) {
    if (cache.size >= MAX_CACHE) cache.delete(cache.keys().next().value!);
    k = make();
    cache.set(id, k);
  }
  return k;
}

function secretKeyObject(sk: Uint8Array): KeyObject {
  if (sk.length !== 32) throw new RangeError('an Ed25519 secret key is 32 bytes');
  return cached(secretCache, sk, () =>
    createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, sk]), format: 'der', type: 'pkcs8' }),
  );
}

function publicKeyObject(pk: Uint8Array): KeyObject {
  return cached(publicCache, pk, () =>
    createPublicKey({ key: Buffer.concat([SPKI_PREFIX, pk]), format: 'der', type: 'spki' }),
  );
}

export const nodeEd25519: Ed25519Backend = {
  name: 'node:crypto',
  publicKey(sk) {
    const der = createPublicKey(secretKeyObject(sk)).export({ format: 'der', type: 'spki' });
    return new Uint8Array(der.subarray(SPKI_PREFIX.length));
  },
  sign(sk, msg) {
    return new Uint8Array(sign(null, msg, secretKeyObject(sk)));
  },
  verify(pk, msg, sig) {
    try {
      return verify(null, msg, publicKeyObject(pk), sig);
    } catch {
      return false;
    }
  },
};

/** Makes every signature in this process go through node:crypto. */
export function useNodeEd25519(): void {
  setEd25519Backend(nodeEd25519);
}
