/**
 * Signed tariffs. The digest is SHA-256 of the tariff's RFC 8785 canonical JSON (PROTOCOL.md section 4);
 * the provider signs "meterproof/v1/tariff" ‖ 0x00 ‖ digest.
 */
// @ts-nocheck

import { sha256 } from '@noble/hashes/sha2.js';
import { z } from 'zod';
import { fromHex, toHex, utf8 } from '../core/bytes.js';
import { signDigest, verifyDigest } from '../core/ed25519.js';
import { MeterproofError } from '../core/errors.js';
import { canonicalJson } from '../core/jcs.js';
import type { PublicKey, SecretKey } from '../core/keys.js';
import { assertTimeZone } from './calendar.js';
import { TariffSchema, type Tariff } from './model.js';
import { checkTariffConsistency } from './rates.js';

export const SignedTariffSchema = z
  .object({
    v: z.literal(1),
    type: z.literal('meterproof/signed-tariff'),
    tariff: z.unknown(),
    digest: z.string().regex(/^[0-9a-f]{64}$/),
    /** RFC 7638 thumbprint of the provider key, to pick the right key. */
    kid: z.string().min(1).max(64),
    signature: z.string().regex(/^[0-9a-f]{128}$/),
  })
  .strict();

export type SignedTariff = z.infer<typeof SignedTariffSchema>;

export function tariffDigest(tariffJson: unknown): Uint8Array {
  return sha256(utf8(canonicalJson(tariffJson)));
}

/** Validates a tariff document fully (schema, time zone, schedules); throws MeterproofError 'tariff.invalid'. */
export function parseTariff(json: unknown): Tariff {
  const r = TariffSchema.safeParse(json);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new MeterproofError('tariff.invalid', `tariff: ${i.path.join('.') || '(top)'}: ${i.message}`);
  }
  assertTimeZone(r.data.timezone);
  checkTariffConsistency(r.data);
  return r.data;
}

export function signTariff(tariffJson: unknown, key: SecretKey): SignedTariff {
  if (key.role !== 'provider') throw new MeterproofError('key.invalid', `tariffs are signed with a provider key, not a ${key.role} key`);
  const tariff = parseTariff(tariffJson); // normalised: defaults written out, so the signed bytes say everything
  const digest = tariffDigest(tariff);
  return {
    v: 1,
    type: 'meterproof/signed-tariff',
    tariff,
    digest: toHex(digest),
    kid: key.kid,
    signature: toHex(signDigest('meterproof/v1/tariff', key.secret, digest)),
  };
}

export type TariffCheck =
  | { ok: true; tariff: Tariff; digest: Uint8Array }
  | { ok: false; reason: 'tariff.malformed' | 'tariff.digest' | 'tariff.signature'; detail: string };

/** Checks a signed tariff against the provider's key. Never throws. */
export function checkSignedTariff(json: unknown, provider: PublicKey): TariffCheck {
  const s = SignedTariffSchema.safeParse(json);
  if (!s.success) return { ok: false, reason: 'tariff.malformed', detail: 'not a signed tariff document' };
  let tariff: Tariff;
  try {
    tariff = parseTariff(s.data.tariff);
  } catch (e) {
    return { ok: false, reason: 'tariff.malformed', detail: e instanceof MeterproofError ? e.message : 'invalid tariff' };
  }
  const digest = tariffDigest(s.data.tariff);
  if (toHex(digest) !== s.data.digest) return { ok: false, reason: 'tariff.digest', detail: 'the tariff does not match its digest' };
  if (!verifyDigest('meterproof/v1/tariff', provider.bytes, digest, fromHex(s.data.signature))) {
    return { ok: false, reason: 'tariff.signature', detail: 'the tariff signature does not verify under the provider key' };
  }
  return { ok: true, tariff, digest };
}
