/**
 * Ed25519 keys as JWK (RFC 8037: kty "OKP", crv "Ed25519", x = public key, d = secret seed), with the
 * key's role recorded so a meter key is never taken for a provider key. The key id is the RFC 7638
 * thumbprint.
 */
// @ts-nocheck

import { sha256 } from '@noble/hashes/sha2.js';
import { fromBase64url, randomBytes, toBase64url, utf8, equalBytes } from './bytes.js';
import { ed25519Backend } from './ed25519.js';
import { MeterproofError } from './errors.js';
import { canonicalJson } from './jcs.js';

export type Role = 'meter' | 'provider' | 'user';
export const ROLES: readonly Role[] = ['meter', 'provider', 'user'];

export interface PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  use: 'sig';
  meterproof_role: Role;
}

export interface SecretJwk extends PublicJwk {
  d: string;
}

export interface PublicKey {
  readonly role: Role;
  readonly kid: string;
  readonly bytes: Uint8Array;
}

export interface SecretKey extends PublicKey {
  /** 32-byte seed. Never logged, never put into an error message. */
  readonly secret: Uint8Array;
}

/** RFC 7638 JWK thumbprint of an Ed25519 public key. */
export function thumbprint(publicKey: Uint8Array): string {
  return toBase64url(sha256(utf8(canonicalJson({ crv: 'Ed25519', kty: 'OKP', x: toBase64url(publicKey) }))));
}

export function generateKey(role: Role, rng: (n: number) => Uint8Array = randomBytes): { secret: SecretJwk; public: PublicJwk } {
  const sk = rng(32);
  const pk = ed25519Backend().publicKey(sk);
  const pub: PublicJwk = { kty: 'OKP', crv: 'Ed25519', x: toBase64url(pk), kid: thumbprint(pk), use: 'sig', meterproof_role: role };
  return { secret: { ...pub, d: toBase64url(sk) }, public: pub };
}

function bad(what: string): never {
  throw new MeterproofError('key.invalid', what);
}

function readRole(j: Record<string, unknown>, expected: Role | undefined, file: string): Role {
  const role = j.meterproof_role;
  if (!ROLES.includes(role as Role)) bad(`${file}: not a meterproof key (no meterproof_role)`);
  if (expected && role !== expected) bad(`${file} is a ${String(role)} key, but a ${expected} key is needed here`);
  return role as Role;
}

/** Reads a public JWK (a secret JWK is accepted too and only its public part used). */
export function parsePublicJwk(json: unknown, expected?: Role, file = 'key'): PublicKey {
  if (typeof json !== 'object' || json === null) bad(`${file}: not a JSON object`);
  const j = json as Record<string, unknown>;
  if (j.kty !== 'OKP' || j.crv !== 'Ed25519') bad(`${file}: not an Ed25519 JWK (kty OKP, crv Ed25519)`);
  const role = readRole(j, expected, file);
  let bytes: Uint8Array;
  try {
    bytes = fromBase64url(String(j.x), 32);
  } catch {
    bad(`${file}: "x" is not a 32-byte base64url public key`);
  }
  return { role, kid: thumbprint(bytes), bytes };
}

export function parseSecretJwk(json: unknown, expected?: Role, file = 'key'): SecretKey {
  const pub = parsePublicJwk(json, expected, file);
  const j = json as Record<string, unknown>;
  if (typeof j.d !== 'string') bad(`${file} is a public key; the secret key file (with "d") is needed here`);
  let secret: Uint8Array;
  try {
    secret = fromBase64url(j.d, 32);
  } catch {
    bad(`${file}: "d" is not a 32-byte base64url secret key`);
  }
  if (!equalBytes(ed25519Backend().publicKey(secret), pub.bytes)) bad(`${file}: "d" and "x" are not one key pair`);
  return { ...pub, secret };
}

export function publicJwk(key: PublicKey): PublicJwk {
  return { kty: 'OKP', crv: 'Ed25519', x: toBase64url(key.bytes), kid: key.kid, use: 'sig', meterproof_role: key.role };
}
