/**
 * Shared fixtures for the disclosure tests: three local days of hourly readings in Los Angeles around
 * the 2012 spring DST change (2012-03-10 has 24 hours, 03-11 has 23, 03-12 has 24: 71 records), keys
 * from seeded randomness, and a prover with a fixed clock.
 */
// @ts-nocheck

import { proveDisclosure, type ProveDisclosureInput } from '../../src/disclosure/prove.js';
import type { QueryItem } from '../../src/disclosure/query.js';
import { verifyDisclosure, type VerifyDisclosureInput } from '../../src/disclosure/verify.js';
import { seededRng } from '../../src/core/rng.js';
import { keys, meterLog } from '../helpers.js';

export const TZ = 'America/Los_Angeles';
/** 2012-03-10T00:00:00-08:00 */
export const T0 = 1331366400;
export const HOUR = 3600;
/** The fixed clock: 2012-04-01T00:00:00Z, and the consent's expiry a month later. */
export const NOW = 1333238400;
export const EXPIRES = '2012-05-01T00:00:00Z';

export const meter = keys('meter', 'disclosure-meter');
export const user = keys('user', 'disclosure-user');
export const provider = keys('provider', 'disclosure-provider');
export const RECIPIENT = provider.public.kid;

/** Reading of hour i: a spread of values with ties and zeros, deterministic. */
export function wh(i: number): number {
  return i % 17 === 5 ? 0 : 100 + ((i * 37) % 211);
}
export const intervals = Array.from({ length: 71 }, (_, i) => ({ start: T0 + i * HOUR, duration: HOUR, values: [wh(i)] }));
export const { log, priv } = meterLog(intervals, 'home-7', meter);

/** An instant at hour i of the log, in UTC ("Z") or with the local offset (PST before 03-11 02:00, PDT after). */
export function at(i: number, local = false): string {
  const t = T0 + i * HOUR;
  if (!local) return new Date(t * 1000).toISOString().replace('.000Z', 'Z');
  const offset = t < 1331460000 ? -8 : -7;
  const d = new Date((t + offset * 3600) * 1000).toISOString().replace('.000Z', '');
  return `${d}-0${-offset}:00`;
}

export function query(items: QueryItem[], over: Record<string, unknown> = {}) {
  return { v: 1, type: 'meterproof/query', meter: 'home-7', registers: ['import'], items, ...over };
}

export function prove(items: QueryItem[], over: Partial<ProveDisclosureInput> = {}) {
  return proveDisclosure({
    query: query(items),
    terms: { recipient: RECIPIENT, purpose: 'network planning', expires: EXPIRES },
    log,
    priv,
    userKey: user.secret,
    now: NOW,
    rng: seededRng(`disclosure/${JSON.stringify(items)}`),
    ...over,
  });
}

export function verify(disclosure: unknown, over: Partial<VerifyDisclosureInput> = {}) {
  return verifyDisclosure({ disclosure, meterKey: meter.public, userKey: user.public, recipient: RECIPIENT, now: NOW, ...over });
}

export function reason(disclosure: unknown, over: Partial<VerifyDisclosureInput> = {}): string {
  const r = verify(disclosure, over);
  return r.ok ? 'accepted' : r.reason;
}

/** Plain answers, straight from the readings. */
export const sumOf = (from: number, to: number) => intervals.slice(from, to).reduce((s, iv) => s + iv.values[0]!, 0);
export const maxOf = (from: number, to: number) => Math.max(...intervals.slice(from, to).map((iv) => iv.values[0]!));
